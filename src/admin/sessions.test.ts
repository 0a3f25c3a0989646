import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';

const PASSWORD = 'a long test password';
const DAY = 86_400_000;

async function addUser(app: TestApp, email: string, role: 'contributor' | 'editor' | 'admin' = 'contributor') {
  return app.services.users.add({ email, name: email.split('@')[0]!, role, password: PASSWORD });
}

function signInRequest(app: TestApp, email: string, password: string) {
  return app.app.inject({ method: 'POST', url: '/api/admin/session', payload: { email, password } });
}

/** Signs in with credentials and returns the cookie and token of that one session. */
async function session(app: TestApp, email: string, password = PASSWORD) {
  const res = await signInRequest(app, email, password);
  assert.equal(res.statusCode, 200, res.body);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const { csrfToken } = res.json();
  return {
    cookie,
    csrfToken,
    whoAmI: () => app.app.inject({ url: '/api/admin/session', headers: { cookie } }),
    write: (method: 'POST' | 'DELETE', url: string, payload?: unknown) =>
      app.app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrfToken, ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) }),
  };
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('a wrong password gets 401; five failures lock the account with 429 and Retry-After, even for the right password'), async () => {
    const app = await createTestApp(target);
    try {
      await addUser(app, 'asha@example.com');
      await addUser(app, 'tom@example.com');
      for (let i = 0; i < 5; i++) {
        const wrong = await signInRequest(app, 'Asha@Example.com', 'not the password');
        assert.equal(wrong.statusCode, 401);
        assert.equal(wrong.json().error.code, 'INVALID_CREDENTIALS');
        assert.equal(wrong.headers['set-cookie'], undefined);
      }
      const locked = await signInRequest(app, 'asha@example.com', PASSWORD);
      assert.equal(locked.statusCode, 429);
      assert.equal(locked.json().error.code, 'RATE_LIMITED');
      const retryAfter = Number(locked.headers['retry-after']);
      assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${locked.headers['retry-after']}`);
      assert.equal(locked.headers['set-cookie'], undefined, 'no session while locked');
      assert.equal((await app.database.db.selectFrom('sessions').select('id').execute()).length, 0);
      // The lock is per account: another account from the same address signs in.
      assert.equal((await signInRequest(app, 'tom@example.com', PASSWORD)).statusCode, 200);
    } finally {
      await app.close();
    }
  });

  test(name('the session cookie is HttpOnly, SameSite=Lax, Secure on an https site, and lasts 14 days'), async () => {
    const app = await createTestApp(target);
    try {
      await addUser(app, 'asha@example.com');
      const res = await signInRequest(app, 'asha@example.com', PASSWORD);
      const cookie = String(res.headers['set-cookie']);
      assert.match(cookie, /^dl_session=[A-Za-z0-9_-]{20,};/);
      assert.match(cookie, /;\s*HttpOnly/i);
      assert.match(cookie, /;\s*SameSite=Lax/i);
      assert.match(cookie, /;\s*Secure/i);
      assert.match(cookie, /;\s*Path=\//i);
      assert.match(cookie, /;\s*Max-Age=1209600/i);
      assert.match(res.json().csrfToken, /^[A-Za-z0-9_-]{20,}$/);
      const stored = await app.database.db.selectFrom('sessions').select(['token_hash']).executeTakeFirstOrThrow();
      assert.ok(!cookie.includes(stored.token_hash), 'only a hash of the token is stored');
    } finally {
      await app.close();
    }
  });

  test(name('a cookie write without the right X-CSRF-Token is refused with 403 and writes nothing'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const section = await app.services.directory.ensureSection('News');
      const before = await fingerprint(app.database.db);
      const attempts = [
        { method: 'POST' as const, url: '/api/admin/articles', payload: { headline: 'Forged', sectionId: section.id } },
        { method: 'POST' as const, url: '/api/admin/sections', payload: { name: 'Forged' } },
        { method: 'DELETE' as const, url: '/api/admin/sessions' },
        { method: 'DELETE' as const, url: `/api/admin/sections/${section.id}` },
      ];
      for (const token of [undefined, '', 'wrong-token', editor.csrfToken.slice(0, -1)]) {
        for (const a of attempts) {
          const res = await app.app.inject({ method: a.method, url: a.url, headers: { cookie: editor.cookie, ...(token !== undefined ? { 'x-csrf-token': token } : {}), ...(a.payload ? { 'content-type': 'application/json' } : {}) }, ...(a.payload ? { payload: JSON.stringify(a.payload) } : {}) });
          assert.equal(res.statusCode, 403, `${a.method} ${a.url} with token ${JSON.stringify(token)}`);
          assert.equal(res.json().error.code, 'CSRF_REJECTED');
        }
      }
      assertUnchanged(before, await fingerprint(app.database.db));
      const again = await app.app.inject({ url: '/api/admin/session', headers: { cookie: editor.cookie } });
      assert.equal(again.json().csrfToken, editor.csrfToken, 'GET /session returns the token again');
      assert.equal((await editor.request('POST', '/api/admin/sections', { name: 'Real' })).status, 201, 'with the token it works');
    } finally {
      await app.close();
    }
  });

  test(name('a session expires 14 days after its last use and then gets 401'), async () => {
    const app = await createTestApp(target);
    try {
      await addUser(app, 'asha@example.com');
      const s = await session(app, 'asha@example.com');
      app.clock.advance(13 * DAY);
      assert.equal((await s.whoAmI()).statusCode, 200, 'still valid after 13 days');
      app.clock.advance(13 * DAY);
      assert.equal((await s.whoAmI()).statusCode, 200, 'use slides the expiry forward');
      app.clock.advance(14 * DAY + 60_000);
      const expired = await s.whoAmI();
      assert.equal(expired.statusCode, 401);
      assert.equal(expired.json().error.code, 'UNAUTHENTICATED');
      assert.equal((await app.database.db.selectFrom('sessions').select('id').execute()).length, 0, 'the expired session is removed');
    } finally {
      await app.close();
    }
  });

  test(name('signing out ends this session; signing out everywhere ends every session of the user'), async () => {
    const app = await createTestApp(target);
    try {
      await addUser(app, 'asha@example.com');
      await addUser(app, 'tom@example.com');
      const laptop = await session(app, 'asha@example.com');
      const phone = await session(app, 'asha@example.com');
      const tablet = await session(app, 'asha@example.com');
      const tom = await session(app, 'tom@example.com');
      const out = await tablet.write('DELETE', '/api/admin/session');
      assert.equal(out.statusCode, 204);
      assert.equal((await tablet.whoAmI()).statusCode, 401);
      assert.equal((await phone.whoAmI()).statusCode, 200, 'other sessions stay');
      const everywhere = await laptop.write('DELETE', '/api/admin/sessions');
      assert.equal(everywhere.statusCode, 200);
      assert.equal(everywhere.json().ended, 2);
      assert.match(String(everywhere.headers['set-cookie']), /dl_session=;/);
      assert.equal((await laptop.whoAmI()).statusCode, 401);
      assert.equal((await phone.whoAmI()).statusCode, 401, 'the second client of the same user is signed out');
      assert.equal((await tom.whoAmI()).statusCode, 200, "another user's session is untouched");
    } finally {
      await app.close();
    }
  });

  test(name('a new password, a new role or disabling ends the sessions; a disabled user cannot sign in'), async () => {
    const app = await createTestApp(target);
    try {
      const admin = await signIn(app, 'admin');
      const asha = await addUser(app, 'asha@example.com');
      let s = await session(app, 'asha@example.com');
      const changed = await admin.request('PATCH', `/api/admin/users/${asha.id}`, { password: 'a brand new password' });
      assert.equal(changed.status, 200, changed.body);
      assert.equal((await s.whoAmI()).statusCode, 401, 'the old session ended with the new password');
      assert.equal((await signInRequest(app, 'asha@example.com', PASSWORD)).statusCode, 401, 'the old password no longer works');
      s = await session(app, 'asha@example.com', 'a brand new password');

      await app.services.auth.setPassword(asha.id, 'a third long password');
      assert.equal((await s.whoAmI()).statusCode, 401, 'auth.setPassword ends sessions too');
      s = await session(app, 'asha@example.com', 'a third long password');

      assert.equal((await admin.request('PATCH', `/api/admin/users/${asha.id}`, { role: 'author' })).status, 200);
      assert.equal((await s.whoAmI()).statusCode, 401, 'a role change ends sessions');
      s = await session(app, 'asha@example.com', 'a third long password');
      assert.equal((await s.whoAmI()).json().user.role, 'author');

      const short = await admin.request('PATCH', `/api/admin/users/${asha.id}`, { password: 'short' });
      assert.equal(short.status, 400);
      assert.equal(short.json.error.field, 'password');
      assert.equal((await s.whoAmI()).statusCode, 200, 'a refused password change ends nothing');

      assert.equal((await admin.request('PATCH', `/api/admin/users/${asha.id}`, { disabled: true })).status, 200);
      assert.equal((await s.whoAmI()).statusCode, 401, 'disabling ends sessions');
      const refused = await signInRequest(app, 'asha@example.com', 'a third long password');
      assert.equal(refused.statusCode, 401);
      assert.equal(refused.json().error.code, 'INVALID_CREDENTIALS');
    } finally {
      await app.close();
    }
  });

  test(name('first-run setup: a one-time token creates the first admin, then is spent'), async () => {
    const app = await createTestApp(target);
    try {
      const path = (await app.setupPath());
      assert.match(path ?? '', /^\/admin\/setup\?token=[A-Za-z0-9_-]{20,}$/);
      const token = new URL(path!, 'https://x').searchParams.get('token')!;
      assert.deepEqual((await app.app.inject('/api/admin/setup')).json(), { needed: true });
      const form = { email: 'chief@example.com', name: 'Chief Editor', password: 'the chief password' };
      const before = await fingerprint(app.database.db);
      for (const wrong of ['', 'nope', `${token}x`, token.slice(1)]) {
        const res = await app.app.inject({ method: 'POST', url: '/api/admin/setup', payload: { ...form, token: wrong } });
        assert.equal(res.statusCode, 403, `token ${JSON.stringify(wrong)}`);
        assert.equal(res.json().error.code, 'SETUP_UNAVAILABLE');
      }
      assertUnchanged(before, await fingerprint(app.database.db));

      const done = await app.app.inject({ method: 'POST', url: '/api/admin/setup', payload: { ...form, token } });
      assert.equal(done.statusCode, 201, done.body);
      assert.equal(done.json().user.role, 'admin');
      assert.match(String(done.headers['set-cookie']), /dl_session=.+HttpOnly/i);
      const users = await app.services.users.list();
      assert.deepEqual(users.map((u) => [u.email, u.role]), [['chief@example.com', 'admin']]);

      assert.equal((await app.setupPath()), null);
      assert.deepEqual((await app.app.inject('/api/admin/setup')).json(), { needed: false });
      const replay = await app.app.inject({ method: 'POST', url: '/api/admin/setup', payload: { ...form, email: 'second@example.com', token } });
      assert.equal(replay.statusCode, 403, 'the token is spent');
      assert.equal((await app.services.users.list()).length, 1);
      assert.equal((await signInRequest(app, 'chief@example.com', 'the chief password')).statusCode, 200);
    } finally {
      await app.close();
    }
  });

  test(name('an admin made after start (CLI, another node) ends setup: the token cannot make a second admin'), async () => {
    const app = await createTestApp(target);
    try {
      const token = new URL((await app.setupPath())!, 'https://x').searchParams.get('token')!;
      await addUser(app, 'chief@example.com', 'admin');
      assert.deepEqual((await app.app.inject('/api/admin/setup')).json(), { needed: false });
      const res = await app.app.inject({ method: 'POST', url: '/api/admin/setup', payload: { token, email: 'late@example.com', name: 'Late', password: 'a late password' } });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal((await app.services.users.list()).length, 1);
    } finally {
      await app.close();
    }
  });

  test(name('two simultaneous setup requests make one admin, and a refused form leaves the link usable'), async () => {
    const app = await createTestApp(target);
    try {
      const token = new URL((await app.setupPath())!, 'https://x').searchParams.get('token')!;
      const short = await app.app.inject({ method: 'POST', url: '/api/admin/setup', payload: { token, email: 'first@example.com', name: 'First', password: 'short' } });
      assert.equal(short.statusCode, 400);
      assert.equal(short.json().error.field, 'password');
      assert.ok((await app.setupPath()), 'the link still works after a refused form');
      const answers = await Promise.all(
        ['one@example.com', 'two@example.com'].map((email) => app.app.inject({ method: 'POST', url: '/api/admin/setup', payload: { token, email, name: email, password: 'a long enough password' } })),
      );
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 403]);
      assert.equal((await app.services.users.list()).filter((u) => u.role === 'admin').length, 1);
    } finally {
      await app.close();
    }
  });
}
