import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases, type TestDatabase } from '../support/databases.js';
import { redisAvailable, testRedisUrl } from '../support/redis.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { createTestApp, publishStory } from '../support/test-app.js';
import type { DatabaseHandle } from '../../src/db/index.js';

/**
 * What a crash costs. Views are written every second in one transaction; a real `dateline serve`
 * is sent beacons for a few seconds and then killed with SIGKILL (nothing can run: at most the
 * last unwritten second is lost) or stopped with SIGTERM (the last batch is written: nothing is
 * lost). With Redis the counters live outside the process, and nothing is lost even to SIGKILL.
 */
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const SECONDS = 2.5;
const redis = await redisAvailable();

async function setUp(target: TestDatabase) {
  const handle = await target.create();
  const app = await createTestApp(target, {}, { database: handle });
  const { article } = await publishStory(app, { headline: 'Read until the crash' });
  await app.close();
  const databaseUrl = handle.target.kind === 'sqlite' ? `sqlite:${handle.target.file}` : handle.target.url;
  // Each beacon names its reader in X-Forwarded-For (trusted from loopback only): a new reader each time.
  const env = { DATABASE_URL: databaseUrl, DATA_DIR: mkdtempSync(join(tmpdir(), 'dateline-durable-')), DATELINE_DEMO: '0', TRUST_PROXY: 'loopback' };
  return { handle, articleId: article.id, env };
}

/** Sends beacons from distinct readers for `seconds`; returns when each counted one was answered. */
async function beacons(server: ServerProcess, articleId: string, seconds: number, first = 0): Promise<number[]> {
  const answered: number[] = [];
  const until = Date.now() + seconds * 1000;
  let next = first;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (Date.now() < until) {
        const n = next++;
        const res = await fetch(`${server.url}/api/views/${articleId}`, {
          method: 'POST',
          headers: { 'user-agent': CHROME, 'content-type': 'text/plain', 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
          body: '{}',
        });
        const body = (await res.json()) as { counted?: boolean };
        assert.equal(res.status, 200);
        if (body.counted) answered.push(Date.now());
      }
    }),
  );
  return answered;
}

async function stored(handle: DatabaseHandle, articleId: string) {
  const total = await handle.db.selectFrom('articles').select('views').where('id', '=', articleId).executeTakeFirstOrThrow();
  const daily = await handle.db.selectFrom('article_views_daily').select((eb) => eb.fn.sum<number>('views').as('n')).where('article_id', '=', articleId).executeTakeFirst();
  return { total: Number(total.views), daily: Number(daily?.n ?? 0) };
}

for (const target of await testDatabases()) {
  test(`[${target.name}] kill -9 loses at most the last unwritten second of views; what is stored is whole batches`, async () => {
    const { handle, articleId, env } = await setUp(target);
    const server = await startServer(env);
    try {
      const answered = await beacons(server, articleId, SECONDS);
      await server.stop('SIGKILL');
      const killedAt = Date.now();
      const after = await stored(handle, articleId);
      const lost = answered.length - after.total;
      const lastSecond = answered.filter((t) => t > killedAt - 1500).length;
      // The lost views are the newest ones: how long before the kill the first of them was answered.
      const window = lost > 0 ? killedAt - [...answered].sort((a, b) => a - b)[answered.length - lost]! : 0;
      console.log(`# ${target.name}: ${answered.length} views counted in ${SECONDS} s, ${after.total} stored after kill -9: lost ${lost}, those of the last ${window} ms (${lastSecond} were counted in the last 1.5 s)`);
      assert.equal(after.daily, after.total, 'each batch is one transaction: the day rows and the total agree');
      assert.ok(lost >= 0, 'nothing is stored twice');
      assert.ok(lost <= lastSecond, `lost ${lost}, more than the ${lastSecond} counted in the last 1.5 s`);
    } finally {
      await server.stop('SIGKILL');
      await handle.close();
    }
  });

  test(`[${target.name}] SIGTERM writes every counted view before the process exits`, async () => {
    const { handle, articleId, env } = await setUp(target);
    const server = await startServer(env);
    try {
      const answered = await beacons(server, articleId, SECONDS);
      await server.stop('SIGTERM');
      const after = await stored(handle, articleId);
      console.log(`# ${target.name}: ${answered.length} views counted, ${after.total} stored after SIGTERM`);
      assert.deepEqual(after, { total: answered.length, daily: answered.length });
    } finally {
      await server.stop('SIGKILL');
      await handle.close();
    }
  });
}

test('with Redis, kill -9 loses nothing: the next process writes what the killed one counted', { skip: !redis && 'Redis not reachable' }, async () => {
  const [sqlite] = await testDatabases();
  const { handle, articleId, env } = await setUp(sqlite!);
  const withRedis = { ...env, REDIS_URL: testRedisUrl };
  let server = await startServer(withRedis);
  try {
    const answered = await beacons(server, articleId, SECONDS);
    await server.stop('SIGKILL');
    // A new process takes the writer's lease when the killed one's lapses (5 s) and writes the rest.
    server = await startServer(withRedis);
    const started = Date.now();
    while ((await stored(handle, articleId)).total < answered.length && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 200));
    const after = await stored(handle, articleId);
    console.log(`# redis: ${answered.length} views counted, ${after.total} stored after kill -9 and a restart (${Date.now() - started} ms later)`);
    assert.deepEqual(after, { total: answered.length, daily: answered.length });
  } finally {
    await server.stop('SIGTERM');
    await handle.close();
  }
});
