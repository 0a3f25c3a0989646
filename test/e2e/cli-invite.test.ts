import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '../support/databases.js';
import { databaseUrl, runCli } from '../support/run-cli.js';
import { linkInMail, startTestSmtp } from '../support/smtp.js';
import { hashToken } from '../../src/admin/tokens.js';

for (const target of await testDatabases()) {
  test(`[${target.name}] dateline user invite makes a user without a password, prints the link and mails it`, async () => {
    const handle = await target.create();
    const smtp = await startTestSmtp();
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'dateline-cli-')), DATABASE_URL: databaseUrl(handle.target), SITE_URL: 'https://news.example.com', SMTP_URL: smtp.url };
    try {
      const invited = await runCli(['user', 'invite', '--email', 'Writer@Example.com', '--name', 'Wren Writer', '--role', 'author'], env);
      assert.equal(invited.code, 0, invited.stderr);
      assert.match(invited.stdout, /^Invited author writer@example\.com\. .* It was mailed to them\.\n/);
      const printed = /https:\/\/news\.example\.com\/admin\/invite\?token=([A-Za-z0-9_-]+)\n$/.exec(invited.stdout);
      assert.ok(printed, invited.stdout);
      const mail = await smtp.next();
      assert.equal(linkInMail(mail.text).searchParams.get('token'), printed[1], 'the mailed link is the printed one');
      assert.match(mail.text, /^You are invited to the editorial desk of The Dateline Times as an author\./);

      const user = await handle.db.selectFrom('users').selectAll().where('email', '=', 'writer@example.com').executeTakeFirstOrThrow();
      assert.equal(user.password_hash, null, 'no password until they choose one');
      const link = await handle.db.selectFrom('account_tokens').selectAll().where('token_hash', '=', hashToken(printed[1]!)).executeTakeFirstOrThrow();
      assert.deepEqual([link.user_id, link.purpose, link.created_by], [user.id, 'invite', null]);

      const badRole = await runCli(['user', 'invite', '--email', 'x@example.com', '--name', 'X', '--role', 'overlord'], env);
      assert.equal(badRole.code, 1);
      assert.match(badRole.stderr, /--role/);
      const missing = await runCli(['user', 'invite', '--name', 'X', '--role', 'author'], env);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /--email is required/);
    } finally {
      await smtp.close();
      await handle.close();
    }
  });
}
