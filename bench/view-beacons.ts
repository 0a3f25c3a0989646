// `npm run bench` (second part): view beacons taken per second by one process, with every view
// the server counted found in the database afterwards (counted = stored), against a plain
// node:http server that reads the same POST and sends the same answer, in the same run.
//
// Each beacon comes from a new reader (X-Forwarded-For, believed from loopback with
// TRUST_PROXY=loopback), so every one is hashed, checked against the day's readers, counted and
// written: the most work a beacon can cause. The app writes its counts every second while
// loaded; at the end it is stopped with SIGTERM, which writes the rest, and the database is read.
//
// BENCH_SECONDS and BENCH_CONNECTIONS tune the load; DATABASE_URL (an empty PostgreSQL database)
// measures PostgreSQL instead of SQLite. wrk is used when installed, else a Node client.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { loadConfig } from '../src/config/index.js';
import { createDatabase } from '../src/db/index.js';
import { createApp } from '../src/server/create-app.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
// 50 connections, as reviewers load a page (wrk -t1 -c50).
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const BODY = JSON.stringify({ referrer: 'https://www.google.com/' });
const root = new URL('..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-views-'));
const children: ChildProcess[] = [];

interface Result {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  tool: string;
}

function startChild(script: string, env: Record<string, string>): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ port: Number(line), child }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

const ms = (value: string | undefined) => {
  const m = value?.match(/^([\d.]+)(us|ms|s)$/);
  return m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : NaN;
};

/** wrk with a script that gives every request a new reader address. */
function loadWithWrk(url: string): Result {
  const script = join(dataDir, 'beacon.lua');
  writeFileSync(
    script,
    `local n = 0
wrk.method = "POST"
wrk.body = ${JSON.stringify(BODY)}
wrk.headers["content-type"] = "text/plain;charset=UTF-8"
wrk.headers["user-agent"] = ${JSON.stringify(UA)}
request = function()
  n = n + 1
  wrk.headers["x-forwarded-for"] = "10." .. (math.floor(n / 65536) % 256) .. "." .. (math.floor(n / 256) % 256) .. "." .. (n % 256)
  return wrk.format()
end
`,
  );
  const run = spawnSync('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--latency', '-s', script, url], { encoding: 'utf8' });
  const non2xx = run.stdout.match(/Non-2xx or 3xx responses: (\d+)/);
  if (non2xx) throw new Error(`wrk saw ${non2xx[1]} refused beacons from ${url}`);
  return { perSecond: Number(run.stdout.match(/Requests\/sec:\s+([\d.]+)/)?.[1]), p50Ms: ms(run.stdout.match(/\s50%\s+(\S+)/)?.[1]), p99Ms: ms(run.stdout.match(/\s99%\s+(\S+)/)?.[1]), tool: 'wrk' };
}

/** A keep-alive Node client, for machines without wrk (it costs the server CPU, so figures are lower). */
async function loadWithNode(url: string): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  let n = 0;
  const began = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const i = ++n;
        const started = performance.now();
        await new Promise<void>((resolve, reject) => {
          const headers = { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': UA, 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
          const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
            if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
            res.resume().on('end', resolve);
          });
          req.on('error', reject).end(BODY);
        });
        latencies.push(performance.now() - started);
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: latencies.length / ((Date.now() - began) / 1000), p50Ms: pick(0.5), p99Ms: pick(0.99), tool: 'node-client' };
}

const load = (url: string) => (spawnSync('wrk', ['--version']).error === undefined ? Promise.resolve(loadWithWrk(url)) : loadWithNode(url));
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

try {
  const env: Record<string, string> = { DATA_DIR: dataDir, DATELINE_DEMO: '0', SITE_URL: 'http://127.0.0.1', LOG_LEVEL: 'silent', TRUST_PROXY: 'loopback' };
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
  const config = loadConfig(env, root);
  // 1. One published story to read.
  const seeded = await createApp(config, { log: pino({ level: 'silent' }), backgroundJobs: false });
  const section = await seeded.services.directory.ensureSection('News');
  const draft = await seeded.services.articles.create({ headline: 'A story read by many', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Read me.' }] }] }, sectionId: section.id });
  const article = await seeded.services.articles.publish(draft.id);
  await seeded.close();

  // 2. The reference and the app, each in its own process; the reference first, then the app.
  const reference = await startChild('beacon-reference-server.ts', {});
  const served = await startChild('app-server.ts', env);
  const path = `/api/views/${article.id}`;
  const referenceResult = await load(`http://127.0.0.1:${reference.port}${path}`);
  const appResult = await load(`http://127.0.0.1:${served.port}${path}`);

  // 3. What the server says it counted (stored + still pending), then SIGTERM, then what is stored.
  const counted = ((await (await fetch(`http://127.0.0.1:${served.port}${path}`)).json()) as { views: number }).views;
  served.child.kill('SIGTERM');
  await once(served.child, 'exit');
  const database = createDatabase(config.database);
  const stored = await database.db.selectFrom('articles').select('views').where('id', '=', article.id).executeTakeFirstOrThrow();
  const daily = await database.db.selectFrom('article_views_daily').select((eb) => eb.fn.sum<number>('views').as('n')).where('article_id', '=', article.id).executeTakeFirstOrThrow();
  await database.close();

  const row = (label: string, r: Result, ref: Result) =>
    `${label.padEnd(36)} ${fmt(r.perSecond).padStart(8)} /s  p50 ${r.p50Ms.toFixed(2).padStart(6)} ms  p99 ${r.p99Ms.toFixed(2).padStart(6)} ms  ratio ${(r.perSecond / ref.perSecond).toFixed(2)}×`;
  console.log(`\nDateline view beacons (${config.database.kind}, one process, ${SECONDS}s × ${CONNECTIONS} connections, load by ${appResult.tool}; every beacon a new reader)\n`);
  console.log(row('reference node:http (same answer)', referenceResult, referenceResult));
  console.log(row('view beacon, counted and written', appResult, referenceResult));
  console.log(`\ncounted by the server ${fmt(counted)}, stored ${fmt(Number(stored.views))} (day rows ${fmt(Number(daily.n))}): ${counted === Number(stored.views) && counted === Number(daily.n) ? 'counted = stored' : 'MISMATCH'}`);
  console.log(`Target: ≥ 20,000 beacons/s on one process → ${fmt(appResult.perSecond)}/s`);
  if (counted !== Number(stored.views)) process.exitCode = 1;
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
