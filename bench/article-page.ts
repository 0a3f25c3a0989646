// `npm run bench`: the article page through the normal serving path, and cold
// rendering with the page cache bypassed, each against a plain node:http server
// that returns the same bytes, measured in the same run on the same machine.
//
//   served      — the app as deployed: page cache on, ETag, security headers.
//   cache off   — PAGE_CACHE_ENTRIES=0: every request reads the article from the
//                 database and renders it (shared rails are memoised per content
//                 generation, as in production).
//   in-process  — the same cold path without HTTP, and the render step alone.
//
// Each HTTP run is made twice: as wrk sends by default, with no Accept-Encoding
// (the plain page), and with `Accept-Encoding: br`, as browsers get it. The reference
// answers each with the same bytes the app sends for it.
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
import { wordCount } from '../src/doc/index.js';
import { benchmarkStorySlug } from '../src/demo/index.js';
import { loadInTurn, warmUp, type LoadResult } from './load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** Each server's SECONDS are split into this many rounds, the servers taking turns (load.ts, loadInTurn). */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const CODINGS = ['identity', 'gzip', 'br'] as const;
const root = new URL('..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-'));
const children: ChildProcess[] = [];

function startChild(script: string, args: string[], env: Record<string, string>): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(Number(line)));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function timeLoop(seconds: number, work: () => Promise<unknown> | unknown): Promise<number> {
  return (async () => {
    for (let i = 0; i < 50; i++) await work(); // warm-up: JIT and caches
    let count = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    while (performance.now() < deadline) {
      await work();
      count++;
    }
    return count / ((performance.now() - started) / 1000);
  })();
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const row = (label: string, r: LoadResult, ratio: number) =>
  `${label.padEnd(34)} ${fmt(r.requestsPerSecond).padStart(8)} req/s  p50 ${r.p50Ms.toFixed(2).padStart(6)} ms  p99 ${r.p99Ms.toFixed(2).padStart(6)} ms  ratio ${ratio.toFixed(2)}×`;

try {
  // 1. A demo site on SQLite, seeded in this process, then closed so the servers own the data.
  const env = { DATA_DIR: dataDir, DATELINE_DEMO: '1', SITE_URL: 'http://127.0.0.1', LOG_LEVEL: 'silent' };
  const seeded = await createApp(loadConfig(env, root), { log: pino({ level: 'silent' }), backgroundJobs: false });
  await seeded.finishDemoPictures();
  await seeded.variantWorker.drain();
  const row0 = await seeded.database.db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.slug', 'sections.slug as section'])
    .where('articles.slug', '=', benchmarkStorySlug)
    .executeTakeFirstOrThrow();
  const view = (await seeded.services.read.view(row0.id))!;
  const words = wordCount(view.body);
  const path = `/${encodeURIComponent(row0.section)}/${encodeURIComponent(row0.slug)}`;
  const first = await seeded.app.inject(path);
  if (first.statusCode !== 200) throw new Error(`benchmark article answered ${first.statusCode}`);
  const encoded = async (url: string) => {
    const answers = await Promise.all(CODINGS.map((coding) => seeded.app.inject({ url, headers: coding === 'identity' ? {} : { 'accept-encoding': coding } })));
    return Object.fromEntries(CODINGS.map((coding, i) => [coding, answers[i]!])) as Record<(typeof CODINGS)[number], Awaited<ReturnType<typeof seeded.app.inject>>>;
  };
  const article = await encoded(path);
  const home = await encoded('/');

  // 2. In-process cold render: one core, no HTTP, no cache.
  const coldFull = await timeLoop(3, async () => {
    const v = await seeded.services.read.view(row0.id);
    return seeded.services.pages.article(v!);
  });
  const data = await seeded.services.pages.articleData(view);
  const renderOnly = await timeLoop(3, () => seeded.services.pages.renderArticle(data));
  await seeded.close();

  // 3. Servers in their own processes: the app (cached), the app with the cache off, the reference.
  const pagesFile = join(dataDir, 'pages.json');
  const pages: Record<string, { file: string; headers: Record<string, string> }> = {};
  for (const coding of CODINGS) {
    const res = article[coding];
    const file = join(dataDir, `page.html.${coding}`);
    writeFileSync(file, res.rawPayload);
    // Every header the app sends, security headers and Surrogate-Key included, so the reference
    // writes the same bytes; its X-Request-Id is the one this answer got (the app makes a new one of
    // the same length for each request). Node adds Date, Connection and Keep-Alive to both.
    const headers = Object.fromEntries(
      Object.entries(res.headers)
        .filter(([h, v]) => v !== undefined && !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(h))
        .map(([h, v]) => [h, String(v)]),
    );
    pages[coding] = { file, headers };
  }
  writeFileSync(pagesFile, JSON.stringify(pages));
  const refPort = await startChild('reference-server.ts', [pagesFile], {});
  const appPort = await startChild('app-server.ts', [], { ...env, DATELINE_DEMO: '0' });
  const coldPort = await startChild('app-server.ts', [], { ...env, DATELINE_DEMO: '0', PAGE_CACHE_ENTRIES: '0' });

  const brotli = { 'accept-encoding': 'br' };
  await warmUp([`http://127.0.0.1:${refPort}/`, `http://127.0.0.1:${appPort}${path}`, `http://127.0.0.1:${coldPort}${path}`], [{}, brotli], CONNECTIONS);
  const roundSeconds = Math.max(2, Math.round(SECONDS / ROUNDS));
  const inTurn = (headers: Record<string, string>) =>
    loadInTurn([`http://127.0.0.1:${refPort}/`, `http://127.0.0.1:${appPort}${path}`, `http://127.0.0.1:${coldPort}${path}`].map((url) => ({ url, headers })), roundSeconds, CONNECTIONS, ROUNDS);
  const plain = await inTurn({});
  const br = await inTurn(brotli);
  const [reference, served, coldHttp] = plain.results as [LoadResult, LoadResult, LoadResult];
  const [referenceBr, servedBr, coldBr] = br.results as [LoadResult, LoadResult, LoadResult];

  const sizes = (label: string, r: typeof article) => `${label.padEnd(34)} ${CODINGS.map((c) => fmt(r[c].rawPayload.length).padStart(8)).join(' ')}`;
  console.log(`\nPage sizes in bytes${' '.repeat(16)} ${CODINGS.map((c) => c.padStart(8)).join(' ')}`);
  console.log(sizes('home page', home));
  console.log(sizes('article page (long-read)', article));
  console.log(
    `\nDateline article page benchmark (${words} words, ${fmt(first.rawPayload.length)} bytes, ${ROUNDS} rounds of ${roundSeconds}s × ${CONNECTIONS} connections, servers in turn, load by ${reference.tool}; median round, median ratio)\n`,
  );
  console.log(row('reference node:http (same bytes)', reference, plain.ratios[0]!));
  console.log(row('article page, served (page cache)', served, plain.ratios[1]!));
  console.log(row('article page, cache off (HTTP)', coldHttp, plain.ratios[2]!));
  console.log(row('reference, br (same bytes)', referenceBr, br.ratios[0]!));
  console.log(row('article page, served, br', servedBr, br.ratios[1]!));
  console.log(row('article page, cache off, br', coldBr, br.ratios[2]!));
  console.log(`${'cold render in-process (read+render)'.padEnd(34)} ${fmt(coldFull).padStart(8)} pages/s (one core)`);
  console.log(`${'render step only (template+body)'.padEnd(34)} ${fmt(renderOnly).padStart(8)} pages/s (one core)`);
  console.log(`\nTargets: served ≥ 0.80× reference → ${plain.ratios[1]!.toFixed(2)}× plain, ${br.ratios[1]!.toFixed(2)}× br; cold render ≥ 2,000 pages/s → ${fmt(coldFull)}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
}
