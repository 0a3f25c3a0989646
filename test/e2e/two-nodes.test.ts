import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { testDatabases } from '../support/databases.js';
import { filesUnder } from '../support/files.js';
import { redisAvailable, testRedisUrl } from '../support/redis.js';
import { databaseUrl } from '../support/run-cli.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { limiterKey } from '../../src/admin/rate-limiter.js';

/**
 * Two real `dateline serve` processes on one PostgreSQL database (and Redis), started at
 * the same moment on an empty database, as a hostile tester found them: both seed, both
 * draw the demo pictures, both take the setup link, both count sign-in failures.
 */
const postgres = (await testDatabases()).find((t) => t.name === 'postgres');
const withRedis = await redisAvailable();

const post = (server: ServerProcess, path: string, body: unknown) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function clearAddressLimit(redis: Redis) {
  // The per-address window of 127.0.0.1 lives for 15 minutes in the shared Redis: start and end clean.
  await redis.del(`dateline:login:${limiterKey('address:127.0.0.1')}`);
}

async function setUpAdmin(a: ServerProcess, b: ServerProcess, email: string) {
  const link = a.setupPath();
  assert.ok(link, `node A printed a setup link:\n${a.output()}`);
  assert.equal(b.setupPath(), link, 'both nodes print the same one-time link');
  const token = new URL(link, 'http://x').searchParams.get('token');
  const answers = await Promise.all([a, b].map((node, i) => post(node, '/api/admin/setup', { token, email: i ? `other.${email}` : email, name: `Chief ${i}`, password: 'a long enough password' })));
  const statuses = answers.map((r) => r.status);
  assert.deepEqual([...statuses].sort(), [201, 403], `one setup wins: ${statuses}`);
  return statuses[0] === 201 ? email : `other.${email}`;
}

async function wrongPasswordsOnBothNodes(a: ServerProcess, b: ServerProcess, email: string, count: number) {
  const answers = await Promise.all(Array.from({ length: count }, (_, i) => post(i % 2 ? a : b, '/api/admin/session', { email, password: `guess number ${i}` })));
  const tally: Record<number, number> = {};
  for (const r of answers) tally[r.status] = (tally[r.status] ?? 0) + 1;
  return tally;
}

test('two nodes on PostgreSQL and Redis, started together with demo content: one seed, one admin, 5 guesses, every picture served', { skip: !postgres ? 'PostgreSQL not reachable' : !withRedis ? 'Redis not reachable' : false, timeout: 240_000 }, async () => {
  const handle = await postgres!.create();
  const redis = new Redis(testRedisUrl);
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-two-nodes-'));
  const env = { DATABASE_URL: databaseUrl(handle.target), DATA_DIR: dataDir, REDIS_URL: testRedisUrl, DATELINE_DEMO: '1' };
  let nodes: ServerProcess[] = [];
  try {
    await clearAddressLimit(redis);
    nodes = await Promise.all([startServer(env), startServer(env)]);
    const [a, b] = nodes as [ServerProcess, ServerProcess];

    const stories = await handle.db.selectFrom('articles').select('id').execute();
    assert.equal(stories.length, 24, 'the demo newsroom was seeded once, not twice');

    const email = await setUpAdmin(a, b, `chief.${Date.now()}@example.com`);
    const tally = await wrongPasswordsOnBothNodes(a, b, email, 40);
    assert.deepEqual(tally, { 401: 5, 429: 35 }, 'five guesses in all are checked, across both nodes');

    // Both nodes drew demo pictures and made AVIF variants at the same time.
    const deadline = Date.now() + 180_000;
    for (;;) {
      const open = await handle.db.selectFrom('media').select('id').where('variants_state', '!=', 'ready').execute();
      if (!open.length) break;
      if (Date.now() > deadline) assert.fail(`${open.length} pictures still not ready`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const rows = await handle.db.selectFrom('media_variants').select('path').execute();
    const media = join(dataDir, 'media');
    const missing = rows.filter((r) => !existsSync(join(media, r.path)));
    assert.deepEqual(missing, [], 'every variant a page may link exists');
    const files = filesUnder(media);
    assert.equal(files.filter((f) => f.endsWith('.avif')).length, rows.filter((r) => r.path.endsWith('.avif')).length, 'no AVIF set was made twice');
    assert.equal(files.filter((f) => f.startsWith('o/')).length, 24, 'one original per picture');

    // Every picture URL a reader's browser would ask for answers, from either node.
    const home = await (await fetch(b.url + '/')).text();
    const firstStory = /href="(\/[^"/]+\/[^"/]+)"/.exec(home.slice(home.indexOf('<main')))?.[1];
    assert.ok(firstStory);
    const article = await (await fetch(a.url + firstStory)).text();
    const urls = new Set([...(home + article).matchAll(/\/media\/[a-z0-9/_.-]+\.(?:avif|webp|jpg)/g)].map((m) => m[0]));
    assert.ok([...urls].some((u) => u.endsWith('.avif')), 'pages offer AVIF');
    for (const url of urls) assert.equal((await fetch(a.url + url, { method: 'HEAD' })).status, 200, url);
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    await clearAddressLimit(redis);
    redis.disconnect();
    await handle.close();
  }
});

test('two nodes on PostgreSQL without Redis share sign-in limits through the database', { skip: !postgres ? 'PostgreSQL not reachable' : false, timeout: 120_000 }, async () => {
  const handle = await postgres!.create();
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-two-nodes-'));
  const env = { DATABASE_URL: databaseUrl(handle.target), DATA_DIR: dataDir, DATELINE_DEMO: '0' };
  let nodes: ServerProcess[] = [];
  try {
    nodes = await Promise.all([startServer(env), startServer(env)]);
    const [a, b] = nodes as [ServerProcess, ServerProcess];
    const email = await setUpAdmin(a, b, `chief.${Date.now()}@example.com`);
    // Forged X-Forwarded-For is not believed (TRUST_PROXY is off): a new claimed address per guess,
    // a new account per guess, on alternating nodes — still 30 failures per real address in all.
    const forged: number[] = [];
    for (let i = 0; i < 36; i++) {
      const res = await fetch((i % 2 ? a : b).url + '/api/admin/session', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` }, body: JSON.stringify({ email: `nobody${i}@example.com`, password: 'a wrong guess' }) });
      forged.push(res.status);
    }
    assert.deepEqual([forged.filter((s) => s === 401).length, forged.filter((s) => s === 429).length], [30, 6]);
    await handle.db.deleteFrom('login_attempts').execute(); // a new window, for the account race below
    assert.deepEqual(await wrongPasswordsOnBothNodes(a, b, email, 40), { 401: 5, 429: 35 });
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    await handle.close();
  }
});
