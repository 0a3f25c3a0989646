import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { createDatabase } from '../db/index.js';
import { createMetricsJoiner } from '../ops/cluster-metrics.js';
import { CliError } from './cli-error.js';

/** The environment variable a worker reads its number from (1 prints the banner). */
export const WORKER_NUMBER = 'DATELINE_WORKER_NUMBER';
/**
 * glibc gives each thread that allocates its own malloc arena, up to 8 per core; libvips (sharp)
 * decodes and encodes pictures on many threads, and the arenas keep what they once held, so a
 * worker that has processed uploads for a while sits on hundreds of MB it no longer uses. Two
 * arenas bound that (measured with `npm run soak`; docs/benchmarks.md). An operator's own
 * MALLOC_ARENA_MAX wins.
 */
const WORKER_MALLOC_ARENAS = '2';
const MAX_WORKERS = 64;

/**
 * How many HTTP processes `dateline serve` runs: `--workers N`, else WEB_CONCURRENCY (the name
 * Heroku and most hosts set), else one per core. A bad value is a usage error, not a guess.
 */
export function workerCount(flag: string | undefined, env: string | undefined, cores = availableParallelism()): number {
  const [raw, source] = flag !== undefined ? [flag, '--workers'] : env !== undefined && env !== '' ? [env, 'WEB_CONCURRENCY'] : [String(cores), 'cores'];
  if (!/^[0-9]{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_WORKERS) throw new CliError(`${source} must be a whole number from 1 to ${MAX_WORKERS} (got ${JSON.stringify(raw)})`, 2);
  return Number(raw);
}

/**
 * The primary of `dateline serve --workers N`: migrates once (so workers do not race to), forks N
 * workers that share the port (node's cluster module hands connections round-robin), replaces a
 * worker that dies (after a growing pause when they keep dying at start, so a broken deploy does
 * not spin), and on SIGTERM/SIGINT stops them all gracefully. Everything shared — page caches,
 * background work, views — already works across processes through the database and Redis, as
 * between nodes.
 */
export async function runPrimary(config: Config, workers: number, log: Logger): Promise<number> {
  const database = createDatabase(config.database);
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  let stopping = false;
  let quickDeaths = 0;
  const startedAt = new Map<Worker, number>();
  const numberOf = new Map<Worker, number>();
  const fork = (n: number) => {
    const worker = cluster.fork({ [WORKER_NUMBER]: String(n), DATELINE_WORKERS: String(workers), MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? WORKER_MALLOC_ARENAS });
    startedAt.set(worker, Date.now());
    numberOf.set(worker, n);
  };
  // A scrape reaches one worker; it asks here for every worker's metrics (ops/cluster-metrics.ts).
  // A worker that exits as it is asked reports it to the callback (else an 'error' event nobody hears).
  const channelOf = (worker: Worker) => ({ id: worker.id, number: numberOf.get(worker) ?? 0, send: (message: object) => void worker.send(message, () => {}) });
  // Only workers that listen are asked: one still starting (its app not made yet) cannot answer,
  // and every scrape meanwhile waited the whole wait for it.
  const listening = new Set<Worker>();
  cluster.on('listening', (worker) => listening.add(worker));
  const metrics = createMetricsJoiner({ workers: () => [...listening].filter((w) => w.isConnected()).map(channelOf), log });
  cluster.on('message', (worker, message) => void metrics.onMessage(channelOf(worker), message));
  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker);
    const n = numberOf.get(worker) ?? 0;
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    numberOf.delete(worker);
    if (stopping) return;
    quickDeaths = lived < 10_000 ? quickDeaths + 1 : 0;
    const pause = Math.min(30_000, quickDeaths ? 250 * 2 ** quickDeaths : 0);
    log.error({ worker: n, pid: worker.process.pid, code, signal, restartInMs: pause }, 'worker died; starting another');
    setTimeout(() => !stopping && fork(n), pause);
  });
  const stopSignal = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  }).then(() => {
    stopping = true;
  });
  // The first worker starts alone: on an empty database it seeds the demo newsroom and indexes
  // it before it listens, and the others then find that done rather than racing it. (A first
  // worker that dies is replaced above; its replacement's listening counts.)
  fork(1);
  const firstListening = new Promise<void>((resolve) => cluster.once('listening', () => resolve()));
  await Promise.race([firstListening, stopSignal]);
  for (let n = 2; n <= workers && !stopping; n++) fork(n);

  await stopSignal;
  log.info({ workers: Object.keys(cluster.workers ?? {}).length }, 'stopping the workers');
  const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
  await Promise.all(
    alive.map(
      (worker) =>
        new Promise<void>((resolve) => {
          const force = setTimeout(() => {
            log.warn({ pid: worker.process.pid }, 'a worker did not stop within 30 s of SIGTERM; killing it');
            worker.process.kill('SIGKILL');
          }, 30_000);
          worker.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          worker.process.kill('SIGTERM');
        }),
    ),
  );
  return 0;
}
