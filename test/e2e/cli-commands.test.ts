import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { testDatabases, testDatabaseUrl } from '../support/databases.js';
import { databaseUrl, runCli, type CliRun } from '../support/run-cli.js';
import { freePort } from '../support/server-process.js';
import { verifyPassword } from '../../src/admin/index.js';

test('a wrong configuration value stops the command with one line naming the variable', async () => {
  const run = await runCli(['migrate'], { DATA_DIR: mkdtempSync(join(tmpdir(), 'dateline-cli-')), SITE_TIMEZONE: 'Mars/Olympus' });
  assert.equal(run.code, 2);
  assert.equal(run.stderr.trim().split('\n').length, 1);
  assert.match(run.stderr, /SITE_TIMEZONE="Mars\/Olympus" — expected an IANA time zone/);
});

test('an unknown command or flag is a usage error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
  const unknown = await runCli(['publish-everything'], { DATA_DIR: dir });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "publish-everything"/);
  const flag = await runCli(['ingest', '--force', 'x.json'], { DATA_DIR: dir });
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /--force/);
  const help = await runCli(['help'], { DATA_DIR: dir });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /user add --email E --name N --role R/);
});


/** One line on stderr that names the service, its variable and the reason; no stack trace, no password. */
function assertOneLineRefusal(run: CliRun, pattern: RegExp): void {
  assert.equal(run.code, 1, `exit code (−1: still running when killed)\n${run.stderr}`);
  const lines = run.stderr.split('\n').filter((line) => line.startsWith('dateline: '));
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(run.stderr, /s3cret/, 'the password is not printed');
}

test('a PostgreSQL or Redis that cannot be reached stops the command with one line naming it, and it ends', async () => {
  const port = await freePort(); // nothing listens there
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
  const migrate = await runCli(['migrate'], { DATA_DIR: dataDir, DATABASE_URL: `postgres://editor:s3cret@127.0.0.1:${port}/newsroom` }, '', 30_000);
  assertOneLineRefusal(migrate, new RegExp(`^dateline: PostgreSQL at 127\\.0\\.0\\.1:${port}/newsroom \\(DATABASE_URL\\) cannot be reached: connect ECONNREFUSED`));
  // Redis is connected after the database: the process used to print ioredis's "Connection is
  // closed." with a stack and then stay alive, reconnecting, with nothing listening.
  const serve = await runCli(['serve', '--workers', '1'], { DATA_DIR: dataDir, PORT: '0', REDIS_URL: `redis://:s3cret@127.0.0.1:${port}` }, '', 30_000);
  assertOneLineRefusal(serve, new RegExp(`^dateline: Redis at 127\\.0\\.0\\.1:${port} \\(REDIS_URL\\) cannot be reached: connect ECONNREFUSED`));
  if ((await testDatabases()).some((t) => t.name === 'postgres')) {
    const missing = new URL(testDatabaseUrl);
    missing.pathname = '/dateline_no_such_database';
    const run = await runCli(['migrate'], { DATA_DIR: dataDir, DATABASE_URL: missing.href }, '', 30_000);
    assertOneLineRefusal(run, /^dateline: PostgreSQL at [^ ]+\/dateline_no_such_database \(DATABASE_URL\) cannot be reached: database "dateline_no_such_database" does not exist$/);
  }
});

test('a data folder that is a file, or a database file that is not a database: one line saying so, and it ends', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
  const notAFolder = join(dir, 'data');
  writeFileSync(notAFolder, 'a file where the data folder should be');
  // Both were stack traces (mkdir's EEXIST; better-sqlite3's "file is not a database").
  const serve = await runCli(['serve', '--workers', '1'], { DATA_DIR: notAFolder, PORT: '0' }, '', 60_000);
  assertOneLineRefusal(serve, /^dateline: DATA_DIR .*data cannot be the data folder: it is a file, not a folder$/);
  const damaged = join(dir, 'damaged');
  mkdirSync(damaged);
  writeFileSync(join(damaged, 'dateline.db'), randomBytes(64 * 1024));
  for (const args of [['migrate'], ['serve', '--workers', '1'], ['serve', '--workers', '2']]) {
    const run = await runCli(args, { DATA_DIR: damaged, PORT: '0' }, '', 60_000);
    assertOneLineRefusal(run, /^dateline: the SQLite database .*damaged\/dateline\.db cannot be opened: file is not a database \(SQLITE_NOTADB\); if it was damaged, restore a backup with dateline restore FILE --force$/);
  }
  const backup = await runCli(['backup', join(dir, 'site.tar')], { DATA_DIR: damaged }, '', 60_000);
  assertOneLineRefusal(backup, /^dateline: backup: the SQLite database .*dateline\.db cannot be read: file is not a database \(SQLITE_NOTADB\); nothing was written$/);
  const nothing = await runCli(['backup', join(dir, 'site.tar')], { DATA_DIR: join(dir, 'never-made') }, '', 60_000);
  assertOneLineRefusal(nothing, /^dateline: backup: there is no SQLite database at .*never-made\/dateline\.db/);
  assert.deepEqual(readdirSync(dir).sort(), ['damaged', 'data'], 'no backup file or staging folder written');
});

