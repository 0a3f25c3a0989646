import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Logger } from 'pino';

/**
 * Metrics across the workers of `dateline serve --workers N`.
 *
 * The workers share the site's port and METRICS_PORT, so a scrape reaches one of them, chosen by
 * the primary in turn. Answered with that worker's own counters, each scrape read another
 * worker's totals: Prometheus saw every counter fall back and forth (as resets) and half the
 * traffic missing. Now the worker that gets a scrape asks the primary, the primary asks every
 * worker for its metrics and joins them, and the scrape is answered with all of them. Each series
 * carries its worker's number (`worker="1"`), so a replaced worker's counters start again on their
 * own series, which Prometheus reads as the reset it is; `sum without (worker) (rate(…))` gives the
 * node.
 *
 * The messages, on the IPC channel node's cluster module keeps between the primary and each worker:
 */
const SCRAPED = 'dateline:metrics-scraped'; // a worker to the primary: a scraper asked me (id)
const COLLECT = 'dateline:metrics-collect'; // the primary to every worker: your metrics (id)
const COLLECTED = 'dateline:metrics-collected'; // a worker to the primary: mine, as JSON (id)
const JOINED = 'dateline:metrics-joined'; // the primary to the scraped worker: everyone's, as text (id)

/** How long the primary waits for the workers' parts: a worker busy or stopped is left out of that scrape, not waited for. */
const COLLECT_TIMEOUT_MS = 3000;

/** One worker's metrics as prom-client gives them (`getMetricsAsJSON`): plain data, so it crosses the IPC channel. */
type Part = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;
type Message = { type: string; id: number; metrics?: Part; text?: string; error?: string };

const isMessage = (message: unknown): message is Message =>
  typeof message === 'object' && message !== null && typeof (message as Message).type === 'string' && typeof (message as Message).id === 'number';

/**
 * The workers' parts as one Prometheus text. Every series already names its worker, so no two
 * parts hold the same series and nothing is added up ('sum' over one value); prom-client's own
 * aggregators would average some of Node's metrics and leave out the start time, which is what
 * shows a worker was replaced.
 */
async function joinParts(parts: Part[]): Promise<string> {
  const labelled = parts.map((part) => part.map((metric) => ({ ...metric, aggregator: 'sum' as const })));
  return AggregatorRegistry.aggregate(labelled).metrics();
}

/** Someone the primary can talk to: a worker, by its cluster id, and its number (the `worker` label) for the log. */
export interface WorkerChannel {
  id: number;
  number: number;
  send(message: Message): void;
}

/**
 * The primary's side: answers a worker's scrape with every connected worker's metrics.
 * `workers` lists them at the time of each scrape; `onMessage` is fed what they send.
 */
export function createMetricsJoiner(options: { workers: () => WorkerChannel[]; log: Pick<Logger, 'warn'>; timeoutMs?: number }) {
  const timeoutMs = options.timeoutMs ?? COLLECT_TIMEOUT_MS;
  let nextId = 0;
  const collecting = new Map<number, { waitingFor: Set<number>; parts: Part[]; finish: () => void }>();

  function scraped(asker: WorkerChannel, scrapeId: number): void {
    const id = nextId++;
    const workers = options.workers();
    const waitingFor = new Set(workers.map((w) => w.id));
    const numbers = new Map(workers.map((w) => [w.id, w.number]));
    const parts: Part[] = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      if (!collecting.delete(id)) return;
      clearTimeout(timer);
      if (waitingFor.size) options.log.warn({ workers: [...waitingFor].map((id) => numbers.get(id)), waitedMs: timeoutMs }, 'metrics: some workers did not answer; this scrape leaves them out');
      joinParts(parts).then(
        (text) => asker.send({ type: JOINED, id: scrapeId, text }),
        (err: unknown) => asker.send({ type: JOINED, id: scrapeId, error: err instanceof Error ? err.message : String(err) }),
      );
    };
    collecting.set(id, { waitingFor, parts, finish });
    // A worker that exits meanwhile never answers: the wait ends it. Unref'd: it holds no stop.
    timer = setTimeout(finish, timeoutMs).unref();
    for (const worker of workers) worker.send({ type: COLLECT, id });
    if (!waitingFor.size) finish();
  }

  return {
    /** A message from worker `from`; false when it is not about metrics. */
    onMessage(from: WorkerChannel, message: unknown): boolean {
      if (!isMessage(message)) return false;
      if (message.type === SCRAPED) {
        scraped(from, message.id);
        return true;
      }
      if (message.type !== COLLECTED) return false;
      const gathering = collecting.get(message.id);
      // Late (after the timeout) or from a worker that was not asked: dropped.
      if (!gathering || !gathering.waitingFor.delete(from.id)) return true;
      if (message.metrics) gathering.parts.push(message.metrics);
      else options.log.warn({ worker: from.number, error: message.error }, 'metrics: a worker could not collect its metrics');
      if (!gathering.waitingFor.size) gathering.finish();
      return true;
    },
  };
}

