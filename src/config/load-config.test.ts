import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from './index.js';

const emptyDir = mkdtempSync(join(tmpdir(), 'dateline-config-'));

test('defaults give a SQLite database inside DATA_DIR and a local site URL', () => {
  const config = loadConfig({}, emptyDir);
  assert.equal(config.port, 3000);
  assert.equal(config.database.kind, 'sqlite');
  assert.equal(config.database.kind === 'sqlite' && config.database.file, join(emptyDir, 'data', 'dateline.db'));
  assert.equal(config.site.url, 'http://127.0.0.1:3000');
  assert.ok(Object.isFrozen(config) && Object.isFrozen(config.site));
});

test('a postgres DATABASE_URL selects PostgreSQL', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }, emptyDir);
  assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
});

for (const [name, value] of [
  ['PORT', 'eighty'],
  ['PORT', '70000'],
  ['SITE_TIMEZONE', 'Mars/Olympus'],
  ['SITE_URL', 'ftp://example.com'],
  ['DATABASE_URL', 'mysql://x'],
  ['DATELINE_DEMO', 'maybe'],
] as const) {
  test(`a wrong ${name} (${value}) stops with a line naming the variable`, () => {
    assert.throws(
      () => loadConfig({ [name]: value }, emptyDir),
      (err: unknown) => err instanceof ConfigError && err.variable === name && err.message.includes(name) && !err.message.includes('\n'),
    );
  });
}

test('a config file is read and the environment wins over it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-config-'));
  writeFileSync(join(dir, 'dateline.config.json'), JSON.stringify({ SITE_NAME: 'From File', PORT: 4000 }));
  const config = loadConfig({ PORT: '5000' }, dir);
  assert.equal(config.site.name, 'From File');
  assert.equal(config.port, 5000);
});

test('an unknown key in the config file is refused by name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-config-'));
  writeFileSync(join(dir, 'dateline.config.json'), JSON.stringify({ SITE_NAM: 'typo' }));
  assert.throws(() => loadConfig({}, dir), (err: unknown) => err instanceof ConfigError && err.variable === 'SITE_NAM');
});
