import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type DatabaseHandle } from '../../src/db/index.js';

/**
 * The database suites run against every dialect: SQLite always, PostgreSQL at
 * TEST_DATABASE_URL (default: the local server). Without a reachable PostgreSQL
 * the suite says so in one line and runs SQLite only — except under CI=true,
 * where a missing PostgreSQL is a failure, so that suite can never silently vanish.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let postgresProbe: Promise<boolean> | undefined;

async function postgresReachable(): Promise<boolean> {
  // The test runner probed already and said so once for the whole run.
  if (process.env.DATELINE_TEST_POSTGRES === 'off') return false;
  postgresProbe ??= (async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (err) {
      if (process.env.CI === 'true') {
        throw new Error(`PostgreSQL is required under CI but is not reachable at ${testDatabaseUrl}: ${(err as Error).message}`);
      }
      console.log(`# PostgreSQL not reachable at ${testDatabaseUrl}: running the SQLite database tests only`);
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgresProbe;
}

export interface TestDatabase {
  readonly name: 'sqlite' | 'postgres';
  /** Creates a fresh, migrated, empty database (a temp file, or a new PostgreSQL schema). */
  create(): Promise<DatabaseHandle>;
}

/** A fresh PostgreSQL schema per handle keeps suites independent and leaves nothing behind. */
async function createPostgresHandle(): Promise<DatabaseHandle> {
  const schema = `dateline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const handle = createDatabase({ kind: 'postgres', url: url.toString() });
  await handle.migrate();
  return {
    ...handle,
    async close() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

async function createSqliteHandle(): Promise<DatabaseHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-db-'));
  const handle = createDatabase({ kind: 'sqlite', file: join(dir, 'test.db') });
  await handle.migrate();
  return handle;
}

/** The databases this run tests against, in order. */
export async function testDatabases(): Promise<TestDatabase[]> {
  const list: TestDatabase[] = [{ name: 'sqlite', create: createSqliteHandle }];
  if (await postgresReachable()) list.push({ name: 'postgres', create: createPostgresHandle });
  return list;
}
