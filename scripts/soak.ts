/**
 * `npm run soak [-- --minutes N]`: mixed traffic at about 80% of the measured peak against
 * `dateline serve` with 2 workers on PostgreSQL and Redis (the test database and Redis of
 * TEST_DATABASE_URL / TEST_REDIS_URL, a fresh schema that is dropped afterwards), for 10 minutes
 * by default. Prints, per interval, throughput, p50/p99 per kind, errors and each process's
 * resident memory; exits 1 on any error or when a process grew more than 10% after warm-up.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { testDatabases } from '../test/support/databases.js';
import { testRedisUrl } from '../test/support/redis.js';
import { startServer } from '../test/support/server-process.js';
import { setUpDeskOverHttp } from '../test/support/http-desk.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, load: { type: 'string', default: '0.8' } } });
const minutes = Number(values.minutes);
const load = Number(values.load);
if (!(minutes > 0 && minutes <= 24 * 60) || !(load > 0 && load <= 1)) {
  console.error('soak: --minutes must be above 0 (up to 1440) and --load a fraction of the peak (0 to 1]');
  process.exit(2);
}
const postgres = (await testDatabases()).find((d) => d.name === 'postgres');
if (!postgres) {
  console.error('soak: needs PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)');
  process.exit(2);
}

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const KINDS = { article: 44, home: 10, section: 10, feed: 5, beacon: 20, contentApi: 5, adminSave: 5, upload: 1 } as const;
type Kind = keyof typeof KINDS;
const WHEEL: Kind[] = Object.entries(KINDS).flatMap(([kind, weight]) => Array<Kind>(weight).fill(kind as Kind));

const handle = await postgres.create();
const databaseUrl = handle.target.kind === 'postgres' ? handle.target.url : '';
const server = await startServer({ DATABASE_URL: databaseUrl, REDIS_URL: testRedisUrl, DATA_DIR: mkdtempSync(join(tmpdir(), 'dateline-soak-')), DATELINE_DEMO: '1', WEB_CONCURRENCY: '2', TRUST_PROXY: 'loopback', LOG_LEVEL: 'error' }, 120_000);
const base = server.url;
try {
  const desk = await setUpDeskOverHttp(base, server.setupPath()!);
  // The demo pictures are drawn in the background after start; let that settle before measuring.
  for (let i = 0; i < 120 && (await handle.db.selectFrom('media').select('id').where('variants_state', '!=', 'ready').execute()).length; i++) await new Promise((r) => setTimeout(r, 500));
  const stories = (await desk.request('GET', '/api/admin/articles?status=published&pageSize=100')).json.items as { id: string; url: string; section: { slug: string } }[];
  const sections = [...new Set(stories.map((s) => s.section.slug))];
  const contentKey = (await desk.request('POST', '/api/admin/api-keys', { name: 'Soak', scope: 'content-read' })).json.key as string;
  const draft = (await desk.request('POST', '/api/admin/articles', { headline: 'Soak draft', sectionId: (await desk.request('GET', '/api/admin/sections')).json[0].id })).json;
  let draftVersion = draft.version as number;
  const picture = await sharp({ create: { width: 800, height: 500, channels: 3, background: { r: 120, g: 60, b: 30 } } }).jpeg().toBuffer();
  let reader = 0;
  let saves = 0;
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

  /** One request of a kind; resolves to whether it succeeded. */
  async function hit(kind: Kind): Promise<boolean> {
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });
      await res.arrayBuffer();
      return res.status === 200;
    };
    switch (kind) {
      case 'article':
        return get(new URL(pick(stories).url).pathname);
      case 'home':
        return get('/');
      case 'section':
        return get(`/${pick(sections)}`);
      case 'feed':
        return get(pick(['/feed.json', '/rss', `/${pick(sections)}/rss`, '/sitemap.xml']));
      case 'contentApi':
        return get(`/ghost/api/content/posts/?key=${contentKey}&limit=10&include=tags,authors`);
      case 'beacon': {
        const n = ++reader;
        const res = await fetch(`${base}/api/views/${pick(stories).id}`, { method: 'POST', headers: { 'user-agent': CHROME, 'content-type': 'text/plain', 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` }, body: '{}' });
        await res.arrayBuffer();
        return res.status === 200;
      }
      case 'adminSave': {
        const res = await desk.request('PATCH', `/api/admin/articles/${draft.id}`, { standfirst: `Saved ${++saves} times`, version: draftVersion });
        if (res.status === 200) draftVersion = res.json.version;
        // Two saves racing on one version: the second is told of the conflict (409), which is the desk working.
        return res.status === 200 || res.status === 409;
      }
      case 'upload': {
        const form = new FormData();
        form.append('alt', 'Soak picture');
        form.append('file', new Blob([picture], { type: 'image/jpeg' }), 'soak.jpg');
        const res = await desk.request('POST', '/api/admin/media', undefined, form);
        // A server busy with pictures says so (503 IMAGE_BUSY, Retry-After): counted apart, not an error.
        return res.status === 201 || (res.status === 503 && res.json?.error?.code === 'IMAGE_BUSY');
      }
    }
  }

  // Peak: as many requests of the mix as 32 connections get through in 8 seconds.
  let done = 0;
  const peakUntil = Date.now() + 8000;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (Date.now() < peakUntil) {
      await hit(pick(WHEEL)).catch(() => false);
      done++;
    }
  }));
  const peak = done / 8;
  const rate = peak * load;
  console.log(`soak: peak ${peak.toFixed(0)} req/s for the mix; running at ${rate.toFixed(0)} req/s (${Math.round(load * 100)}%) for ${minutes} min against 2 workers on PostgreSQL + Redis`);

  const intervalMs = Math.min(60_000, (minutes * 60_000) / 5);
  const processes = () => {
    const children = readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return [server.pid, ...children];
  };
  const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  let samples = new Map<Kind, number[]>();
  let errors = 0;
  let totalErrors = 0;
  let behind = 0;
  let inFlight = 0;
  const memory: Map<number, number>[] = [];
  const end = Date.now() + minutes * 60_000;
  let nextReport = Date.now() + intervalMs;
  let owed = 0;
  let last = performance.now();
  let interval = 0;
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 10));
    const now = performance.now();
    owed += ((now - last) / 1000) * rate;
    last = now;
    for (; owed >= 1; owed--) {
      if (inFlight >= 256) {
        behind++;
        continue;
      }
      const kind = pick(WHEEL);
      const started = performance.now();
      inFlight++;
      hit(kind)
        .catch(() => false)
        .then((ok) => {
          inFlight--;
          if (!ok) errors++;
          const list = samples.get(kind) ?? [];
          samples.set(kind, list);
          list.push(performance.now() - started);
        });
    }
    if (Date.now() >= nextReport) {
      nextReport += intervalMs;
      interval++;
      const mem = new Map(processes().map((pid) => [pid, rss(pid)]));
      memory.push(mem);
      const count = [...samples.values()].reduce((a, l) => a + l.length, 0);
      const kinds = [...samples].map(([kind, list]) => {
        list.sort((a, b) => a - b);
        return `${kind} ${list[Math.floor(list.length / 2)]!.toFixed(1)}/${list[Math.floor(list.length * 0.99)]!.toFixed(1)}`;
      });
      console.log(`[${((interval * intervalMs) / 60_000).toFixed(1)} min] ${(count / (intervalMs / 1000)).toFixed(0)} req/s, errors ${errors}${behind ? `, ${behind} not sent (client behind)` : ''}; p50/p99 ms: ${kinds.join(', ')}; RSS MB: ${[...mem].map(([pid, mb]) => `${pid === server.pid ? 'primary' : pid} ${mb.toFixed(0)}`).join(', ')}`);
      totalErrors += errors;
      errors = 0;
      behind = 0;
      samples = new Map();
    }
  }
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
  totalErrors += errors;
  // Growth after warm-up: from the second report (the first includes start-up and JIT) to the last.
  const baseline = memory[Math.min(1, memory.length - 1)]!;
  const final = memory[memory.length - 1]!;
  const growth = [...final].filter(([pid]) => baseline.has(pid)).map(([pid, mb]) => ({ pid, growth: mb / baseline.get(pid)! - 1 }));
  const worst = Math.max(...growth.map((g) => g.growth));
  console.log(`soak: ${totalErrors} errors; memory growth after warm-up: ${growth.map((g) => `${g.pid === server.pid ? 'primary' : g.pid} ${(g.growth * 100).toFixed(1)}%`).join(', ')}`);
  if (totalErrors > 0 || worst > 0.1) {
    console.error(`soak: FAILED (${totalErrors} errors, worst growth ${(worst * 100).toFixed(1)}%; aim: 0 errors, ≤ 10%)`);
    process.exitCode = 1;
  } else console.log('soak: passed (0 errors, memory flat within 10%)');
} finally {
  await server.stop('SIGTERM');
  await handle.close();
}
