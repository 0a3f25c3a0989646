import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { testDatabases } from './databases.js';
import { testRedisUrl } from './redis.js';
import { startServer } from './server-process.js';
import { setUpDeskOverHttp } from './http-desk.js';

/**
 * The soak, for real: `dateline serve` with 2 workers on PostgreSQL (a fresh schema of the test
 * database, dropped afterwards) and Redis gets mixed reader and desk traffic at a share of the
 * mix's measured peak for a while. `npm run soak` runs it for 10 minutes and prints each
 * interval; the bounded test (test/e2e/soak.test.ts) runs it for seconds and asserts on the report.
 */
export const SOAK_KINDS = { article: 44, home: 10, section: 10, feed: 5, beacon: 20, contentApi: 5, adminSave: 5, upload: 1 } as const;
export type SoakKind = keyof typeof SOAK_KINDS;

export interface SoakInterval {
  /** Requests answered in the interval, per second. */
  throughput: number;
  errors: number;
  /** Requests the client could not send because 256 were already waiting (the server fell behind). */
  notSent: number;
  latency: Partial<Record<SoakKind, { count: number; p50: number; p99: number }>>;
  /** Resident memory per process in MB, keyed 'primary' or the worker's pid. */
  rssMb: Record<string, number>;
}

export interface SoakReport {
  peak: number;
  rate: number;
  intervals: SoakInterval[];
  errors: number;
  /** Memory growth per process from the second interval (after warm-up) to the last, as a fraction. */
  growth: Record<string, number>;
  /** A sample of what failed (status or error per kind), for the log. */
  failures: string[];
}

/** What the run's aim says of a report: zero errors and no process growing more than `maxGrowth`. */
export function soakVerdict(report: Pick<SoakReport, 'errors' | 'growth'>, maxGrowth = 0.1): { passed: boolean; worstGrowth: number; reasons: string[] } {
  const worstGrowth = Math.max(0, ...Object.values(report.growth));
  const reasons: string[] = [];
  if (report.errors > 0) reasons.push(`${report.errors} errors`);
  if (worstGrowth > maxGrowth) reasons.push(`memory grew ${(worstGrowth * 100).toFixed(1)}% after warm-up (aim ≤ ${(maxGrowth * 100).toFixed(0)}%)`);
  return { passed: reasons.length === 0, worstGrowth, reasons };
}

/** Growth per process from the baseline sample to the final one; processes not in both are left out. */
export function memoryGrowth(samples: Record<string, number>[]): Record<string, number> {
  if (samples.length === 0) return {};
  const baseline = samples[Math.min(1, samples.length - 1)]!;
  const final = samples[samples.length - 1]!;
  return Object.fromEntries(Object.entries(final).filter(([pid]) => baseline[pid]! > 0).map(([pid, mb]) => [pid, mb / baseline[pid]! - 1]));
}