test('a port another process holds stops serve with one line naming PORT or METRICS_PORT, and it ends', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const taken = (holder.address() as AddressInfo).port;
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    // It was node's listen stack trace.
    const site = await runCli(['serve', '--workers', '1'], { DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(taken) }, '', 60_000);
    assertOneLineRefusal(site, new RegExp(`^dateline: 127\\.0\\.0\\.1:${taken} \\(PORT\\) is already in use by another process$`));
    const metrics = await runCli(['serve', '--workers', '1'], { DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', METRICS_PORT: String(taken) }, '', 60_000);
    assertOneLineRefusal(metrics, new RegExp(`^dateline: 127\\.0\\.0\\.1:${taken} \\(METRICS_PORT\\) is already in use by another process$`));
  } finally {
    holder.close();
  }
});

for (const target of await testDatabases()) {
  test(`[${target.name}] dateline migrate and user add work against the configured database`, async () => {
    const handle = await target.create();
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'dateline-cli-')), DATABASE_URL: databaseUrl(handle.target) };
    try {
      const migrate = await runCli(['migrate'], env);
      assert.equal(migrate.code, 0, migrate.stderr);
      assert.match(migrate.stdout, /up to date/);

      const add = await runCli(['user', 'add', '--email', 'Editor@Example.com', '--name', 'Priya Desk', '--role', 'editor'], env, 'correct horse battery\n');
      assert.equal(add.code, 0, add.stderr);
      assert.match(add.stdout, /Created editor editor@example\.com/);
      const user = await handle.db.selectFrom('users').selectAll().where('email', '=', 'editor@example.com').executeTakeFirstOrThrow();
      assert.equal(user.role, 'editor');
      assert.match(user.password_hash!, /^\$argon2id\$/);
      assert.equal(await verifyPassword(user.password_hash!, 'correct horse battery'), true);
      assert.ok(user.person_id, 'the user has a byline');

      const duplicate = await runCli(['user', 'add', '--email', 'editor@example.com', '--name', 'Again', '--role', 'editor'], env, 'another long password\n');
      assert.equal(duplicate.code, 1);
      assert.match(duplicate.stderr, /already exists/);
      const badRole = await runCli(['user', 'add', '--email', 'x@example.com', '--name', 'X', '--role', 'overlord'], env, 'another long password\n');
      assert.equal(badRole.code, 1);
      assert.match(badRole.stderr, /--role/);
      const shortPassword = await runCli(['user', 'add', '--email', 'y@example.com', '--name', 'Y', '--role', 'author'], env, 'short\n');
      assert.equal(shortPassword.code, 1);
      assert.match(shortPassword.stderr, /--password: A password has at least 10 characters/);
      assert.equal((await handle.db.selectFrom('users').select('id').execute()).length, 1, 'refused users were not written');

      await handle.db.insertInto('sessions').values({ id: 'session-to-end', token_hash: 'x'.repeat(64), user_id: user.id, csrf_token: 'c', created_at: '2025-01-01T00:00:00.000Z', last_seen_at: '2025-01-01T00:00:00.000Z', expires_at: '2099-01-01T00:00:00.000Z', user_agent: '' }).execute();
      const reset = await runCli(['user', 'reset-password', '--email', 'editor@example.com'], env, 'a brand new password\n');
      assert.equal(reset.code, 0, reset.stderr);
      const after = await handle.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.equal(await verifyPassword(after.password_hash!, 'a brand new password'), true);
      assert.equal(await verifyPassword(after.password_hash!, 'correct horse battery'), false);
      assert.equal((await handle.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).length, 0, 'sessions were ended');
      const unknown = await runCli(['user', 'reset-password', '--email', 'nobody@example.com'], env, 'a brand new password\n');
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /no user nobody@example\.com/);
    } finally {
      await handle.close();
    }
  });
}

for (const target of await testDatabases()) {
  test(`[${target.name}] a database migrated by a newer version: migrate and serve refuse in one line, and change nothing`, async () => {
    const handle = await target.create();
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'dateline-cli-')), DATABASE_URL: databaseUrl(handle.target), PORT: '0' };
    try {
      assert.equal((await runCli(['migrate'], env)).code, 0);
      // What a rollback of the code alone leaves: a migration this version does not have (was Kysely's
      // "corrupted migrations" with a stack trace).
      await handle.db.insertInto('kysely_migration' as never).values({ name: '0999_from_a_newer_version', timestamp: new Date().toISOString() } as never).execute();
      const refusal = /^dateline: the database was migrated by a newer version of Dateline \(migration 0999_from_a_newer_version, which this version does not have\): run that version, or restore the backup taken before the upgrade/;
      for (const args of [['migrate'], ['serve', '--workers', '1']]) assertOneLineRefusal(await runCli(args, env, '', 60_000), refusal);
      const names = await handle.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      assert.ok(names.some((r) => (r as { name: string }).name === '0999_from_a_newer_version'), 'the bookkeeping is left as it was');
    } finally {
      await handle.close();
    }
  });
}
