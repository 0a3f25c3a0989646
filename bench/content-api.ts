// `npm run bench:content-api`: the Content API's busiest call, /ghost/api/content/posts/?include=authors,tags,
// as a Ghost front end makes it, against a plain node:http server that returns the same bytes,
// measured in the same run on the same machine.
//
//   served     — the app as deployed: key check, answer cache (per content generation), ETag.
//   cache off  — PAGE_CACHE_ENTRIES=0: every request queries the database, renders 15 bodies
//                and serialises them.
//
// Each is loaded twice: as wrk sends by default (no Accept-Encoding) and with
// `Accept-Encoding: br`. Ghost 5 answered this call at 294 req/s on these machines; the
// aim is 50× that, 15,000 req/s.
//
// BENCH_SECONDS and BENCH_CONNECTIONS tune the load; wrk is used when installed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { loadConfig } from '../src/config/index.js';
import { createApp } from '../src/server/create-app.js';
import { load, warmUp, type LoadResult } from './load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const GHOST_REQUESTS_PER_SECOND = 294;
// 50 × 294 is 14,700; the issue rounds it up to 15,000, and so do we.
const TARGET = 15_000;
const CODINGS = ['identity', 'gzip', 'br'] as const;
const root = new URL('..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-content-api-'));
const children: ChildProcess[] = [];

function startChild(script: string, args: string[], env: Record<string, string>): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(Number(line)));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const row = (label: string, r: LoadResult, ref: LoadResult) =>
  `${label.padEnd(36)} ${fmt(r.requestsPerSecond).padStart(8)} req/s  p50 ${r.p50Ms.toFixed(2).padStart(6)} ms  p99 ${r.p99Ms.toFixed(2).padStart(6)} ms  ratio ${(r.requestsPerSecond / ref.requestsPerSecond).toFixed(2)}×`;

try {
  // 1. The demo site on SQLite, seeded here (pictures and all), then closed so the servers own the data.
  const env = { DATA_DIR: dataDir, DATELINE_DEMO: '1', SITE_URL: 'http://127.0.0.1', LOG_LEVEL: 'silent' };
  const seeded = await createApp(loadConfig(env, root), { log: pino({ level: 'silent' }), backgroundJobs: false });
  await seeded.finishDemoPictures();
  await seeded.variantWorker.drain();
  const owner = await seeded.services.users.add({ email: 'bench@example.com', name: 'Bench', role: 'admin', password: 'a long bench password' });
  const { key } = await seeded.services.auth.createApiKey({ name: 'Bench front end', scope: 'content-read', userId: owner.id });
  const path = `/ghost/api/content/posts/?include=authors,tags&key=${key}`;
  const answers = await Promise.all(CODINGS.map((coding) => seeded.app.inject({ url: path, headers: { 'accept-version': 'v5.0', ...(coding === 'identity' ? {} : { 'accept-encoding': coding }) } })));
  if (answers[0]!.statusCode !== 200) throw new Error(`the Content API answered ${answers[0]!.statusCode}: ${answers[0]!.body.slice(0, 300)}`);
  const posts = answers[0]!.json().posts.length as number;
  await seeded.close();

  // 2. The reference serves exactly the bytes and headers the app sent for each coding.
  const pagesFile = join(dataDir, 'answers.json');
  const pages: Record<string, { file: string; headers: Record<string, string> }> = {};
  CODINGS.forEach((coding, i) => {
    const res = answers[i]!;
    const file = join(dataDir, `posts.json.${coding}`);
    writeFileSync(file, res.rawPayload);
    const headers = Object.fromEntries(Object.entries(res.headers).filter(([name, value]) => value !== undefined && !['content-length', 'date', 'connection', 'keep-alive'].includes(name)).map(([name, value]) => [name, String(value)]));
    pages[coding] = { file, headers };
  });
  writeFileSync(pagesFile, JSON.stringify(pages));
  const refPort = await startChild('reference-server.ts', [pagesFile], {});
  const appPort = await startChild('app-server.ts', [], { ...env, DATELINE_DEMO: '0' });
  const coldPort = await startChild('app-server.ts', [], { ...env, DATELINE_DEMO: '0', PAGE_CACHE_ENTRIES: '0' });

  const version = { 'accept-version': 'v5.0' };
  const brotli = { ...version, 'accept-encoding': 'br' };
  await warmUp([`http://127.0.0.1:${refPort}/`, `http://127.0.0.1:${appPort}${path}`, `http://127.0.0.1:${coldPort}${path}`], [version, brotli], CONNECTIONS);
  const reference = await load(`http://127.0.0.1:${refPort}/`, SECONDS, CONNECTIONS, version);
  const served = await load(`http://127.0.0.1:${appPort}${path}`, SECONDS, CONNECTIONS, version);
  const cold = await load(`http://127.0.0.1:${coldPort}${path}`, Math.min(SECONDS, 5), CONNECTIONS, version);
  const referenceBr = await load(`http://127.0.0.1:${refPort}/`, SECONDS, CONNECTIONS, brotli);
  const servedBr = await load(`http://127.0.0.1:${appPort}${path}`, SECONDS, CONNECTIONS, brotli);

  console.log(`\nAnswer sizes in bytes${' '.repeat(15)} ${CODINGS.map((c) => c.padStart(8)).join(' ')}`);
  console.log(`${'posts/?include=authors,tags'.padEnd(36)} ${answers.map((a) => fmt(a.rawPayload.length).padStart(8)).join(' ')}`);
  console.log(`\nDateline Content API benchmark (${posts} posts with html, authors and tags; ${SECONDS}s × ${CONNECTIONS} connections, load by ${reference.tool})\n`);
  console.log(row('reference node:http (same bytes)', reference, reference));
  console.log(row('posts?include=authors,tags, served', served, reference));
  console.log(row('posts?include=authors,tags, cache off', cold, reference));
  console.log(row('reference, br (same bytes)', referenceBr, referenceBr));
  console.log(row('posts?include=authors,tags, served, br', servedBr, referenceBr));
  console.log(`\nTarget: ≥ ${fmt(TARGET)} req/s (50× Ghost's ${GHOST_REQUESTS_PER_SECOND}) → served ${fmt(served.requestsPerSecond)} (${(served.requestsPerSecond / GHOST_REQUESTS_PER_SECOND).toFixed(0)}×), br ${fmt(servedBr.requestsPerSecond)} (${(servedBr.requestsPerSecond / GHOST_REQUESTS_PER_SECOND).toFixed(0)}×)`);
} finally {
  for (const child of children) child.kill('SIGTERM');
}
