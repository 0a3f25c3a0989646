import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { SqliteDatabase, sqliteDriverPackage } from './sqlite-driver.js';

const require = createRequire(import.meta.url);

test('the SQLite driver is better-sqlite3 13 where Node-API 10 exists and 12 on older Node, and it works', () => {
  const napi = Number(process.versions.napi);
  const version = (require(`${sqliteDriverPackage}/package.json`) as { version: string }).version;
  if (napi >= 10) assert.match(version, /^13\./, `Node ${process.versions.node} (Node-API ${napi}) loads 13`);
  else assert.match(version, /^12\./, `Node ${process.versions.node} (Node-API ${napi}) loads 12`);
  const db = new SqliteDatabase(':memory:');
  try {
    // Many statements freed by the garbage collector while the process runs: what aborted 12 on Node 24.19+.
    for (let i = 0; i < 2000; i++) db.prepare(`select ${i} as n`).get();
    assert.deepEqual(db.prepare('select sqlite_version() as v').get(), { v: db.prepare('select sqlite_version() as v').pluck().get() });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'memory');
  } finally {
    db.close();
  }
});
