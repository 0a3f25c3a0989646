import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { createWorkerMetrics, type PrimaryChannel } from './cluster-metrics.js';
import { within } from './readiness.js';

/** What the metrics read from the rest of the app when Prometheus scrapes (nothing is polled in between). */
export interface MetricSources {
  /** Page caches by name (site pages, Content API answers): hits and misses since start. */
  pageCaches: Record<string, () => { hits: number; misses: number; builds: number; entries: number }>;
  /**
   * Views this process counted and views it wrote since start. With Redis one process may write
   * what another counted, so "buffered" is the difference of the sums over all processes.
   */
  views: () => { counted: number; flushed: number };
  /** Seconds the most overdue scheduled story is late (0 when none is due). */
  schedulerLagSeconds: () => Promise<number>;
  /** Redis, when REDIS_URL is set: both connections ready, and connection errors since start. */
  redis: (() => { up: boolean; errors: number }) | null;
  /** Each wire source's health. */
  wireSources: () => Promise<{ id: string; name: string; paused: boolean; lastSuccessAt: string | null; consecutiveFailures: number; itemsTaken: number; itemsSkipped: number }[]>;
}

/** How long a scrape waits for a number read from the database (as /readyz waits for its checks). */
const DATABASE_READ_MS = 2000;

/**
 * A number a collector reads from the database, or null when it cannot be read now (the database
 * is away or not answering). A scrape must still be answered then: an outage is when the metrics
 * are needed, and one failing collector fails prom-client's whole scrape (it answered 503 while
 * PostgreSQL was away). The gauge keeps its last value; `dateline_database_unavailable_total` and
 * /readyz say the database is away.
 */
function fromDatabase<T>(read: () => Promise<T>): Promise<T | null> {
  return within(DATABASE_READ_MS, read()).catch(() => null);
}

/**
 * Prometheus metrics (prom-client) in a registry of our own (never the global one, so two apps
 * in one test process do not share counts): HTTP requests by route and status with latency
 * histograms, page-cache hits and misses, views counted and flushed, scheduler lag, each wire
 * source's health, background job durations, and Node's own (event-loop delay, heap, GC).
 * Counters that other modules keep as plain numbers are read when scraped, so the hot paths pay
 * nothing for them.
 */
