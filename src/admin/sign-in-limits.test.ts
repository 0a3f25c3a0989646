import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { createDatabaseRateLimiter } from './rate-limiter.js';
import { createLoginAttemptRepo } from './login-attempt-repo.js';

const PASSWORD = 'a long test password';

function signIn(app: TestApp, email: string, password: string, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') {
  return app.app.inject({ method: 'POST', url: '/api/admin/session', payload: { email, password }, headers, remoteAddress });
}

function statuses(answers: { statusCode: number }[]) {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.statusCode] = (counts[a.statusCode] ?? 0) + 1;
  return counts;
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('the database limiter gives concurrent attempts their own numbers: 30 at once, exactly 5 let through'), async () => {
    const handle = await target.create();
    let now = Date.parse('2025-06-27T04:30:00Z');
    try {
      const limiter = createDatabaseRateLimiter(createLoginAttemptRepo(handle.db), { max: 5, windowMs: 60_000, now: () => now });
      const waits = await Promise.all(Array.from({ length: 30 }, () => limiter.reserve('account:a@example.com')));
      assert.equal(waits.filter((w) => w === 0).length, 5);
      assert.ok(waits.filter((w) => w > 0).every((w) => w === 60), 'the refused wait for the window to end');
      now += 30_000;
      assert.equal(await limiter.reserve('account:a@example.com'), 30, 'the window runs from the first attempt');
      now += 30_001;
      assert.equal(await limiter.reserve('account:a@example.com'), 0, 'a new window starts after the old one ends');
      await limiter.release('account:a@example.com');
      await limiter.release('account:a@example.com');
      const rows = await handle.db.selectFrom('login_attempts').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(Number(rows[0]!.count), 0, 'release never goes below zero');
      assert.ok(!rows[0]!.key.includes('example.com'), 'the e-mail is stored only as a hash');
    } finally {
      await handle.close();
    }
  });

  test(name('30 concurrent wrong passwords for one account: 5 are checked, 25 get 429 before any check'), async () => {
    const app = await createTestApp(target);
    try {
      await app.services.users.add({ email: 'asha@example.com', name: 'Asha', role: 'editor', password: PASSWORD });
      const answers = await Promise.all(Array.from({ length: 30 }, () => signIn(app, 'asha@example.com', 'a wrong guess')));
      assert.deepEqual(statuses(answers), { 401: 5, 429: 25 });
      const more = await Promise.all(Array.from({ length: 200 }, (_, i) => signIn(app, 'asha@example.com', `guess ${i}`, {}, `198.51.100.${i % 200}`)));
      assert.deepEqual(statuses(more), { 429: 200 }, 'a locked account stays locked from every address');
      assert.equal((await signIn(app, 'asha@example.com', PASSWORD)).statusCode, 429, 'even the right password waits');
    } finally {
      await app.close();
    }
  });

  test(name('X-Forwarded-For is ignored by default: forged addresses share the real one and are limited at 30'), async () => {
    const app = await createTestApp(target);
    try {
      const answers = [];
      for (let i = 0; i < 40; i++) answers.push(await signIn(app, `nobody${i}@example.com`, 'a wrong guess', { 'x-forwarded-for': `203.0.113.${i}` }));
      assert.deepEqual(statuses(answers), { 401: 30, 429: 10 });
      const other = await signIn(app, 'someone@example.com', 'a wrong guess', {}, '192.0.2.7');
      assert.equal(other.statusCode, 401, 'another real address has its own count');
    } finally {
      await app.close();
    }
  });

  test(name('with TRUST_PROXY=1 the address the proxy added is the client, and what the client forged before it is not'), async () => {
    const app = await createTestApp(target, { TRUST_PROXY: '1' });
    try {
      const answers = [];
      // The proxy appends the address it saw; the client may have sent anything before that.
      for (let i = 0; i < 35; i++) answers.push(await signIn(app, `nobody${i}@example.com`, 'a wrong guess', { 'x-forwarded-for': `10.9.8.${i}, 203.0.113.50` }));
      assert.deepEqual(statuses(answers), { 401: 30, 429: 5 });
      const neighbour = await signIn(app, 'someone@example.com', 'a wrong guess', { 'x-forwarded-for': '203.0.113.51' });
      assert.equal(neighbour.statusCode, 401, 'another client behind the same proxy is not blocked');
    } finally {
      await app.close();
    }
  });

  test(name('a successful sign-in clears its account and does not count against its address'), async () => {
    const app = await createTestApp(target);
    try {
      await app.services.users.add({ email: 'tom@example.com', name: 'Tom', role: 'author', password: PASSWORD });
      for (let i = 0; i < 4; i++) assert.equal((await signIn(app, 'tom@example.com', 'wrong')).statusCode, 401);
      assert.equal((await signIn(app, 'tom@example.com', PASSWORD)).statusCode, 200);
      for (let i = 0; i < 5; i++) assert.equal((await signIn(app, 'tom@example.com', 'wrong')).statusCode, 401, 'the account starts afresh');
      // 9 failures so far from this address: 35 good sign-ins would pass its limit of 30 if they counted.
      await app.services.users.add({ email: 'lee@example.com', name: 'Lee', role: 'author', password: PASSWORD });
      for (let i = 0; i < 35; i++) assert.equal((await signIn(app, 'lee@example.com', PASSWORD)).statusCode, 200, `good sign-in ${i + 1}`);
    } finally {
      await app.close();
    }
  });
}
