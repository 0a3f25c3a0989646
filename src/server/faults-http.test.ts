import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase } from '../db/index.js';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory } from '../../test/support/test-app.js';
import { startTcpProxy } from '../../test/support/tcp-proxy.js';
import { redisAvailable, testRedisUrl } from '../../test/support/redis.js';

/**
 * Faults of the services underneath, for real: PostgreSQL and Redis reached through a proxy
 * that the test cuts for 10 seconds and restores. The site keeps serving what it has cached,
 * answers 503 with Retry-After for what it cannot, counts it, and recovers by itself.
 */
const postgres = (await testDatabases()).find((d) => d.name === 'postgres');
const withRedis = await redisAvailable();
const TOKEN = 'metrics-token-for-tests-0123456789';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('PostgreSQL away for 10 s and Redis cut meanwhile: cached pages served, 503 + Retry-After for the rest, /readyz 503, then recovery', { skip: !postgres || !withRedis ? 'needs PostgreSQL and Redis' : false, timeout: 90_000 }, async () => {
  const direct = await postgres!.create();
  const url = new URL((direct.target as { url: string }).url);
  const pgProxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  const redisUrl = new URL(testRedisUrl);
  const redisProxy = await startTcpProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
  url.port = String(pgProxy.port);
  redisUrl.port = String(redisProxy.port);
  const proxied = createDatabase({ kind: 'postgres', url: url.toString() });
  const app = await createTestApp(postgres!, { REDIS_URL: redisUrl.toString(), METRICS_TOKEN: TOKEN }, { database: proxied });
  after(async () => {
    await app.close();
    await proxied.close();
    await direct.close();
    await pgProxy.close();
    await redisProxy.close();
  });
  const { article } = await publishStory(app, { headline: 'The lights stay on' });
  const cachedPath = `/news/${article.slug}`;
  assert.equal((await app.app.inject(cachedPath)).statusCode, 200, 'page cached while the database is there');
  assert.equal((await app.app.inject('/')).statusCode, 200);

  let counted503 = 0;
  pgProxy.cut();
  redisProxy.cut();
  const cutAt = Date.now();
  try {
    let answered503 = 0;
    const seen = { cached: new Set<number>(), uncached: new Set<number>(), api: new Set<number>(), ready: new Set<number>(), health: new Set<number>() };
    while (Date.now() - cutAt < 10_000) {
      seen.cached.add((await app.app.inject(cachedPath)).statusCode);
      const uncached = await app.app.inject(`/news/no-such-story-${Date.now()}`);
      seen.uncached.add(uncached.statusCode);
      if (uncached.statusCode === 503) {
        answered503++;
        assert.equal(uncached.headers['retry-after'], '5');
        assert.match(uncached.body, /Back in a moment/);
      }
      const api = await app.app.inject({ url: '/ghost/api/content/posts/?key=0123456789abcdef0123456789' });
      seen.api.add(api.statusCode);
      seen.ready.add((await app.app.inject('/readyz')).statusCode);
      seen.health.add((await app.app.inject('/healthz')).statusCode);
      await sleep(500);
    }
    // Metrics matter most in an outage: the scrape is answered, and says what is away.
    const during = await app.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(during.statusCode, 200, during.body.slice(0, 300));
    assert.match(during.body, /^dateline_redis_up 0$/m, 'Redis is reported down');
    assert.match(during.body, /^dateline_database_unavailable_total [1-9]/m);
    assert.deepEqual([...seen.cached], [200], 'the cached article is served all along');
    assert.deepEqual([...seen.uncached], [503], 'a page that needs the database: 503');
    assert.deepEqual([...seen.api], [503], 'the Content API: 503 (ServiceUnavailableError)');
    assert.deepEqual([...seen.ready], [503], '/readyz tells the load balancer');
    assert.deepEqual([...seen.health], [200], 'the process itself is alive');
    counted503 = answered503;
  } finally {
    pgProxy.restore();
    redisProxy.restore();
  }

  // Recovery without a restart: within a few seconds everything answers again.
  const deadline = Date.now() + 15_000;
  let ready = 0;
  while (Date.now() < deadline && ready !== 200) {
    ready = (await app.app.inject('/readyz')).statusCode;
    if (ready !== 200) await sleep(250);
  }
  assert.equal(ready, 200, '/readyz ready again');
  assert.equal((await app.app.inject('/news/no-such-story')).statusCode, 404, 'uncached pages are built again');
  const second = await publishStory(app, { headline: 'Back after the outage' });
  assert.equal((await app.app.inject(`/news/${second.article.slug}`)).statusCode, 200, 'publishing works again');
  const metrics = (await app.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
  assert.match(metrics, /^dateline_redis_up 1$/m, 'Redis is reported back');
  assert.match(metrics, /^dateline_redis_connection_errors_total [1-9]/m, 'and its connection errors were counted');
  const unavailable = Number(/^dateline_database_unavailable_total (\d+)/m.exec(metrics)?.[1] ?? 0);
  assert.ok(counted503 > 0 && unavailable >= counted503, `every page answered 503 for the database is counted: ${unavailable} counted, ${counted503} answered`);
});
