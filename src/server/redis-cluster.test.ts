import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRedisPresence, createRedisRateLimiter } from '../admin/redis-stores.js';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory } from '../../test/support/test-app.js';
import { redisAvailable, testRedisUrl } from '../../test/support/redis.js';

const enabled = await redisAvailable();
const skip = !enabled && 'Redis not reachable';

test('two nodes share one sign-in rate limit through Redis', { skip }, async () => {
  const a = new Redis(testRedisUrl);
  const b = new Redis(testRedisUrl);
  const prefix = `dateline-test:${randomBytes(4).toString('hex')}:`;
  try {
    const nodeA = createRedisRateLimiter(a, { max: 3, windowMs: 60_000, prefix });
    const nodeB = createRedisRateLimiter(b, { max: 3, windowMs: 60_000, prefix });
    await nodeA.fail('account:x@example.com');
    await nodeB.fail('account:x@example.com');
    assert.equal(await nodeA.blockedFor('account:x@example.com'), 0);
    await nodeA.fail('account:x@example.com');
    const wait = await nodeB.blockedFor('account:x@example.com');
    assert.ok(wait > 0 && wait <= 60, `node B sees the block node A caused (${wait} s)`);
    await nodeB.reset('account:x@example.com');
    assert.equal(await nodeA.blockedFor('account:x@example.com'), 0);
  } finally {
    await a.quit();
    await b.quit();
  }
});

test('editors on two nodes see each other in Redis presence, and stale entries expire', { skip }, async () => {
  const a = new Redis(testRedisUrl);
  const b = new Redis(testRedisUrl);
  const prefix = `dateline-test:${randomBytes(4).toString('hex')}:`;
  let now = Date.parse('2025-06-27T04:30:00Z');
  try {
    const nodeA = createRedisPresence(a, { ttlMs: 40_000, prefix, now: () => now });
    const nodeB = createRedisPresence(b, { ttlMs: 40_000, prefix, now: () => now });
    assert.deepEqual(await nodeA.beat('story-1', { id: 'u1', name: 'Ed Itor' }), []);
    const seen = await nodeB.beat('story-1', { id: 'u2', name: 'Eda Second' });
    assert.deepEqual(seen.map((e) => e.name), ['Ed Itor']);
    now += 41_000;
    assert.deepEqual(await nodeB.beat('story-1', { id: 'u2', name: 'Eda Second' }), [], 'a silent editor drops out');
    await nodeB.leave('story-1', 'u2');
    assert.deepEqual(await nodeA.beat('story-1', { id: 'u1', name: 'Ed Itor' }), []);
  } finally {
    await a.quit();
    await b.quit();
  }
});

for (const target of await testDatabases()) {
  test(`[${target.name}] a publish on one node clears the page cache of another node at once through Redis`, { skip }, async () => {
    const handle = await target.create();
    const nodeA = await createTestApp(target, { REDIS_URL: testRedisUrl }, { database: handle });
    const nodeB = await createTestApp(target, { REDIS_URL: testRedisUrl }, { database: handle });
    try {
      await publishStory(nodeA, { headline: 'Before the change' });
      const first = await nodeB.app.inject('/');
      assert.ok(first.body.includes('Before the change'));
      // Node B now has the home page cached and will not re-check the database for a second.
      await publishStory(nodeA, { headline: 'Breaking after the change', section: 'Sport' });
      await nodeA.announceChange();
      await new Promise((resolve) => setTimeout(resolve, 150));
      const second = await nodeB.app.inject('/');
      assert.ok(second.body.includes('Breaking after the change'), 'node B re-rendered after the Redis message');
    } finally {
      await nodeA.close();
      await nodeB.close();
      await handle.close();
    }
  });
}
