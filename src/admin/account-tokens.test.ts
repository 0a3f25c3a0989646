import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { hashToken } from './tokens.js';

const PASSWORD = 'a long test password';
const MINUTE = 60_000;
const DAY = 86_400_000;
const ADMIN = { userId: '', name: 'Chief Editor' };

const tokenOf = (link: { url: string }) => new URL(link.url).searchParams.get('token')!;
const code = (expected: string) => (err: unknown) => (err as { code?: string }).code === expected;

async function activeUser(app: TestApp, email: string) {
  return app.services.users.add({ email, name: email.split('@')[0]!, role: 'author', password: PASSWORD });
}

function sessionsOf(app: TestApp, userId: string) {
  return app.database.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('an invited user cannot sign in until they choose a password with their link, which then works once'), async () => {
    const app = await createTestApp(target);
    try {
      const { tokens } = app.services.accounts;
      const invited = await tokens.invite({ email: 'New.Writer@Example.com', name: 'New Writer', role: 'author' }, ADMIN);
      assert.equal(invited.mail, 'off', 'no SMTP_URL, no mail');
      assert.match(invited.url, /^https:\/\/news\.example\.com\/admin\/invite\?token=[A-Za-z0-9_-]{43}$/);
      assert.equal(invited.expiresAt, new Date(app.clock.now().getTime() + 7 * DAY).toISOString());
      const user = await app.services.users.get(invited.userId);
      assert.deepEqual([user?.email, user?.role, user?.invitePending], ['new.writer@example.com', 'author', true]);
      assert.equal(await app.services.auth.checkPassword('new.writer@example.com', ''), null, 'no password opens the account');

      const stored = await app.database.db.selectFrom('account_tokens').selectAll().execute();
      assert.equal(stored.length, 1);
      assert.equal(stored[0]!.token_hash, hashToken(tokenOf(invited)), 'only the hash is stored');
      assert.deepEqual([stored[0]!.purpose, stored[0]!.created_by], ['invite', ADMIN.userId]);

      assert.deepEqual(await tokens.inspect(tokenOf(invited)), { purpose: 'invite', email: 'new.writer@example.com', name: 'New Writer', expiresAt: invited.expiresAt });
      assert.deepEqual(await tokens.redeem(tokenOf(invited), 'my own long password'), { userId: invited.userId, purpose: 'invite' });
      assert.equal((await app.services.users.get(invited.userId))?.invitePending, false);
      assert.deepEqual(await app.services.auth.checkPassword('new.writer@example.com', 'my own long password'), { id: invited.userId });

      await assert.rejects(tokens.redeem(tokenOf(invited), 'a second long password'), code('ACCOUNT_TOKEN_USED'));
      await assert.rejects(tokens.inspect(tokenOf(invited)), code('ACCOUNT_TOKEN_USED'));
      assert.ok(await app.services.auth.checkPassword('new.writer@example.com', 'my own long password'), 'the replay changed nothing');
      await assert.rejects(tokens.resendInvite(invited.userId, ADMIN), code('INVITE_ACCEPTED'));
      await assert.rejects(tokens.inspect('not-a-token-anyone-made'), code('ACCOUNT_TOKEN_INVALID'));
    } finally {
      await app.close();
    }
  });

  test(name('an invitation lasts 7 days and a reset link 1 hour; an expired link sets nothing'), async () => {
    const app = await createTestApp(target);
    try {
      const { tokens } = app.services.accounts;
      const invited = await tokens.invite({ email: 'late@example.com', name: 'Late Comer', role: 'contributor' }, ADMIN);
      const asha = await activeUser(app, 'asha@example.com');
      const reset = await tokens.resetLink(asha.id, ADMIN);
      assert.equal(reset.expiresAt, new Date(app.clock.now().getTime() + 60 * MINUTE).toISOString());
      assert.match(reset.url, /^https:\/\/news\.example\.com\/admin\/reset\?token=/);

      app.clock.advance(59 * MINUTE);
      assert.equal((await tokens.inspect(tokenOf(reset))).purpose, 'reset', 'still good after 59 minutes');
      app.clock.advance(2 * MINUTE);
      await assert.rejects(tokens.inspect(tokenOf(reset)), code('ACCOUNT_TOKEN_EXPIRED'));
      await assert.rejects(tokens.redeem(tokenOf(reset), 'a new long password'), code('ACCOUNT_TOKEN_EXPIRED'));
      assert.ok(await app.services.auth.checkPassword('asha@example.com', PASSWORD), 'the password is unchanged');

      app.clock.advance(7 * DAY - 62 * MINUTE);
      assert.equal((await tokens.inspect(tokenOf(invited))).purpose, 'invite', 'still good a minute before the week ends');
      app.clock.advance(2 * MINUTE);
      await assert.rejects(tokens.redeem(tokenOf(invited), 'a new long password'), code('ACCOUNT_TOKEN_EXPIRED'));
      assert.equal((await app.services.users.get(invited.userId))?.invitePending, true);
    } finally {
      await app.close();
    }
  });

  test(name('a newer link of the same purpose replaces the older one, even when both are made at once'), async () => {
    const app = await createTestApp(target);
    try {
      const { tokens } = app.services.accounts;
      const asha = await activeUser(app, 'asha@example.com');
      const first = await tokens.resetLink(asha.id, ADMIN);
      const second = await tokens.resetLink(asha.id, ADMIN);
      await assert.rejects(tokens.inspect(tokenOf(first)), code('ACCOUNT_TOKEN_INVALID'));
      await assert.rejects(tokens.redeem(tokenOf(first), 'a new long password'), code('ACCOUNT_TOKEN_INVALID'));

      const invited = await tokens.invite({ email: 'new@example.com', name: 'New Writer', role: 'author' }, ADMIN);
      const again = await tokens.resendInvite(invited.userId, ADMIN);
      await assert.rejects(tokens.inspect(tokenOf(invited)), code('ACCOUNT_TOKEN_INVALID'));
      assert.equal((await tokens.inspect(tokenOf(again))).purpose, 'invite');
      assert.equal((await tokens.inspect(tokenOf(second))).purpose, 'reset', "another account's link is untouched");

      // Made concurrently: the account's row lock puts one after the other, so one link survives.
      const links = await Promise.all([1, 2, 3].map(() => tokens.resetLink(asha.id, ADMIN)));
      const open = await app.database.db.selectFrom('account_tokens').select('token_hash').where('user_id', '=', asha.id).where('used_at', 'is', null).execute();
      assert.equal(open.length, 1, 'one open reset link for the account');
      const working = [];
      for (const link of links) working.push(await tokens.inspect(tokenOf(link)).then(() => true, () => false));
      assert.equal(working.filter(Boolean).length, 1);
    } finally {
      await app.close();
    }
  });

  test(name('two uses of one link at once set one password: the other gets ACCOUNT_TOKEN_USED'), async () => {
    const app = await createTestApp(target);
    try {
      const { tokens } = app.services.accounts;
      const asha = await activeUser(app, 'asha@example.com');
      const token = tokenOf(await tokens.resetLink(asha.id, ADMIN));
      const outcomes = await Promise.allSettled([tokens.redeem(token, 'first new long password'), tokens.redeem(token, 'second new long password')]);
      assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      assert.equal(refused.reason.code, 'ACCOUNT_TOKEN_USED');
      const works = await Promise.all(['first new long password', 'second new long password', PASSWORD].map((p) => app.services.auth.checkPassword('asha@example.com', p)));
      assert.equal(works.filter(Boolean).length, 1, 'exactly one of the two new passwords works, and not the old one');
      assert.ok(outcomes[0]!.status === 'fulfilled' ? works[0] : works[1], 'the winner set it');
    } finally {
      await app.close();
    }
  });

  test(name("a link ends every session and every other link of the account; a refused password leaves it usable"), async () => {
    const app = await createTestApp(target);
    try {
      const { tokens } = app.services.accounts;
      const asha = await activeUser(app, 'asha@example.com');
      const tom = await activeUser(app, 'tom@example.com');
      await app.services.auth.createSession(asha.id, 'laptop');
      await app.services.auth.createSession(asha.id, 'phone');
      await app.services.auth.createSession(tom.id, 'desk');
      const reset = tokenOf(await tokens.resetLink(asha.id, ADMIN));
      await assert.rejects(tokens.redeem(reset, 'short'), (err: { code?: string; field?: string }) => err.code === 'VALIDATION_FAILED' && err.field === 'password');
      assert.equal((await sessionsOf(app, asha.id)).length, 2, 'a refused password ends nothing');
      await tokens.redeem(reset, 'a brand new long password');
      assert.equal((await sessionsOf(app, asha.id)).length, 0, "every session of Asha's ended");
      assert.equal((await sessionsOf(app, tom.id)).length, 1, "Tom's session stays");

      // An invitee with an invitation and a reset link: using one makes the other moot.
      const invited = await tokens.invite({ email: 'new@example.com', name: 'New Writer', role: 'author' }, ADMIN);
      const resetForInvitee = await tokens.resetLink(invited.userId, ADMIN);
      await tokens.redeem(tokenOf(resetForInvitee), 'the invitee long password');
      await assert.rejects(tokens.inspect(tokenOf(invited)), code('ACCOUNT_TOKEN_INVALID'));

      // A password set another way (an admin, the CLI) spends the account's links too.
      const pending = tokenOf(await tokens.resetLink(tom.id, ADMIN));
      await app.services.auth.setPassword(tom.id, 'set by an administrator');
      await assert.rejects(tokens.inspect(pending), code('ACCOUNT_TOKEN_INVALID'));

      // A disabled account gets no link, and a link made before it was disabled stops working.
      const before = tokenOf(await tokens.resetLink(tom.id, ADMIN));
      await app.services.users.update(tom.id, { disabled: true });
      await assert.rejects(tokens.redeem(before, 'another long password'), code('ACCOUNT_TOKEN_INVALID'));
      await assert.rejects(tokens.resetLink(tom.id, ADMIN), (err: { field?: string }) => err.field === 'id');
      assert.ok(await app.services.auth.checkPassword('tom@example.com', 'set by an administrator') === null, 'disabled accounts never sign in');
    } finally {
      await app.close();
    }
  });

  test(name('the daily maintenance removes used and expired links and keeps live ones'), async () => {
    const app = await createTestApp(target);
    try {
      const { tokens } = app.services.accounts;
      const asha = await activeUser(app, 'asha@example.com');
      await tokens.redeem(tokenOf(await tokens.resetLink(asha.id, ADMIN)), 'a used link password');
      await tokens.invite({ email: 'expired@example.com', name: 'Expired', role: 'author' }, ADMIN);
      app.clock.advance(8 * DAY);
      const live = await tokens.invite({ email: 'live@example.com', name: 'Live', role: 'author' }, ADMIN);
      assert.equal((await app.database.db.selectFrom('account_tokens').select('token_hash').execute()).length, 3);
      await app.maintenance.drain();
      const left = await app.database.db.selectFrom('account_tokens').select('token_hash').execute();
      assert.deepEqual(left.map((r) => r.token_hash), [hashToken(tokenOf(live))]);
    } finally {
      await app.close();
    }
  });
}
