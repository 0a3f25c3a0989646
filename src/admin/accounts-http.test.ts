import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';

const PASSWORD = 'a long test password';
const HOUR = 3_600_000;

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

function post(app: TestApp, url: string, payload: unknown, headers: Record<string, string> = {}) {
  return app.app.inject({ method: 'POST', url, payload: payload as object, headers });
}

/** Everything a refusal must leave alone, one-time links included (the shared fingerprint has no such table). */
async function state(app: TestApp) {
  const links = await app.database.db.selectFrom('account_tokens').selectAll().orderBy('token_hash').execute();
  return { ...(await fingerprint(app.database.db)), account_tokens: JSON.stringify(links) };
}

/** Signs in with a password; returns the cookie, the CSRF token and a request helper for that one session. */
async function session(app: TestApp, email: string, password = PASSWORD) {
  const res = await post(app, '/api/admin/session', { email, password });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const { csrfToken } = res.json();
  return {
    whoAmI: () => app.app.inject({ url: '/api/admin/session', headers: { cookie } }),
    post: (url: string, payload: unknown) => post(app, url, payload, { cookie, 'x-csrf-token': csrfToken }),
  };
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('only an admin invites users and makes links; every refusal changes nothing'), async () => {
    const app = await createTestApp(target);
    try {
      const admin = await signIn(app, 'admin');
      const asha = await app.services.users.add({ email: 'asha@example.com', name: 'Asha', role: 'author', password: PASSWORD });
      const key = (await admin.request('POST', '/api/admin/api-keys', { name: 'Feeds', scope: 'content-read' })).json.key;
      const clients = [await signIn(app, 'contributor'), await signIn(app, 'author'), await signIn(app, 'editor')];
      const before = await state(app);
      const attempts: [string, unknown][] = [
        ['/api/admin/invites', { email: 'sneaky@example.com', name: 'Sneaky', role: 'admin' }],
        [`/api/admin/users/${asha.id}/invite`, undefined],
        [`/api/admin/users/${asha.id}/reset-link`, undefined],
      ];
      for (const [url, body] of attempts) {
        for (const client of clients) {
          const res = await client.request('POST', url, body);
          assert.equal(res.status, 403, `${url} as a non-admin`);
          assert.equal(res.json.error.code, 'FORBIDDEN');
        }
        const keyed = await post(app, url, body ?? {}, { authorization: `Bearer ${key}` });
        assert.equal(keyed.statusCode, 403, `${url} with a read-only key`);
        const anonymous = await post(app, url, body ?? {});
        assert.equal(anonymous.statusCode, 401, `${url} signed out`);
      }
      assertUnchanged(before, await state(app));
    } finally {
      await app.close();
    }
  });

  test(name('an invitation: the admin gets the link, the invitee cannot sign in, then chooses a password through it and is signed in'), async () => {
    const app = await createTestApp(target);
    try {
      const admin = await signIn(app, 'admin', 'Chief Editor');
      const res = await admin.request('POST', '/api/admin/invites', { email: 'New.Writer@Example.com', name: 'New Writer', role: 'editor' });
      assert.equal(res.status, 201, res.body);
      assert.deepEqual([res.json.user.email, res.json.user.role, res.json.user.invitePending, res.json.mail], ['new.writer@example.com', 'editor', true, 'off']);
      assert.match(res.json.url, /^https:\/\/news\.example\.com\/admin\/invite\?token=[A-Za-z0-9_-]{43}$/);
      const listed = (await admin.request('GET', '/api/admin/users')).json.find((u: { id: string }) => u.id === res.json.user.id);
      assert.equal(listed.invitePending, true);

      // Signing in as the invitee answers exactly what an unknown address gets.
      const asInvitee = await post(app, '/api/admin/session', { email: 'new.writer@example.com', password: 'any password at all' });
      const asNobody = await post(app, '/api/admin/session', { email: 'nobody@example.com', password: 'any password at all' });
      // The same answer either way (each names its own request): nothing tells an invitee's address from an unknown one.
      const withoutId = (body: { error: Record<string, unknown> }) => ({ error: { ...body.error, requestId: undefined } });
      assert.deepEqual([asInvitee.statusCode, withoutId(asInvitee.json())], [asNobody.statusCode, withoutId(asNobody.json())]);

      const token = tokenOf(res.json.url);
      const info = await app.app.inject(`/api/admin/account-token?token=${token}`);
      assert.equal(info.statusCode, 200, info.body);
      assert.deepEqual(info.json(), { purpose: 'invite', email: 'new.writer@example.com', name: 'New Writer', expiresAt: res.json.expiresAt });
      const short = await post(app, '/api/admin/account-token', { token, password: 'short' });
      assert.deepEqual([short.statusCode, short.json().error.field], [400, 'password']);
      const accepted = await post(app, '/api/admin/account-token', { token, password: 'my very own password' });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal(accepted.json().user.email, 'new.writer@example.com');
      assert.match(String(accepted.headers['set-cookie']), /^dl_session=[A-Za-z0-9_-]{20,};.*HttpOnly/i);
      const cookie = String(accepted.headers['set-cookie']).split(';')[0]!;
      assert.equal((await app.app.inject({ url: '/api/admin/session', headers: { cookie } })).json().user.role, 'editor', 'signed in');
      assert.equal((await post(app, '/api/admin/session', { email: 'new.writer@example.com', password: 'my very own password' })).statusCode, 200);

      const again = await admin.request('POST', `/api/admin/users/${res.json.user.id}/invite`);
      assert.deepEqual([again.status, again.json.error.code], [409, 'INVITE_ACCEPTED']);
      const taken = await admin.request('POST', '/api/admin/invites', { email: 'new.writer@example.com', name: 'Twice', role: 'author' });
      assert.deepEqual([taken.status, taken.json.error.code], [409, 'EMAIL_TAKEN']);
      for (const [body, field] of [
        [{ email: 'not-an-email', name: 'X', role: 'author' }, 'email'],
        [{ email: 'x@example.com', name: ' ', role: 'author' }, 'name'],
        [{ email: 'x@example.com', name: 'X', role: 'owner' }, 'role'],
        [{ email: 'x@example.com', name: 'X', role: 'author', password: PASSWORD }, 'password'],
      ] as const) {
        const refused = await admin.request('POST', '/api/admin/invites', body);
        assert.deepEqual([refused.status, refused.json.error.field], [400, field], JSON.stringify(body));
      }
    } finally {
      await app.close();
    }
  });

  test(name('re-sending an invitation replaces the link; bad, used and expired links get 400 with their own code'), async () => {
    const app = await createTestApp(target);
    try {
      const admin = await signIn(app, 'admin');
      const first = (await admin.request('POST', '/api/admin/invites', { email: 'late@example.com', name: 'Late', role: 'author' })).json;
      const second = await admin.request('POST', `/api/admin/users/${first.user.id}/invite`);
      assert.equal(second.status, 200, second.body);
      assert.notEqual(second.json.url, first.url);
      const before = await state(app);
      const refusals: [string, string][] = [
        [tokenOf(first.url), 'ACCOUNT_TOKEN_INVALID'],
        ['made-up-token-nobody-issued', 'ACCOUNT_TOKEN_INVALID'],
        ['', 'ACCOUNT_TOKEN_INVALID'],
      ];
      for (const [token, code] of refusals) {
        const checked = await app.app.inject(`/api/admin/account-token?token=${encodeURIComponent(token)}`);
        const used = await post(app, '/api/admin/account-token', { token, password: 'a long new password' });
        assert.deepEqual([checked.statusCode, checked.json().error.code], [400, code], `GET ${token}`);
        assert.deepEqual([used.statusCode, used.json().error.code], [400, code], `POST ${token}`);
      }
      const tooLong = await post(app, '/api/admin/account-token', { token: 'x'.repeat(201), password: 'a long new password' });
      assert.deepEqual([tooLong.statusCode, tooLong.json().error.field], [400, 'token']);
      assertUnchanged(before, await state(app));

      app.clock.advance(7 * 24 * HOUR + 1);
      const expired = await post(app, '/api/admin/account-token', { token: tokenOf(second.json.url), password: 'a long new password' });
      assert.deepEqual([expired.statusCode, expired.json().error.code], [400, 'ACCOUNT_TOKEN_EXPIRED']);
      const fresh = (await admin.request('POST', `/api/admin/users/${first.user.id}/invite`)).json;
      assert.equal((await post(app, '/api/admin/account-token', { token: tokenOf(fresh.url), password: 'a long new password' })).statusCode, 200);
      const replay = await post(app, '/api/admin/account-token', { token: tokenOf(fresh.url), password: 'another long password' });
      assert.deepEqual([replay.statusCode, replay.json().error.code], [400, 'ACCOUNT_TOKEN_USED']);
    } finally {
      await app.close();
    }
  });

  test(name("an admin's reset link signs the user in, ends their other sessions and lifts a sign-in lock"), async () => {
    const app = await createTestApp(target);
    try {
      const admin = await signIn(app, 'admin');
      const asha = await app.services.users.add({ email: 'asha@example.com', name: 'Asha', role: 'author', password: PASSWORD });
      const laptop = await session(app, 'asha@example.com');
      for (let i = 0; i < 6; i++) await post(app, '/api/admin/session', { email: 'asha@example.com', password: 'a wrong guess' });
      assert.equal((await post(app, '/api/admin/session', { email: 'asha@example.com', password: PASSWORD })).statusCode, 429, 'locked');

      const link = await admin.request('POST', `/api/admin/users/${asha.id}/reset-link`);
      assert.equal(link.status, 201, link.body);
      assert.match(link.json.url, /^https:\/\/news\.example\.com\/admin\/reset\?token=/);
      const used = await post(app, '/api/admin/account-token', { token: tokenOf(link.json.url), password: 'a fresh long password' });
      assert.equal(used.statusCode, 200, used.body);
      assert.equal((await laptop.whoAmI()).statusCode, 401, 'the old session ended');
      assert.equal((await post(app, '/api/admin/session', { email: 'asha@example.com', password: 'a fresh long password' })).statusCode, 200, 'the lock is lifted');
      const missing = await admin.request('POST', `/api/admin/users/${'0'.repeat(26)}/reset-link`);
      assert.deepEqual([missing.status, missing.json.error.code], [404, 'USER_NOT_FOUND']);
    } finally {
      await app.close();
    }
  });

  test(name('forgot password answers alike for known, unknown and disabled addresses, and makes no link without mail'), async () => {
    const app = await createTestApp(target);
    try {
      await app.services.users.add({ email: 'asha@example.com', name: 'Asha', role: 'author', password: PASSWORD });
      const off = await app.services.users.add({ email: 'gone@example.com', name: 'Gone', role: 'author', password: PASSWORD });
      await app.services.users.update(off.id, { disabled: true });
      assert.deepEqual((await app.app.inject('/api/admin/password-reset')).json(), { byMail: false });
      const answers = [];
      for (const email of ['asha@example.com', 'Nobody@Example.com', 'gone@example.com']) {
        const res = await post(app, '/api/admin/password-reset', { email });
        answers.push({ status: res.statusCode, body: res.body, type: res.headers['content-type'] });
      }
      assert.deepEqual(answers[0], { status: 202, body: '{"byMail":false}', type: 'application/json; charset=utf-8' });
      assert.deepEqual(answers[1], answers[0]);
      assert.deepEqual(answers[2], answers[0]);
      await app.services.accounts.tokens.idle();
      assert.equal((await app.database.db.selectFrom('account_tokens').select('token_hash').execute()).length, 0, 'no link is made when nobody could receive it');
      const bad = await post(app, '/api/admin/password-reset', { email: 'not an address' });
      assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'email']);
    } finally {
      await app.close();
    }
  });

  test(name('reset requests are limited per address typed (3 an hour) and per client (20 an hour), known or not'), async () => {
    const app = await createTestApp(target);
    try {
      await app.services.users.add({ email: 'asha@example.com', name: 'Asha', role: 'author', password: PASSWORD });
      for (const email of ['asha@example.com', 'nobody@example.com']) {
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await post(app, '/api/admin/password-reset', { email })).statusCode);
        assert.deepEqual(statuses, [202, 202, 202, 429], email);
      }
      const limited = await post(app, '/api/admin/password-reset', { email: 'asha@example.com' });
      assert.equal(limited.json().error.code, 'RATE_LIMITED');
      assert.ok(Number(limited.headers['retry-after']) > 0 && Number(limited.headers['retry-after']) <= 3600);
      // Nine requests from this client so far, refused ones included: eleven more pass, the 21st does not, even at once.
      const more = await Promise.all(Array.from({ length: 12 }, (_, i) => post(app, '/api/admin/password-reset', { email: `person${i}@example.com` })));
      assert.deepEqual(more.map((r) => r.statusCode).sort(), [...Array(11).fill(202), 429]);
      app.clock.advance(HOUR + 1000);
      assert.equal((await post(app, '/api/admin/password-reset', { email: 'asha@example.com' })).statusCode, 202, 'a new hour, a new window');
    } finally {
      await app.close();
    }
  });

  test(name('a user changes their own password: the current one is required, this session stays, the others end'), async () => {
    const app = await createTestApp(target);
    try {
      const asha = await app.services.users.add({ email: 'asha@example.com', name: 'Asha', role: 'contributor', password: PASSWORD });
      const laptop = await session(app, 'asha@example.com');
      const phone = await session(app, 'asha@example.com');
      const link = await app.services.accounts.tokens.resetLink(asha.id, { userId: asha.id });
      const before = await state(app);
      const wrong = await laptop.post('/api/admin/account/password', { currentPassword: 'not my password', newPassword: 'a new long password' });
      assert.deepEqual([wrong.statusCode, wrong.json().error.field], [400, 'currentPassword']);
      const weak = await laptop.post('/api/admin/account/password', { currentPassword: PASSWORD, newPassword: 'short' });
      assert.deepEqual([weak.statusCode, weak.json().error.field], [400, 'newPassword']);
      const missing = await laptop.post('/api/admin/account/password', { newPassword: 'a new long password' });
      assert.deepEqual([missing.statusCode, missing.json().error.field], [400, 'currentPassword']);
      assertUnchanged(before, await state(app));

      const changed = await laptop.post('/api/admin/account/password', { currentPassword: PASSWORD, newPassword: 'a new long password' });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.deepEqual(changed.json(), { ended: 1 });
      assert.equal((await laptop.whoAmI()).statusCode, 200, 'this session stays');
      assert.equal((await phone.whoAmI()).statusCode, 401, 'the other one ended');
      assert.equal((await post(app, '/api/admin/session', { email: 'asha@example.com', password: PASSWORD })).statusCode, 401, 'the old password is gone');
      assert.equal((await post(app, '/api/admin/session', { email: 'asha@example.com', password: 'a new long password' })).statusCode, 200);
      const stale = await app.app.inject(`/api/admin/account-token?token=${tokenOf(link.url)}`);
      assert.equal(stale.json().error.code, 'ACCOUNT_TOKEN_INVALID', 'a reset link made before the change no longer works');
    } finally {
      await app.close();
    }
  });

  test(name('guessing the current password is limited like sign-in, and an API key cannot change a password'), async () => {
    const app = await createTestApp(target);
    try {
      await app.services.users.add({ email: 'asha@example.com', name: 'Asha', role: 'author', password: PASSWORD });
      const stolen = await session(app, 'asha@example.com');
      const guesses = await Promise.all(Array.from({ length: 8 }, (_, i) => stolen.post('/api/admin/account/password', { currentPassword: `guess number ${i}`, newPassword: 'taken over account' })));
      assert.deepEqual(guesses.map((r) => r.statusCode).sort(), [400, 400, 400, 400, 400, 429, 429, 429], 'five guesses checked, even at once');
      const right = await stolen.post('/api/admin/account/password', { currentPassword: PASSWORD, newPassword: 'taken over account' });
      assert.deepEqual([right.statusCode, right.json().error.code], [429, 'RATE_LIMITED']);
      assert.equal((await post(app, '/api/admin/session', { email: 'asha@example.com', password: PASSWORD })).statusCode, 429, 'the same window as sign-in');

      const admin = await signIn(app, 'admin');
      const key = (await admin.request('POST', '/api/admin/api-keys', { name: 'Script', scope: 'admin' })).json.key;
      const keyed = await post(app, '/api/admin/account/password', { currentPassword: PASSWORD, newPassword: 'changed by a script' }, { authorization: `Bearer ${key}` });
      assert.deepEqual([keyed.statusCode, keyed.json().error.code], [403, 'FORBIDDEN']);
    } finally {
      await app.close();
    }
  });
}
