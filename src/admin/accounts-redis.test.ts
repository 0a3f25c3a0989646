import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { testDatabases } from '../../test/support/databases.js';
import { redisAvailable, testRedisUrl } from '../../test/support/redis.js';
import { createTestApp } from '../../test/support/test-app.js';
import { limiterKey } from './rate-limiter.js';

const enabled = await redisAvailable();

test('with REDIS_URL, reset requests are counted in Redis: two nodes share one limit per address typed', { skip: !enabled && 'Redis not reachable' }, async () => {
  const redis = new Redis(testRedisUrl);
  const email = `asha.${Date.now()}@example.com`;
  const keys = [`dateline:reset:${limiterKey(`reset-account:${email}`)}`, `dateline:reset:${limiterKey('reset-address:127.0.0.1')}`];
  await redis.del(...keys);
  const [sqlite] = await testDatabases();
  // Two nodes that share nothing but Redis (each has its own database): the count is Redis's.
  const a = await createTestApp(sqlite!, { REDIS_URL: testRedisUrl });
  const b = await createTestApp(sqlite!, { REDIS_URL: testRedisUrl });
  try {
    const ask = (node: typeof a) => node.app.inject({ method: 'POST', url: '/api/admin/password-reset', payload: { email } }).then((r) => r.statusCode);
    assert.deepEqual([await ask(a), await ask(b), await ask(a), await ask(b)], [202, 202, 202, 429]);
    assert.equal(Number(await redis.get(keys[0]!)), 4);
    for (const node of [a, b]) assert.equal((await node.database.db.selectFrom('login_attempts').select('key').execute()).length, 0, 'nothing counted in the database');
  } finally {
    await redis.del(...keys);
    redis.disconnect();
    await a.close();
    await b.close();
  }
});
