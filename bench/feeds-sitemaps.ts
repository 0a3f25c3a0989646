// `npm run bench:feeds`: the sitemap index, one month's sitemap and the site RSS (issue 8, part 9),
// for an archive of 10,000 and then 100,000 stories at the same density (~4,100 a month), so one
// month's sitemap is the same size in both and only the archive grows.
//
// Each measurement runs in a fresh child process on the seeded database: it starts the app, resets
// the kernel's peak-RSS mark (`5` into /proc/self/clear_refs), makes the first (cold) request, which
// reads the database, writes the document and compresses it, then reads VmHWM: the peak memory that
// one build took. Then once more after a publish (a rebuild), and 200 times from the cache.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config/index.js';
import { createApp } from '../src/server/create-app.js';
import { insertPictures, insertStories } from '../test/support/bulk-stories.js';

const root = new URL('..', import.meta.url).pathname;
const STEP_MS = 631_000; // 100,000 stories in two years
const END = Date.parse('2025-06-30T23:00:00Z');
const MONTH = '2025-06';
const ROUTES = ['/sitemap.xml', `/sitemaps/articles-${MONTH}.xml`, '/rss'];

function openApp(dataDir: string) {
  // DATABASE_URL (an empty PostgreSQL database or schema) measures PostgreSQL instead of SQLite.
  const env = { DATA_DIR: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent', SITE_URL: 'https://news.example.com', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) };
  return createApp(loadConfig(env, root), { log: pino({ level: 'silent' }), backgroundJobs: false });
}

function status(field: 'VmHWM' | 'VmRSS'): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(field))!;
  return Number(line.replace(/\D+/g, '')) * 1024;
}

/** In the child: one cold build of `route` with its peak memory, then warm requests. */
async function measure(dataDir: string, route: string) {
  const app = await openApp(dataDir);
  await app.app.inject('/healthz');
  global.gc?.();
  writeFileSync('/proc/self/clear_refs', '5');
  const before = status('VmRSS');
  const started = performance.now();
  const cold = await app.app.inject({ url: route, headers: { 'accept-encoding': 'br' } });
  const coldMs = performance.now() - started;
  const peak = status('VmHWM');
  if (cold.statusCode !== 200) throw new Error(`${route} → ${cold.statusCode}`);
  // After a publish (a new content generation) the document is built again: SQLite's page cache
  // (16 MB at most per connection) is warm by then, so this is the steady cost of a build.
  await app.announceChange();
  writeFileSync('/proc/self/clear_refs', '5');
  const beforeRebuild = status('VmRSS');
  const rebuildStarted = performance.now();
  await app.app.inject({ url: route, headers: { 'accept-encoding': 'br' } });
  const rebuildMs = performance.now() - rebuildStarted;
  const rebuildGrowth = status('VmHWM') - beforeRebuild;
  const plain = await app.app.inject(route);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await app.app.inject({ url: route, headers: { 'accept-encoding': 'br' } });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  await app.close();
  const urls = (plain.body.match(/<loc>|<item>/g) ?? []).length;
  console.log(JSON.stringify({ route, coldMs, rebuildMs, rebuildGrowth, warmP50: times[100], bytes: plain.rawPayload.length, brBytes: cold.rawPayload.length, entries: urls, rssBefore: before, peakGrowth: peak - before, peak }));
}

async function seed(dataDir: string, count: number, sections: string[], people: string[], tags: string[], pictures: string[]) {
  const app = await openApp(dataDir);
  const started = Date.now();
  // Newest first: the first 10,000 are the newest, so the month measured holds the same stories in both runs.
  const already = (await app.database.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const add = count - Number(already);
  await insertStories(app.database.db, { count: add, start: new Date(END - count * STEP_MS), stepMs: STEP_MS, sectionIds: sections, personIds: people, tagIds: tags, mediaIds: pictures, slugPrefix: `s${count}` });
  await app.announceChange();
  await app.close();
  return Date.now() - started;
}

if (process.argv[2] === '--measure') {
  await measure(process.argv[3]!, process.argv[4]!);
  process.exit(0);
}

const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-feeds-'));
const setup = await openApp(dataDir);
const { directory } = setup.services;
const sections = (await Promise.all(['News', 'Business', 'Sport', 'Culture', 'Science', 'World', 'Technology'].map((n) => directory.ensureSection(n)))).map((s) => s.id);
const people = (await Promise.all(Array.from({ length: 40 }, (_, i) => directory.ensurePerson(`Reporter ${i}`)))).map((p) => p.id);
const tags = (await Promise.all(Array.from({ length: 200 }, (_, i) => directory.ensureTag(`Topic ${i}`)))).map((t) => t.id);
const pictures = await insertPictures(setup.database.db, 100);
await setup.close();

console.log(`\nFeeds and sitemaps (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, through app.inject, brotli; each route in a fresh process)`);
console.log('  first: the first build after start, and how far it raised peak RSS; rebuild: the build after a publish;');
console.log('  cached: p50 of 200 requests served from the document cache; peak RSS: the whole process');
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
for (const count of [10_000, 100_000]) {
  const ms = await seed(dataDir, count, sections, people, tags, pictures);
  console.log(`\n${count.toLocaleString('en-US')} stories (seeded in ${ms} ms)`);
  console.log(`  ${'route'.padEnd(34)} ${'entries'.padStart(7)} ${'bytes'.padStart(9)} ${'br'.padStart(7)} ${'first'.padStart(7)} ${'+RSS'.padStart(8)} ${'rebuild'.padStart(8)} ${'+RSS'.padStart(8)} ${'cached'.padStart(8)} ${'peak RSS'.padStart(9)}`);
  for (const route of ROUTES) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', new URL(import.meta.url).pathname, '--measure', dataDir, route], { encoding: 'utf8', cwd: root });
    if (run.status !== 0) throw new Error(`measure ${route}: ${run.stderr}`);
    const r = JSON.parse(run.stdout.trim().split('\n').pop()!);
    const ms = (n: number, digits = 0) => `${n.toFixed(digits)} ms`;
    console.log(
      `  ${route.padEnd(34)} ${String(r.entries).padStart(7)} ${r.bytes.toLocaleString('en-US').padStart(9)} ${r.brBytes.toLocaleString('en-US').padStart(7)} ${ms(r.coldMs).padStart(7)} ${mb(r.peakGrowth).padStart(8)} ${ms(r.rebuildMs).padStart(8)} ${mb(r.rebuildGrowth).padStart(8)} ${ms(r.warmP50, 2).padStart(8)} ${mb(r.peak).padStart(9)}`,
    );
  }
}
