import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Counter, Registry } from 'prom-client';
import { createMetricsJoiner, createWorkerMetrics, type PrimaryChannel, type WorkerChannel } from './cluster-metrics.js';

/**
 * A primary and its workers in one process: each worker a real prom-client registry labelled with
 * its number, as `dateline serve --workers N` makes them, joined by message passing that stands in
 * for node's IPC channel (asynchronous, as the channel is). `silent` workers never answer.
 */
function cluster(count: number, options: { silent?: number[]; timeoutMs?: number } = {}) {
  const warnings: unknown[] = [];
  const later = (f: () => void) => setImmediate(f);
  const workers: { number: number; registry: Registry; requests: Counter<'route'>; metrics: ReturnType<typeof createWorkerMetrics>; channel: WorkerChannel }[] = [];
  const joiner = createMetricsJoiner({ workers: () => workers.map((w) => w.channel), log: { warn: (fields: unknown) => void warnings.push(fields) }, timeoutMs: options.timeoutMs ?? 200 });
  for (let number = 1; number <= count; number++) {
    const registry = new Registry();
    registry.setDefaultLabels({ worker: String(number) });
    const requests = new Counter({ name: 'dateline_http_requests_total', help: 'Requests', labelNames: ['route'] as const, registers: [registry] });
    const listeners = new Set<(message: unknown) => void>();
    const channel: WorkerChannel = {
      id: 100 + number,
      number,
      // The primary to this worker: a silent worker hears nothing (it is stopped or busy).
      send: (message) => later(() => options.silent?.includes(number) || listeners.forEach((l) => l(structuredClone(message)))),
    };
    const primary: PrimaryChannel = {
      send: (message, done) => later(() => (joiner.onMessage(channel, structuredClone(message)), done?.(null))),
      on: (_event, listener) => listeners.add(listener),
      off: (_event, listener) => listeners.delete(listener),
    };
    workers.push({ number, registry, requests, metrics: createWorkerMetrics(registry, primary, 1000), channel });
  }
  return { workers, warnings, close: () => workers.forEach((w) => w.metrics.close()) };
}

const samples = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`));

test('a scrape that reaches one worker is answered with every worker\'s series, each family once', async () => {
  const c = cluster(3);
  try {
    c.workers[0]!.requests.inc({ route: '/' }, 5);
    c.workers[1]!.requests.inc({ route: '/' }, 7);
    c.workers[2]!.requests.inc({ route: '/:section/:slug' }, 2);
    for (const asked of c.workers) {
      const text = await asked.metrics.text();
      assert.deepEqual(samples(text, 'dateline_http_requests_total').sort(), [
        'dateline_http_requests_total{route="/",worker="1"} 5',
        'dateline_http_requests_total{route="/",worker="2"} 7',
        'dateline_http_requests_total{route="/:section/:slug",worker="3"} 2',
      ], `asked through worker ${asked.number}`);
      assert.equal(text.split('\n').filter((line) => line === '# TYPE dateline_http_requests_total counter').length, 1, 'one family, as Prometheus requires');
    }
    assert.deepEqual(c.warnings, []);
  } finally {
    c.close();
  }
});

test('a worker that does not answer is left out of the scrape after the wait, and named in the log', async () => {
  const c = cluster(2, { silent: [2], timeoutMs: 150 });
  try {
    c.workers[0]!.requests.inc({ route: '/' }, 3);
    c.workers[1]!.requests.inc({ route: '/' }, 4);
    const started = Date.now();
    const text = await c.workers[0]!.metrics.text();
    assert.ok(Date.now() - started >= 140, 'it waited for the silent worker');
    assert.deepEqual(samples(text, 'dateline_http_requests_total'), ['dateline_http_requests_total{route="/",worker="1"} 3']);
    assert.deepEqual(c.warnings, [{ workers: [2], waitedMs: 150 }]);
  } finally {
    c.close();
  }
});

test('a worker whose primary does not answer, or cannot be asked, gets an error, not a hang', async () => {
  const listeners = new Set<(message: unknown) => void>();
  const deaf: PrimaryChannel = { send: () => true, on: (_e, l) => listeners.add(l), off: (_e, l) => listeners.delete(l) };
  const waiting = createWorkerMetrics(new Registry(), deaf, 100);
  await assert.rejects(waiting.text(), /did not answer with the workers' metrics within 100 ms/);
  waiting.close();
  assert.equal(listeners.size, 0, 'closing stops listening, so the channel does not keep the process alive');

  const gone: PrimaryChannel = { send: (_m, done) => setImmediate(() => done?.(new Error('channel closed'))), on: () => undefined, off: () => undefined };
  const started = Date.now();
  await assert.rejects(createWorkerMetrics(new Registry(), gone, 5000).text(), /could not be asked for the workers' metrics: channel closed/);
  assert.ok(Date.now() - started < 1000, 'at once, not after the wait');
});

test('messages that are not about metrics are left to others; a part for no scrape under way is dropped', () => {
  const joiner = createMetricsJoiner({ workers: () => [], log: { warn: () => undefined } });
  const from = { id: 1, number: 1, send: () => undefined };
  for (const message of [null, 'text', { type: 'other', id: 1 }, { type: 'dateline:metrics-collected' }, { cmd: 'NODE_CLUSTER' }]) {
    assert.equal(joiner.onMessage(from, message), false, JSON.stringify(message));
  }
  assert.equal(joiner.onMessage(from, { type: 'dateline:metrics-collected', id: 41, metrics: [] }), true, 'late, after its scrape was answered: taken and dropped');
});