export function createMetrics(options: { clusterWorker?: { number: number; primary: PrimaryChannel } } = {}) {
  const registry = new Registry();
  // A worker of `dateline serve --workers N`: every series names it, and a scrape is answered with
  // every worker's metrics, joined by the primary (cluster-metrics.ts).
  const worker = options.clusterWorker;
  const cluster = worker ? createWorkerMetrics(registry, worker.primary) : null;
  if (worker) registry.setDefaultLabels({ worker: String(worker.number) });
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  // Answers of the page fast path, counted in plain maps and added to the counter at scrape time:
  // prom-client's label hashing cost 3 µs of a 17 µs cached answer. Keyed by route, then method,
  // then status, each a value the map has seen before, so a count makes no new string to hash.
  type FastAnswer = { route: string; method: string; status: string; count: number; reported: number };
  const fastAnswers = new Map<string, Map<string, Map<number, FastAnswer>>>();
  const requests = new Counter({
    name: 'dateline_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
    collect() {
      for (const byMethod of fastAnswers.values()) {
        for (const byStatus of byMethod.values()) {
          for (const answer of byStatus.values()) {
            if (answer.count > answer.reported) this.inc({ route: answer.route, method: answer.method, status: answer.status }, answer.count - answer.reported);
            answer.reported = answer.count;
          }
        }
      }
    },
  });
  const latency = new Histogram({
    name: 'dateline_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const jobRuns = new Histogram({
    name: 'dateline_job_duration_seconds',
    help: 'Duration of one step of a background job, by job and outcome',
    labelNames: ['job', 'outcome'] as const,
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers: [registry],
  });

  const purges = new Counter({ name: 'dateline_cdn_purges_total', help: 'CDN purge requests, by outcome (ok, retried after a failure, failed for good)', labelNames: ['outcome'] as const, registers: [registry] });

  const storageFailures = new Counter({
    name: 'dateline_media_storage_failures_total',
    help: 'Media storage operations that failed (disk full, object store answering 5xx or timing out), by operation',
    labelNames: ['operation'] as const,
    registers: [registry],
  });

  const databaseUnavailable = new Counter({ name: 'dateline_database_unavailable_total', help: 'Requests answered 503 because the database could not be reached', registers: [registry] });

  return {
    registry,

    /** Starts reading the app's own numbers at scrape time. Called once the modules exist. */
    watch(sources: MetricSources): void {
      /** A counter whose source is a running total kept elsewhere: incremented by what it grew since the last scrape. */
      const deltaCounter = (name: string, help: string, labelNames: string[], read: () => [Record<string, string>, number][]) => {
        const last = new Map<string, number>();
        new Counter({
          name,
          help,
          labelNames,
          registers: [registry],
          collect() {
            for (const [labels, total] of read()) {
              const key = JSON.stringify(labels);
              const grew = total - (last.get(key) ?? 0);
              if (grew > 0) this.inc(labels, grew);
              last.set(key, total);
            }
          },
        });
      };
      deltaCounter('dateline_page_cache_hits_total', 'Pages answered from a page cache', ['cache'], () => Object.entries(sources.pageCaches).map(([cache, read]) => [{ cache }, read().hits]));
      deltaCounter('dateline_page_cache_misses_total', 'Look-ups that found no current cached copy', ['cache'], () => Object.entries(sources.pageCaches).map(([cache, read]) => [{ cache }, read().misses]));
      // Fewer than the misses when readers missing the same page at once shared its build.
      deltaCounter('dateline_page_cache_builds_total', 'Pages built after a miss (concurrent misses of one page share a build)', ['cache'], () => Object.entries(sources.pageCaches).map(([cache, read]) => [{ cache }, read().builds]));
      new Gauge({
        name: 'dateline_page_cache_entries',
        help: 'Pages held in a page cache',
        labelNames: ['cache'],
        registers: [registry],
        collect() {
          for (const [cache, read] of Object.entries(sources.pageCaches)) this.set({ cache }, read().entries);
        },
      });
      const redis = sources.redis;
      if (redis) {
        new Gauge({
          name: 'dateline_redis_up',
          help: '1 while both Redis connections (commands, change subscription) are ready; 0 while they reconnect',
          registers: [registry],
          collect() {
            this.set(redis().up ? 1 : 0);
          },
        });
        deltaCounter('dateline_redis_connection_errors_total', 'Redis connection errors (each failed connect or reconnect attempt)', [], () => [[{}, redis().errors]]);
      }
      deltaCounter('dateline_views_counted_total', 'Views counted (one per reader per story per day)', [], () => [[{}, sources.views().counted]]);
      deltaCounter('dateline_views_flushed_total', 'Counted views written to the database', [], () => [[{}, sources.views().flushed]]);
      new Gauge({
        name: 'dateline_scheduler_lag_seconds',
        help: 'How late the most overdue scheduled story is (0 when none is due)',
        registers: [registry],
        async collect() {
          const lag = await fromDatabase(sources.schedulerLagSeconds);
          if (lag !== null) this.set(lag);
        },
      });
      const wire = (name: string, help: string, value: (s: Awaited<ReturnType<MetricSources['wireSources']>>[number]) => number) =>
        new Gauge({
          name,
          help,
          labelNames: ['source_id', 'source'],
          registers: [registry],
          async collect() {
            const list = await fromDatabase(sources.wireSources);
            if (!list) return;
            this.reset();
            for (const s of list) this.set({ source_id: s.id, source: s.name }, value(s));
          },
        });
      wire('dateline_wire_source_last_success_timestamp_seconds', 'When a wire source was last polled without error (0: never)', (s) => (s.lastSuccessAt ? Date.parse(s.lastSuccessAt) / 1000 : 0));
      wire('dateline_wire_source_consecutive_failures', 'Failed polls of a wire source since its last success', (s) => s.consecutiveFailures);
      wire('dateline_wire_source_items_taken', 'Items a wire source has queued', (s) => s.itemsTaken);
      wire('dateline_wire_source_items_skipped', 'Items a wire source sent that were set aside with a reason', (s) => s.itemsSkipped);
      wire('dateline_wire_source_paused', '1 when a wire source is paused', (s) => (s.paused ? 1 : 0));
    },

    /** One answered request; `route` is the route's pattern (never the raw URL, which readers choose). */
    observeRequest(route: string, method: string, status: number, seconds: number): void {
      requests.inc({ route, method, status: String(status) });
      latency.observe({ route, method }, seconds);
    },

    /**
     * One answer of a fast path (a cached page written before routing): counted with the routed
     * requests, but not timed — it is a synchronous write of prepared bytes, a few microseconds.
     */
    countFastAnswer(route: string, method: string, status: number): void {
      let byMethod = fastAnswers.get(route);
      if (!byMethod) fastAnswers.set(route, (byMethod = new Map()));
      let byStatus = byMethod.get(method);
      if (!byStatus) byMethod.set(method, (byStatus = new Map()));
      const found = byStatus.get(status);
      if (found) found.count++;
      else byStatus.set(status, { route, method, status: String(status), count: 1, reported: 0 });
    },

    /** One step of a background job. */
    observeJob(job: string, seconds: number, ok: boolean): void {
      jobRuns.observe({ job, outcome: ok ? 'ok' : 'error' }, seconds);
    },

    /** A request answered 503 because the database was away. */
    countDatabaseUnavailable(): void {
      databaseUnavailable.inc();
    },
    /** A media storage operation (put, get, delete, …) that failed. */
    countStorageFailure(operation: string): void {
      storageFailures.inc({ operation });
    },
    /** One purge request to the CDN (ops/cdn-purge.ts). */
    countPurge(outcome: 'ok' | 'failed' | 'retried'): void {
      purges.inc({ outcome });
    },

    /** The text Prometheus reads: this process's metrics, or in a cluster worker every worker's. */
    async text(): Promise<{ contentType: string; body: string }> {
      return { contentType: registry.contentType, body: cluster ? await cluster.text() : await registry.metrics() };
    },

    /** Stops answering the primary (the app is closing). */
    close(): void {
      cluster?.close();
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
