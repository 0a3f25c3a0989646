import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { linkInMail, startTestSmtp } from '../../test/support/smtp.js';
import { freePort } from '../../test/support/server-process.js';

const PASSWORD = 'a long test password';
/** Credentials with characters a URL must escape, to prove SMTP_URL's user and password reach the server. */
const SMTP_LOGIN = { user: 'desk@news.example.com', pass: 'p@ss word:/42' };

function post(app: TestApp, url: string, payload: unknown) {
  return app.app.inject({ method: 'POST', url, payload: payload as object });
}


for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('forgot password over real SMTP: the mail arrives with a one-time link that sets the password and signs in'), async () => {
    const smtp = await startTestSmtp(SMTP_LOGIN);
    const app = await createTestApp(target, { SMTP_URL: smtp.url });
    try {
      await app.services.users.add({ email: 'asha@example.com', name: 'Asha Rao', role: 'author', password: PASSWORD });
      assert.deepEqual((await app.app.inject('/api/admin/password-reset')).json(), { byMail: true });
      const asked = await post(app, '/api/admin/password-reset', { email: 'Asha@Example.com' });
      assert.deepEqual([asked.statusCode, asked.json()], [202, { byMail: true }]);

      const mail = await smtp.next();
      assert.equal(mail.authenticatedAs, SMTP_LOGIN.user, 'signed in to the SMTP server with the URL credentials');
      assert.deepEqual(mail.envelopeTo, ['asha@example.com']);
      assert.equal(mail.from, '"The Test Times" <no-reply@news.example.com>');
      assert.equal(mail.subject, 'Reset your password for The Test Times');
      assert.equal(mail.html, false, 'plain text only');
      assert.match(mail.text, /The Test Times/);
      assert.match(mail.text, /expires in 1 hour \(/);
      assert.doesNotMatch(mail.text, new RegExp(PASSWORD), 'no password in the mail');
      const link = linkInMail(mail.text);
      assert.equal(link.origin + link.pathname, 'https://news.example.com/admin/reset', 'an absolute link from SITE_URL');

      const token = link.searchParams.get('token');
      const used = await post(app, '/api/admin/account-token', { token, password: 'chosen from the mail' });
      assert.equal(used.statusCode, 200, used.body);
      assert.equal(used.json().user.email, 'asha@example.com');
      assert.equal((await post(app, '/api/admin/session', { email: 'asha@example.com', password: 'chosen from the mail' })).statusCode, 200);
      assert.equal((await post(app, '/api/admin/account-token', { token, password: 'a second try at it' })).json().error.code, 'ACCOUNT_TOKEN_USED');

      // An unknown address gets the same answer and no mail.
      const unknown = await post(app, '/api/admin/password-reset', { email: 'nobody@example.com' });
      assert.deepEqual([unknown.statusCode, unknown.json()], [202, { byMail: true }]);
      await app.services.accounts.tokens.idle();
      assert.equal(smtp.received.length, 1, 'nothing was sent for an unknown address');
    } finally {
      await app.close();
      await smtp.close();
    }
  });

  test(name('an invitation goes out by mail from MAIL_FROM, and the invitee signs in through it'), async () => {
    const smtp = await startTestSmtp();
    const app = await createTestApp(target, { SMTP_URL: smtp.url, MAIL_FROM: 'Harbour Desk <desk@harbour.example.org>' });
    try {
      const admin = await signIn(app, 'admin', 'Chief Editor');
      const res = await admin.request('POST', '/api/admin/invites', { email: 'new.writer@example.com', name: 'New Writer', role: 'editor' });
      assert.equal(res.status, 201, res.body);
      assert.equal(res.json.mail, 'sent');
      const mail = await smtp.next();
      assert.equal(mail.from, '"Harbour Desk" <desk@harbour.example.org>');
      assert.deepEqual(mail.envelopeTo, ['new.writer@example.com']);
      assert.equal(mail.subject, 'Your invitation to The Test Times');
      assert.match(mail.text, /Chief Editor has invited you to the editorial desk of The Test Times as an editor\./);
      assert.match(mail.text, /expires in 7 days \(/);
      const link = linkInMail(mail.text);
      assert.equal(link.href, res.json.url, 'the link the admin sees is the one in the mail');
      assert.equal(link.pathname, '/admin/invite');

      const accepted = await post(app, '/api/admin/account-token', { token: link.searchParams.get('token'), password: 'the invitee password' });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal(accepted.json().user.role, 'editor');
    } finally {
      await app.close();
      await smtp.close();
    }
  });

  test(name('with the mail server down, an invitation still makes the user and gives the admin the link'), async () => {
    const app = await createTestApp(target, { SMTP_URL: `smtp://127.0.0.1:${await freePort()}` });
    try {
      const admin = await signIn(app, 'admin');
      const res = await admin.request('POST', '/api/admin/invites', { email: 'new.writer@example.com', name: 'New Writer', role: 'author' });
      assert.equal(res.status, 201, res.body);
      assert.equal(res.json.mail, 'failed');
      assert.match(res.json.url, /\/admin\/invite\?token=/);
      const info = await app.app.inject(`/api/admin/account-token?token=${new URL(res.json.url).searchParams.get('token')}`);
      assert.equal(info.json().email, 'new.writer@example.com', 'the link works; the admin passes it on');
    } finally {
      await app.close();
    }
  });
}