/** What a worker needs of its channel to the primary (node's `process` in a cluster worker). */
export interface PrimaryChannel {
  /** Sends; a channel that has closed (the primary is gone) reports it to `done` rather than throwing. */
  send(message: Message, done?: (err: Error | null) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/**
 * A worker's side: gives the primary its metrics when asked, and asks the primary for everyone's
 * when a scraper asks it. `text` rejects when the primary does not answer in time.
 */
export function createWorkerMetrics(registry: Registry, channel: PrimaryChannel, timeoutMs = COLLECT_TIMEOUT_MS + 2000) {
  let nextId = 0;
  const waiting = new Map<number, { resolve: (text: string) => void; reject: (err: Error) => void; timer: NodeJS.Timeout }>();
  const listener = (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === COLLECT) {
      registry.getMetricsAsJSON().then(
        (metrics) => channel.send({ type: COLLECTED, id: message.id, metrics }),
        (err: unknown) => channel.send({ type: COLLECTED, id: message.id, error: err instanceof Error ? err.message : String(err) }),
      );
    } else if (message.type === JOINED) {
      const asked = waiting.get(message.id);
      if (!asked) return;
      waiting.delete(message.id);
      clearTimeout(asked.timer);
      if (typeof message.text === 'string') asked.resolve(message.text);
      else asked.reject(new Error(`the workers' metrics could not be joined: ${message.error ?? 'no reason given'}`));
    }
  };
  channel.on('message', listener);
  return {
    /** Every worker's metrics, as the primary joined them. */
    text(): Promise<string> {
      const id = nextId++;
      return new Promise<string>((resolve, reject) => {
        // When this worker's own event loop was held past the wait, the timer and the primary's
        // answer are due together, and timers run before I/O: give the answer one turn of the loop.
        const timer = setTimeout(
          () =>
            setImmediate(() => {
              if (!waiting.delete(id)) return;
              reject(new Error(`the primary did not answer with the workers' metrics within ${timeoutMs} ms`));
            }),
          timeoutMs,
        );
        waiting.set(id, { resolve, reject, timer });
        channel.send({ type: SCRAPED, id }, (err) => {
          if (!err || !waiting.delete(id)) return;
          clearTimeout(timer);
          reject(new Error(`the primary could not be asked for the workers' metrics: ${err.message}`));
        });
      });
    },
    /** Stops listening (the app is closing), so the channel does not keep the process alive. */
    close(): void {
      channel.off('message', listener);
      for (const [id, asked] of waiting) {
        clearTimeout(asked.timer);
        asked.reject(new Error('closing'));
        waiting.delete(id);
      }
    },
  };
}

/** This process's channel to its primary, when it is a cluster worker (node's `process`). */
export function channelToPrimary(): PrimaryChannel {
  return {
    send: (message, done = () => {}) => (process.send ? process.send(message, undefined, {}, done) : done(new Error('this process has no primary'))),
    on: (event, listener) => process.on(event, listener),
    off: (event, listener) => process.off(event, listener),
  };
}
