import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-cli.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { promtoolAvailable, promtoolProblems } from '../support/promtool.js';

/**
 * The worker processes of a primary (by parent pid). By their command line too: a primary that had
 * TypeScript to compile (tsx's cache cold, on a fresh machine) also has esbuild's service as a child.
 */
function workersOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid), '-f', 'dateline\\.js serve'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

/** A GET on a new connection: a keep-alive connection to a killed worker is gone with it (a proxy in front retries; fetch does not). */
function freshGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent: false, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('timeout', function (this: import('node:http').ClientRequest) {
        this.destroy(new Error(`no answer from ${url} in 5 s`));
      })
      .on('error', reject);
  });
}

const METRICS_TOKEN = 'metrics-token-for-workers-0123456789';
const withPromtool = promtoolAvailable();

const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

test('dateline serve with WEB_CONCURRENCY=2 on SQLite: two workers share the port, follow each change, and a dead one is replaced', { timeout: 120_000 }, async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-workers-'));
  let server: ServerProcess | null = null;
  try {
    server = await startServer({ DATA_DIR: dataDir, DATELINE_DEMO: '1', WEB_CONCURRENCY: '2', METRICS_TOKEN });
    const s = server;
    await until('two workers', () => workersOf(s.pid).length === 2);
    assert.match(s.output(), /2 workers\)/, 'the banner says so, once');
    // The time it gives is the whole start, from the primary's: it said 0.3 s when the first
    // answer came 7 s after the command, counting only the worker's own app start.
    const ready = Number(/ready (\d+\.\d) s after start/.exec(s.output())?.[1]);
    const shown = s.bannerAfterMs / 1000;
    assert.ok(Math.abs(ready - shown) < 0.5, `the banner says ${ready} s; it showed ${shown.toFixed(1)} s after the command`);
    assert.equal(s.output().split('is running at').length, 2, 'one banner, not one per worker');

    // An editor changes the site name through one worker; every worker's cached home page follows.
    const token = new URL(s.setupPath()!, 'http://x').searchParams.get('token');
    assert.equal((await fetch(`${s.url}/api/admin/setup`, json({ token, email: 'chief@example.com', name: 'Chief', password: 'a long enough password' }))).status, 201);
    const session = await fetch(`${s.url}/api/admin/session`, json({ email: 'chief@example.com', password: 'a long enough password' }));
    const cookie = String(session.headers.get('set-cookie')).split(';')[0]!;
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    for (let i = 0; i < 6; i++) assert.equal((await fetch(`${s.url}/`)).status, 200); // both workers cache the home page
    const renamed = await fetch(`${s.url}/api/admin/settings`, { method: 'PATCH', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ siteName: 'The Two Worker Times' }) });
    assert.equal(renamed.status, 200, await renamed.clone().text());
    const followed = await until('every worker shows the new name', async () => {
      const pages = await Promise.all(Array.from({ length: 8 }, async () => (await fetch(`${s.url}/`)).text()));
      return pages.every((p) => p.includes('The Two Worker Times'));
    }, 15_000);
    // A cached page has no lifetime of its own: only a new content generation retires it, so the
    // other worker's home page changing at all is the proof that it read the generation. Each
    // worker re-reads it at most a second after the change (at once with Redis; the interval is
    // pinned by page-cache.test.ts with a clock of its own); the rest is building home pages on two
    // cores that are also drawing the demo pictures and running other test files: 795 ms on a
    // quiet machine, 3.4 s once in CI. A wall-clock bound here only measured the machine.
    t.diagnostic(`every worker followed the change after ${followed} ms`);

    // A scrape reaches one worker and is answered with both workers' series (ops/cluster-metrics.ts):
    // answered with its own alone, scrapes alternated between two workers' totals.
    const scrape = async () => {
      const answer = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      const text = await answer.text();
      assert.equal(answer.status, 200, `${text.slice(0, 300)}\n${s.output().slice(-1500)}`);
      const families = text.split('\n').filter((line) => line.startsWith('# TYPE '));
      assert.equal(new Set(families).size, families.length, 'each family once, as Prometheus requires');
      if (withPromtool) assert.deepEqual(promtoolProblems(text), [], 'Prometheus reads the joined text as it is');
      const homeAnswers = [...text.matchAll(/^dateline_http_requests_total\{route="\/",method="GET",status="200",worker="(\d)"\} (\d+)$/gm)];
      const startTimes = new Map([...text.matchAll(/^process_start_time_seconds\{worker="(\d)"\} (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
      return { homeAnswers: homeAnswers.reduce((sum, m) => sum + Number(m[2]), 0), workers: homeAnswers.map((m) => m[1]).sort(), startTimes };
    };
    // A worker busy past the primary's wait (starting its background work on a loaded machine) is
    // left out of that scrape, by design and with a line in the log: such a scrape is taken again.
    const scrapeBoth = async () => {
      let found = await scrape();
      await until('a scrape with both workers', async () => (found = await scrape()).startTimes.size === 2);
      return found;
    };
    const first = await scrapeBoth();
    // Each on a new connection, which the primary hands to the workers in turn (fetch would keep one
    // connection, and so one worker, for all ten).
    for (let i = 0; i < 10; i++) assert.equal(await freshGet(`${s.url}/`), 200);
    const scrapes = [await scrapeBoth(), await scrapeBoth(), await scrapeBoth(), await scrapeBoth()];
    for (const later of scrapes) {
      assert.deepEqual(later.workers, ['1', '2'], 'both workers answered the home page, and both are in every scrape');
      assert.equal(later.homeAnswers, first.homeAnswers + 10, 'every answer of the home page counted once, whichever worker gave it and whichever is scraped');
    }
    t.diagnostic(`scrapes that left a worker out: ${s.output().split('some workers did not answer').length - 1}`);

    // kill -9 a worker: another takes its place, and every connection is answered again.
    // (A connection the primary handed to the worker as it died is lost with it, as with any crash.)
    const [victim] = workersOf(s.pid);
    process.kill(victim!, 'SIGKILL');
    const replaced = await until('a replacement worker', () => workersOf(s.pid).length === 2 && !workersOf(s.pid).includes(victim!));
    await until('the replacement answers', async () => (await freshGet(`${s.url}/healthz`).catch(() => 0)) === 200);
    for (let i = 0; i < 6; i++) assert.equal(await freshGet(`${s.url}/`), 200);
    assert.ok(replaced < 5000, `replaced in ${replaced} ms`);
    // The replacement's series carry the same worker number and start again, with a new start time.
    const afterKill = await scrapeBoth();
    const restarted = [...afterKill.startTimes].filter(([n, at]) => at > scrapes[0]!.startTimes.get(n)!);
    assert.equal(restarted.length, 1, `one worker started again: ${JSON.stringify([...afterKill.startTimes])}`);

    // SIGTERM to the primary stops every worker.
    // Promptly: a worker once lingered, held open by its channel to the primary, until the primary's
    // 30-second SIGKILL (a rolling deploy or `systemctl stop` waited that long for every box).
    const workers = workersOf(s.pid);
    const stopping = Date.now();
    await s.stop('SIGTERM');
    const stopped = Date.now() - stopping;
    await until('the workers exit', () => workers.every((pid) => !alive(pid)), 30_000);
    assert.ok(stopped < 10_000, `stopped after ${stopped} ms`);
    assert.doesNotMatch(s.output(), /did not stop/);
    server = null;

    // kill -9 of the primary: its workers notice and stop rather than keep the port alone.
    server = await startServer({ DATA_DIR: dataDir, DATELINE_DEMO: '1', WEB_CONCURRENCY: '2' });
    const again = server;
    await until('two workers again', () => workersOf(again.pid).length === 2);
    const orphans = workersOf(again.pid);
    await again.stop('SIGKILL');
    await until('orphaned workers exit', () => orphans.every((pid) => !alive(pid)), 30_000);
    server = null;
  } finally {
    await server?.stop('SIGKILL');
  }
});

test('a bad --workers or WEB_CONCURRENCY is a usage error naming it', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-workers-bad-'));
  const flag = await runCli(['serve', '--workers', '0'], { DATA_DIR: dataDir });
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /--workers must be a whole number from 1 to 64 \(got "0"\)/);
  const env = await runCli(['serve'], { DATA_DIR: dataDir, WEB_CONCURRENCY: 'lots' });
  assert.equal(env.code, 2);
  assert.match(env.stderr, /WEB_CONCURRENCY must be a whole number from 1 to 64 \(got "lots"\)/);
});
