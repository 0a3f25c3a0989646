import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { SqliteDatabase } from './sqlite-driver.js';
import pg from 'pg';
import { Kysely, Migrator, SqliteDialect, sql, type MigrationProvider } from 'kysely';
import { CurrentSchemaPostgresDialect } from './current-schema-dialect.js';
import type { Database } from './schema.js';
import { migrations } from './migrations.js';
import { PreparingClient } from './prepared-statements.js';
import { pinFullTextIndexStatistics } from './fts-statistics.js';
import { buildDeferredIndexes, deferredIndexesMissing } from './deferred-indexes.js';
import { wordStartsIn } from './text-match.js';
import { ServiceUnreachableError, StartupError } from '../shared/startup-errors.js';

/**
 * Where the two databases differ, the difference is a flag here, not an
 * `if (sqlite)` in a repository.
 */
export interface DbCapabilities {
  readonly dialect: 'sqlite' | 'postgres';
  /** Full-text search through FTS5 (sqlite) or tsvector (postgres). */
  readonly fullText: 'fts5' | 'tsvector';
  /** `SELECT … FOR UPDATE SKIP LOCKED` for claiming jobs across processes. */
  readonly supportsSkipLocked: boolean;
}

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  /** Where this handle points; another handle can be opened on the same target. */
  readonly target: DatabaseTarget;
  readonly capabilities: DbCapabilities;
  /** Applies pending migrations; returns the names applied. */
  migrate(): Promise<string[]>;
  /** Migrations this code has that the database has not applied (readiness: /readyz). */
  pendingMigrations(): Promise<string[]>;
  /**
   * Keeps the query planner's statistics in step with the data (daily maintenance). SQLite plans
   * with the statistics it last gathered, so a site that grew from the demo to an archive would
   * keep plans made for ten stories; `pragma optimize` gathers them again where they went stale.
   * PostgreSQL's autovacuum does this itself. Returns 0 (it removes nothing).
   */
  refreshStatistics(): Promise<number>;
  /** Indexes a migration left to build while the site serves (deferred-indexes.ts); returns those built. */
  buildDeferredIndexes(): Promise<string[]>;
  /** Of those, the ones not yet built (`dateline migrate` says so). */
  deferredIndexesMissing(): Promise<string[]>;
  close(): Promise<void>;
}

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

const provider: MigrationProvider = { getMigrations: async () => migrations };

