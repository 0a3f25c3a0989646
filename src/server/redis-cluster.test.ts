import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRedisPresence, createRedisRateLimiter } from '../admin/redis-stores.js';
import { limiterKey } from '../admin/rate-limiter.js';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory } from '../../test/support/test-app.js';
import { redisAvailable, testRedisUrl } from '../../test/support/redis.js';

const enabled = await redisAvailable();
const skip = !enabled && 'Redis not reachable';

test('two nodes share one sign-in rate limit through Redis, and concurrent attempts each take a number', { skip }, async () => {
  const a = new Redis(testRedisUrl);
  const b = new Redis(testRedisUrl);
  const prefix = `dateline-test:${randomBytes(4).toString('hex')}:`;
  try {
    const nodeA = createRedisRateLimiter(a, { max: 3, windowMs: 60_000, prefix });
    const nodeB = createRedisRateLimiter(b, { max: 3, windowMs: 60_000, prefix });
    const key = 'account:x@example.com';
    // 20 attempts at once, half through each node: exactly `max` are let through.
    const waits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? nodeA : nodeB).reserve(key)));
    assert.equal(waits.filter((w) => w === 0).length, 3);
    const blocked = waits.filter((w) => w > 0);
    assert.ok(blocked.every((w) => w > 0 && w <= 60), `every refused attempt says how long to wait (${blocked.join(',')})`);
    await nodeB.reset(key);
    assert.equal(await nodeA.reserve(key), 0, 'a reset opens the window again');
    await nodeA.release(key);
    await nodeA.release(key);
    assert.equal(await b.get(`${prefix}${limiterKey(key)}`), '0', 'release never goes below zero');
    assert.equal(await b.keys(`${prefix}*x@example.com*`).then((k) => k.length), 0, 'the e-mail is not stored in the key');
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
