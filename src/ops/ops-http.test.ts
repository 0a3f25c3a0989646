import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { freePort } from '../../test/support/server-process.js';
import { createReadiness } from './readiness.js';
import { promtoolAvailable, promtoolProblems } from '../../test/support/promtool.js';

const TOKEN = 'metrics-token-for-tests-0123456789';
const withPromtool = promtoolAvailable();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;


for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('every answer carries a request id: a proxy\'s plain id is kept, anything else replaced; error bodies name it'), async () => {
    const app = await createTestApp(target);
    try {
      const fresh = await app.app.inject('/healthz');
      assert.equal(fresh.statusCode, 200);
      assert.equal(fresh.headers['cache-control'], 'no-store');
      assert.match(String(fresh.headers['x-request-id']), UUID);
      const kept = await app.app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-7f3a9c21.edge' } });
      assert.equal(kept.headers['x-request-id'], 'lb-7f3a9c21.edge');
      for (const hostile of ['<script>alert(1)</script>', 'x'.repeat(500), 'short', 'a b c d e f g h']) {
        const replaced = await app.app.inject({ url: '/healthz', headers: { 'x-request-id': hostile } });
        assert.match(String(replaced.headers['x-request-id']), UUID, hostile.slice(0, 20));
      }
      const missing = await app.app.inject({ url: '/api/admin/articles/nope', headers: { 'x-request-id': 'trace-000000001' } });
      assert.equal(missing.statusCode, 401);
      assert.equal(missing.json().error.requestId, 'trace-000000001');
      // Pages written straight to the socket (cached, hijacked from Fastify) carry the same id as the logs.
      const page = await app.app.inject({ url: '/', headers: { 'x-request-id': 'trace-000000002' } });
      assert.deepEqual([page.statusCode, page.headers['x-request-id']], [200, 'trace-000000002']);
      const fresh404 = await app.app.inject('/no-such-section');
      assert.equal(fresh404.statusCode, 404);
      assert.match(String(fresh404.headers['x-request-id']), UUID);
    } finally {
      await app.close();
    }
  });

  test(name('/readyz says ready when the database answers and every migration is applied, and 503 with the reason otherwise'), async () => {
    const app = await createTestApp(target);
    try {
      const ready = await app.app.inject('/readyz');
      assert.equal(ready.statusCode, 200, ready.body);
      assert.deepEqual(ready.json(), { ok: true, checks: { database: 'ok', migrations: 'ok', redis: 'not configured' } });
      // A node running newer code than its database (a migration not applied) must get no traffic.
      const last = await app.database.db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never, 'desc').executeTakeFirstOrThrow();
      await app.database.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', (last as { name: string }).name as never).execute();
      const behind = await app.app.inject('/readyz');
      assert.equal(behind.statusCode, 503);
      assert.equal(behind.headers['retry-after'], '5');
      assert.equal(behind.json().checks.migrations, `pending: ${(last as { name: string }).name}`);
      assert.equal(behind.json().checks.database, 'ok');
    } finally {
      await app.close();
    }
  });

  test(name('/metrics is not on the site port without METRICS_TOKEN, and with it answers only the token'), async () => {
    const closed = await createTestApp(target);
    try {
      assert.equal((await closed.app.inject('/metrics')).statusCode, 404);
    } finally {
      await closed.close();
    }
    const app = await createTestApp(target, { METRICS_TOKEN: TOKEN });
    try {
      assert.equal((await app.app.inject('/metrics')).statusCode, 401);
      const wrong = await app.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.json().error.field, 'authorization');

      const section = await app.services.directory.ensureSection('News');
      const story = await app.services.articles.create({ headline: 'Metrics count this page', body: paragraphs('Words.'), sectionId: section.id });
      const live = await app.services.articles.publish(story.id);
      const url = `/news/${live.slug}`;
      // Three views: the first builds the page; a generation check racing the publish may make the second build it again.
      for (let i = 0; i < 3; i++) assert.equal((await app.app.inject(url)).statusCode, 200);

      const editor = await signIn(app, 'editor');
      await editor.request('POST', '/api/admin/sources', { name: 'Quiet Wire', kind: 'rss', url: 'https://wire.example.com/feed.xml' });

      const scraped = await app.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(scraped.statusCode, 200);
      assert.match(String(scraped.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      const text = scraped.body;
      assert.match(text, /dateline_http_requests_total\{route="\/:section\/:slug",method="GET",status="200"\} 3/);
      assert.match(text, /dateline_http_request_duration_seconds_count\{route="\/:section\/:slug",method="GET"\} 3/);
      assert.match(text, /dateline_page_cache_hits_total\{cache="site"\} [1-9]/, 'a later view came from the cache');
      assert.match(text, /dateline_page_cache_misses_total\{cache="site"\} [1-9]/);
      assert.match(text, /dateline_wire_source_consecutive_failures\{source_id="[^"]+",source="Quiet Wire"\} 0/);
      assert.match(text, /dateline_scheduler_lag_seconds 0/);
      assert.match(text, /nodejs_eventloop_lag_seconds /);
      assert.match(text, /nodejs_heap_size_used_bytes /);
      assert.doesNotMatch(text, /route="\/news\//, 'raw URLs never become labels');
      if (withPromtool) assert.deepEqual(promtoolProblems(text), [], 'Prometheus reads it as it is');
    } finally {
      await app.close();
    }
  });

  test(name('METRICS_PORT serves /metrics on a port of its own, without a token'), async () => {
    const port = await freePort();
    const app = await createTestApp(target, { PORT: '0', METRICS_PORT: String(port) });
    try {
      await app.listen();
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /dateline_page_cache_entries\{cache="site"\}/);
      assert.equal((await fetch(`http://127.0.0.1:${port}/`)).status, 404, 'nothing else is served there');
    } finally {
      await app.close();
    }
  });
}

test('readiness: a database that fails or hangs, and Redis that does not answer, each say why', async () => {
  const failing = { executeQuery: () => Promise.reject(new Error('connection refused')) };
  const hanging = new Promise<never>(() => {});
  const report = await createReadiness({
    db: { getExecutor: () => failing } as never,
    pendingMigrations: () => hanging,
    redisPing: () => Promise.reject(new Error('ECONNREFUSED')),
    timeoutMs: 50,
  }).check();
  assert.equal(report.ok, false);
  assert.match(report.checks.migrations, /^failed: no answer within 50 ms/);
  assert.match(report.checks.redis, /^failed: ECONNREFUSED/);
  assert.match(report.checks.database, /^failed: /);
});
