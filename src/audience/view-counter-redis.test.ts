import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { testDatabases } from '../../test/support/databases.js';
import { redisAvailable, testRedisUrl } from '../../test/support/redis.js';
import { createTestApp, publishStory } from '../../test/support/test-app.js';
import { createRedisViewStore } from './redis-view-store.js';
import { createViewWriteRepo } from './view-write-repo.js';
import type { Beacon } from './view-counter.js';

const enabled = await redisAvailable();
const skip = !enabled && 'Redis not reachable';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const reader = (articleId: string, address: string): Beacon => ({ articleId, address, userAgent: CHROME, purpose: '', referrer: 'https://www.google.com/' });

for (const target of await testDatabases()) {
  test(`[${target.name}] two processes share one count, one set of readers and one writer through Redis`, { skip }, async () => {
    const handle = await target.create();
    const nodeA = await createTestApp(target, { REDIS_URL: testRedisUrl }, { database: handle });
    const nodeB = await createTestApp(target, { REDIS_URL: testRedisUrl }, { database: handle });
    try {
      const { article } = await publishStory(nodeA, { headline: 'Read on two nodes' });
      assert.equal(nodeA.services.views.kind, 'redis');
      assert.deepEqual(await nodeA.services.views.ingest(reader(article.id, '198.51.100.1')), { status: 'counted', views: 1 });
      // The same reader's reload lands on the other node: still one view.
      assert.deepEqual(await nodeB.services.views.ingest(reader(article.id, '198.51.100.1')), { status: 'not-counted', reason: 'repeat', views: 1 });
      assert.deepEqual(await nodeB.services.views.ingest(reader(article.id, '198.51.100.2')), { status: 'counted', views: 2 }, 'node B sees node A’s count');
      assert.equal(await nodeA.services.views.current(article.id), 2);
      // Both try to write at once: one holds the lease, the counts go in once.
      const written = await Promise.all([nodeA.services.views.flush(), nodeB.services.views.flush()]);
      assert.deepEqual(written.sort(), [0, 2]);
      const row = await handle.db.selectFrom('articles').select('views').where('id', '=', article.id).executeTakeFirstOrThrow();
      assert.equal(Number(row.views), 2);
      assert.equal(await nodeB.services.views.flush(), 0, 'nothing is written twice');
      const visitors = await handle.db.selectFrom('site_visitors_daily').select('visitors').executeTakeFirstOrThrow();
      assert.equal(Number(visitors.visitors), 2, 'distinct readers from the shared HyperLogLog');
      const referrers = await handle.db.selectFrom('article_referrers_daily').select(['host', 'views']).execute();
      assert.deepEqual(referrers.map((r) => [r.host, Number(r.views)]), [['google.com', 2]]);
    } finally {
      await nodeA.close();
      await nodeB.close();
      await handle.close();
    }
  });
}

test('a batch taken from Redis and written, whose writer died before clearing it, is not written again', { skip }, async () => {
  const [target] = await testDatabases();
  const app = await createTestApp(target!);
  const redis = new Redis(testRedisUrl);
  try {
    const { article } = await publishStory(app, { headline: 'Crash between commit and clear' });
    const namespace = `test-${randomBytes(4).toString('hex')}`;
    const options = { redis, namespace: async () => namespace, now: Date.now, rate: { max: 100, windowMs: 60_000 }, hostsPerDay: 10, leaseMs: 200 };
    const dying = createRedisViewStore(options);
    const view = { articleId: article.id, day: '2025-06-27', hour: '2025-06-27T04:30:00.000Z', minute: '2025-06-27T04:30:00.000Z', device: 'mobile' as const, host: null };
    for (const reading of ['a', 'b', 'c']) await dying.record({ rateKey: 'x', ids: { reading, visitor: reading }, view, count: true });
    const writer = createViewWriteRepo(app.database.db);
    const batch = (await dying.take())!;
    assert.ok(batch.batchId);
    assert.equal((await writer.write(batch.tally, { visitors: batch.visitors, batchId: batch.batchId })).applied, true);
    // … and the process is killed here, before batch.done(). A new reading arrives meanwhile.
    await dying.record({ rateKey: 'x', ids: { reading: 'd', visitor: 'd' }, view, count: true });
    await new Promise((resolve) => setTimeout(resolve, 250));
    const heir = createRedisViewStore(options);
    const again = (await heir.take())!;
    assert.equal(again.batchId, batch.batchId, 'the unfinished batch comes first');
    assert.equal((await writer.write(again.tally, { visitors: again.visitors, batchId: again.batchId })).applied, false, 'already in the database');
    await again.done();
    const next = (await heir.take())!;
    assert.equal((await writer.write(next.tally, { visitors: next.visitors, batchId: next.batchId })).applied, true);
    await next.done();
    const row = await app.database.db.selectFrom('articles').select('views').where('id', '=', article.id).executeTakeFirstOrThrow();
    assert.equal(Number(row.views), 4, 'each view once');
    assert.equal(await heir.take(), null);
    await heir.close();
    assert.deepEqual(await redis.keys(`dateline:${namespace}:views:pending`), [], 'nothing left pending');
    await redis.del(...(await redis.keys(`dateline:${namespace}:*`)));
  } finally {
    redis.disconnect();
    await app.close();
  }
});