export function createDatabase(target: DatabaseTarget): DatabaseHandle {
  const db = target.kind === 'sqlite' ? new Kysely<Database>({ dialect: sqliteDialect(target.file) }) : new Kysely<Database>({ dialect: postgresDialect(target.url) });
  const capabilities: DbCapabilities =
    target.kind === 'sqlite'
      ? { dialect: 'sqlite', fullText: 'fts5', supportsSkipLocked: false }
      : { dialect: 'postgres', fullText: 'tsvector', supportsSkipLocked: true };
  async function migrator(): Promise<Migrator> {
    // Kysely looks for its bookkeeping tables in *any* schema unless told which one; on a
    // PostgreSQL database shared by several schemas (tests, several sites) that would find
    // another schema's tables and skip creating ours. Name the current schema explicitly.
    const migrationTableSchema = target.kind === 'postgres' ? await currentSchema(target.url) : undefined;
    return new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  }
  /** The first statement of every command on PostgreSQL: a failure here is the server or DATABASE_URL, said in one line. */
  async function currentSchema(url: string): Promise<string | undefined> {
    try {
      return (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema;
    } catch (err) {
      throw new ServiceUnreachableError('PostgreSQL', 'DATABASE_URL', url, err);
    }
  }
  return {
    db,
    target,
    capabilities,
    async pendingMigrations() {
      return (await (await migrator()).getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
    },
    async migrate() {
      const { error, results } = await (await migrator()).migrateToLatest();
      if (error) throw newerSchema(error) ?? error;
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    async refreshStatistics() {
      if (target.kind === 'sqlite') {
        await sql`pragma optimize`.execute(db);
        // A count it took of a full-text index's table would turn FTS5's key ranges into scans as the index grows.
        await pinFullTextIndexStatistics(db);
      }
      return 0;
    },
    buildDeferredIndexes: () => buildDeferredIndexes(db),
    deferredIndexesMissing: () => deferredIndexesMissing(db),
    async close() {
      await db.destroy();
    },
  };
}

/**
 * The database was migrated by a newer Dateline than this one (a rollback of the code alone):
 * Kysely refuses with "corrupted migrations" and a stack; said here in one line, with the way out.
 */
function newerSchema(error: unknown): StartupError | null {
  const missing = /previously executed migration (\S+) is missing/.exec(error instanceof Error ? error.message : '')?.[1];
  if (!missing) return null;
  return new StartupError(
    `the database was migrated by a newer version of Dateline (migration ${missing}, which this version does not have): run that version, or restore the backup taken before the upgrade (dateline restore FILE --force)`,
    { cause: error },
  );
}

function sqliteDialect(file: string): SqliteDialect {
  const database = openSqlite(file);
  // WAL lets readers run while a writer commits; the busy timeout makes a second
  // process (the CLI beside a running server) wait instead of failing at once.
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // The desk's test for a word of one or two letters on a story at hand (text-match.ts).
  database.function('word_start', { deterministic: true }, (text: unknown, word: unknown) => (typeof text === 'string' && typeof word === 'string' ? wordStartsIn(text, word) : 0));
  return new SqliteDialect({ database: withStatementCache(database) });
}

/**
 * The file opened and in WAL mode (the first read of it), or a StartupError saying why not in one
 * line: a data folder that is a file, a file that is not a database (damaged, or something else),
 * a folder this user may not write.
 */
function openSqlite(file: string): InstanceType<typeof SqliteDatabase> {
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const database = new SqliteDatabase(file);
    database.pragma('journal_mode = WAL');
    return database;
  } catch (err) {
    const { code, message } = err as { code?: string; message?: string };
    const reason =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `${dirname(file)} is a file, not a folder`
        : code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
          ? `${message} (${code}); if it was damaged, restore a backup with dateline restore FILE --force`
          : `${message}${code ? ` (${code})` : ''}`;
    throw new StartupError(`the SQLite database ${file} cannot be opened: ${reason}`, { cause: err });
  }
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than
 * running most of our reads. Statements are reusable and the driver runs them
 * synchronously, so a cache keyed by SQL text is safe and roughly halves the
 * cost of a page's queries.
 */
function withStatementCache(database: BetterSqlite3.Database, maxEntries = 1000): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property !== 'prepare') return Reflect.get(target, property, receiver);
      return (text: string) => {
        // Transactions take the write lock when they begin (BEGIN IMMEDIATE), so another process
        // on the same file (a second worker, the CLI) waits its turn through busy_timeout. A
        // deferred BEGIN that reads and then writes after another process committed fails at
        // once with "database is locked", whatever the timeout: two workers starting together on
        // an empty database did. Within one process Kysely runs one transaction at a time anyway.
        const sql = text === 'begin' ? 'begin immediate' : text;
        let statement = cache.get(sql);
        if (!statement) {
          statement = prepare(sql);
          if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
          cache.set(sql, statement);
        }
        return statement;
      };
    },
  });
}

function postgresDialect(url: string): CurrentSchemaPostgresDialect {
  // A server that does not answer a connection within 5 s counts as away (503), rather than holding requests.
  // Reads compiled once are kept prepared on each connection (PreparingClient, prepared-statements.ts).
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, Client: PreparingClient });
  // A pool error (server restart) must not crash the process: queries will fail and be reported.
  pool.on('error', () => {});
  // Nor a connection lost while a client is checked out: pg emits 'error' on that client as well as
  // failing its query, and an 'error' with no listener is an uncaught exception (found by
  // src/server/faults-http.test.ts: the database cut off under a request took the process down).
  pool.on('connect', (client) => client.on('error', () => {}));
  return new CurrentSchemaPostgresDialect({ pool });
}
