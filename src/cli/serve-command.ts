import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { Config } from '../config/index.js';
import { CliError } from './cli-error.js';
import { runPrimary, WORKER_NUMBER, workerCount } from './cluster-primary.js';

/** `dateline serve [--workers N]`: one process, or a primary and N workers sharing the port. */
export async function serveCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { workers: { type: 'string' } } });
  if (positionals.length) throw new CliError(`serve takes no arguments but --workers N (got ${positionals.join(' ')}); configure it with environment variables`, 2);
  if (cluster.isWorker) return serveOne(config, process.env[WORKER_NUMBER] === '1');
  const workers = workerCount(values.workers, process.env.WEB_CONCURRENCY);
  if (workers === 1) return serveOne(config, true);
  process.env[STARTED_AT] ??= String(Math.round(performance.timeOrigin));
  return runPrimary(config, workers, pino({ level: config.logLevel }).child({ component: 'cluster' }));
}

/**
 * The environment variable a primary passes its workers: when it started (ms since the epoch), so
 * the banner counts the whole start, the primary's and the worker's loading included.
 */
const STARTED_AT = 'DATELINE_STARTED_AT';

/** One HTTP process: the whole app. `banner`: print where the site runs (the first worker only). */
async function serveOne(config: Config, banner: boolean): Promise<number> {
  const started = Number(process.env[STARTED_AT]) || performance.timeOrigin;
  // Loaded here, not with this module: a primary only migrates and forks, and loading the site's
  // modules (2–3 s through tsx) there made every start wait for them twice.
  const { createApp } = await import('../server/create-app.js');
  const app = await createApp(config, cluster.isWorker ? { clusterWorker: Number(process.env[WORKER_NUMBER]) } : {});
  try {
    await app.listen();
  } catch (err) {
    // Let go of what started (the database, Redis, a listener already open) so the process ends.
    await app.close().catch(() => undefined);
    throw err;
  }
  const setup = await app.setupPath();
  const workers = cluster.isWorker ? `, ${process.env.DATELINE_WORKERS ?? 'several'} workers` : '';
  const where = config.database.kind === 'sqlite' ? `SQLite at ${config.database.file}` : 'PostgreSQL';
  if (banner) process.stdout.write(
    [
      '',
      `  ${config.site.name} is running at ${config.site.url}/  (ready ${((Date.now() - started) / 1000).toFixed(1)} s after start, ${where}${workers})`,
      setup
        ? `  No admin yet. Create the first one (this link works once):\n    ${config.site.url}${setup}\n  or: echo "a-long-password" | npx dateline user add --email you@example.com --name "Your Name" --role admin`
        : `  Editors sign in at ${config.site.url}/admin`,
      '  Stop with Ctrl+C.',
      '',
    ].join('\n') + '\n',
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // A worker whose primary died (kill -9) stops too, rather than holding the port alone.
    if (cluster.isWorker) process.once('disconnect', stop);
  });
  app.log.info('shutting down');
  await app.close();
  // A worker's channel to the primary keeps its event loop alive: let go of it, or the worker
  // lingers until the primary kills it.
  if (cluster.isWorker && cluster.worker?.isConnected()) cluster.worker.disconnect();
  return 0;
}
