import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from './index.js';

const emptyDir = mkdtempSync(join(tmpdir(), 'dateline-config-'));

test('without SMTP_URL no mail is sent, and MAIL_FROM is made when sending', () => {
  assert.deepEqual(loadConfig({}, emptyDir).mail, { smtpUrl: null, from: null });
});

test('SMTP_URL takes smtp:// and smtps:// URLs with credentials; MAIL_FROM an address or a name and address', () => {
  const config = loadConfig({ SMTP_URL: 'smtps://desk%40example.com:p%40ss@mail.example.com:465', MAIL_FROM: '"The Harbour Herald" <desk@example.com>' }, emptyDir);
  assert.deepEqual(config.mail, { smtpUrl: 'smtps://desk%40example.com:p%40ss@mail.example.com:465', from: '"The Harbour Herald" <desk@example.com>' });
  assert.equal(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'desk@example.com' }, emptyDir).mail.from, 'desk@example.com');
});

for (const [name, value] of [
  ['SMTP_URL', 'http://mail.example.com'],
  ['SMTP_URL', 'smtp://'],
  ['SMTP_URL', 'smtp://mail.example.com:99999'],
  ['SMTP_URL', 'mail.example.com:587'],
  ['MAIL_FROM', 'not an address'],
  ['MAIL_FROM', 'Desk <desk@example.com>\r\nBcc: everyone@example.com'],
  ['MAIL_FROM', 'desk@example.com\nBcc: x@example.com'],
] as const) {
  test(`a wrong ${name} (${JSON.stringify(value)}) stops with one line naming the variable`, () => {
    assert.throws(
      () => loadConfig({ [name]: value }, emptyDir),
      (err: unknown) => err instanceof ConfigError && err.variable === name && err.message.includes(name) && !err.message.includes('\n'),
    );
  });
}

test('a refused SMTP_URL is printed without its password', () => {
  assert.throws(
    () => loadConfig({ SMTP_URL: 'smtpx://desk:hunter2secret@mail.example.com' }, emptyDir),
    (err: unknown) => err instanceof ConfigError && !err.message.includes('hunter2secret') && err.message.includes('smtpx://desk:***@mail.example.com'),
  );
});