/** The value below which `share` of the sorted list lies (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}

export function formatInterval(at: string, interval: SoakInterval): string {
  const kinds = Object.entries(interval.latency).map(([kind, l]) => `${kind} ${l.p50.toFixed(1)}/${l.p99.toFixed(1)}`);
  const rss = Object.entries(interval.rssMb).map(([pid, mb]) => `${pid} ${mb.toFixed(0)}`);
  return `[${at}] ${interval.throughput.toFixed(0)} req/s, errors ${interval.errors}${interval.notSent ? `, ${interval.notSent} not sent (client behind)` : ''}; p50/p99 ms: ${kinds.join(', ')}; RSS MB: ${rss.join(', ')}`;
}

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const WHEEL: SoakKind[] = Object.entries(SOAK_KINDS).flatMap(([kind, weight]) => Array<SoakKind>(weight).fill(kind as SoakKind));
const INTERVALS = 5;

export async function runSoak(options: { seconds: number; load: number; log?: (line: string) => void }): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const postgres = (await testDatabases()).find((d) => d.name === 'postgres');
  if (!postgres) throw new Error('the soak needs PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)');
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
    const failures: string[] = [];
    const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
    const failed = (kind: SoakKind, what: string) => {
      if (failures.length < 20) failures.push(`${kind}: ${what}`);
      return false;
    };

    /** One request of a kind; resolves to whether it succeeded. */
    async function hit(kind: SoakKind): Promise<boolean> {
      const get = async (path: string) => {
        const res = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });
        await res.arrayBuffer();
        return res.status === 200 || failed(kind, `${res.status} on ${path}`);
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
          return res.status === 200 || failed(kind, String(res.status));
        }
        case 'adminSave': {
          const res = await desk.request('PATCH', `/api/admin/articles/${draft.id}`, { standfirst: `Saved ${++saves} times`, version: draftVersion });
          if (res.status === 200) draftVersion = res.json.version;
          // Two saves racing on one version: the second is told of the conflict (409), which is the desk working.
          return res.status === 200 || res.status === 409 || failed(kind, String(res.status));
        }
        case 'upload': {
          const form = new FormData();
          form.append('alt', 'Soak picture');
          form.append('file', new Blob([picture], { type: 'image/jpeg' }), 'soak.jpg');
          const res = await desk.request('POST', '/api/admin/media', undefined, form);
          // A server busy with pictures says so (503 IMAGE_BUSY, Retry-After): counted apart, not an error.
          return res.status === 201 || (res.status === 503 && res.json?.error?.code === 'IMAGE_BUSY') || failed(kind, String(res.status));
        }
      }
    }
    const attempt = (kind: SoakKind) => hit(kind).catch((err: Error) => failed(kind, err.message));

    // Peak: as many requests of the mix as 32 connections get through in 8 seconds.
    let done = 0;
    const peakUntil = Date.now() + 8000;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (Date.now() < peakUntil) {
          await attempt(pick(WHEEL));
          done++;
        }
      }),
    );
    failures.length = 0; // the peak measures capacity; errors count from the soak itself
    const peak = done / 8;
    const rate = peak * options.load;
    log(`soak: peak ${peak.toFixed(0)} req/s for the mix; running at ${rate.toFixed(0)} req/s (${Math.round(options.load * 100)}%) for ${formatDuration(options.seconds)} against 2 workers on PostgreSQL + Redis`);

    const intervalMs = Math.min(60_000, (options.seconds * 1000) / INTERVALS);
    const processes = () => {
      const children = readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      return [server.pid, ...children];
    };
    const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    let samples = new Map<SoakKind, number[]>();
    let errors = 0;
    let totalErrors = 0;
    let notSent = 0;
    let inFlight = 0;
    const intervals: SoakInterval[] = [];
    const end = Date.now() + options.seconds * 1000;
    let nextReport = Date.now() + intervalMs;
    let owed = 0;
    let last = performance.now();
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, 10));
      const now = performance.now();
      owed += ((now - last) / 1000) * rate;
      last = now;
      for (; owed >= 1; owed--) {
        if (inFlight >= 256) {
          notSent++;
          continue;
        }
        const kind = pick(WHEEL);
        const started = performance.now();
        inFlight++;
        void attempt(kind).then((ok) => {
          inFlight--;
          if (!ok) errors++;
          const list = samples.get(kind) ?? [];
          samples.set(kind, list);
          list.push(performance.now() - started);
        });
      }
      if (Date.now() >= nextReport) {
        nextReport += intervalMs;
        const count = [...samples.values()].reduce((a, l) => a + l.length, 0);
        const latency: SoakInterval['latency'] = {};
        for (const [kind, list] of samples) {
          list.sort((a, b) => a - b);
          latency[kind] = { count: list.length, p50: percentile(list, 0.5), p99: percentile(list, 0.99) };
        }
        const rssMb = Object.fromEntries(processes().map((pid) => [pid === server.pid ? 'primary' : String(pid), rss(pid)]));
        const interval: SoakInterval = { throughput: count / (intervalMs / 1000), errors, notSent, latency, rssMb };
        intervals.push(interval);
        log(formatInterval(formatDuration((intervals.length * intervalMs) / 1000), interval));
        totalErrors += errors;
        errors = 0;
        notSent = 0;
        samples = new Map();
      }
    }
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
    totalErrors += errors;
    return { peak, rate, intervals, errors: totalErrors, growth: memoryGrowth(intervals.map((i) => i.rssMb)), failures };
  } finally {
    await server.stop('SIGTERM');
    await handle.close();
  }
}

function formatDuration(seconds: number): string {
  return seconds >= 60 ? `${(seconds / 60).toFixed(1)} min` : `${seconds.toFixed(0)} s`;
}
