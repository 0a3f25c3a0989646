import { SqliteAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * Indexes an upgrade of a large archive builds after its migrations, while the site serves.
 *
 * A migration runs in one transaction before the site answers, so every second it spends is a
 * second of downtime; building a GIN index over every story is most of that (the desk's trigram
 * index of 0022: 2.9–4.8 s of its 4.4–5.5 s at 100,000 stories, and ten times that at a million).
 * So a migration that adds such an index to a large table leaves it to `buildDeferredIndexes`,
 * which the site's daily maintenance runs at start (create-app.ts): `CREATE INDEX CONCURRENTLY`,
 * which lets stories be read and written while it builds. Until it is there the queries it serves
 * read the table instead (slower, still right). On a small table (a new site, the tests) the
 * migration builds it at once: a fraction of a second.
 *
 * PostgreSQL only: SQLite's indexes for the same searches are FTS5 tables built by their migrations.
 */
export interface DeferredIndex {
  name: string;
  /** The table it indexes: until the migration that makes it has run, there is nothing to build. */
  table: string;
  /** What follows `create index … <name>`, given the schema of pg_trgm's operator classes. */
  definition(trigramSchema: string): RawBuilder<unknown>;
}

/** The desk's text search on PostgreSQL (migration 0022; article-admin-repo.ts). */
export const DESK_TEXT_TRIGRAMS: DeferredIndex = {
  name: 'article_text_trigrams',
  table: 'article_text',
  definition: (schema) => sql`on article_text using gin (text ${sql.id(schema)}.gin_trgm_ops)`,
};

export const DEFERRED_INDEXES: readonly DeferredIndex[] = [DESK_TEXT_TRIGRAMS];

/** Rows above which a migration leaves a deferred index to the site: 20,000 stories build in well under a second. */
export const DEFER_INDEX_ABOVE_ROWS = 20_000;

/** The schema holding pg_trgm's operator classes, or null where the extension is not installed. */
export async function trigramSchemaInstalled(db: Kysely<any>): Promise<string | null> {
  const found = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  return found.rows[0]?.schema ?? null;
}

/**
 * Builds every deferred index that is missing, or was left invalid by a build that died midway (a
 * process killed during `CREATE INDEX CONCURRENTLY` leaves one, which is dropped and built again).
 * One builder at a time across processes and nodes: a session advisory lock named after the
 * schema (PostgreSQL frees it if the session dies); a process that finds it held returns at once,
 * the holder does the work. Returns the names built.
 */
export async function buildDeferredIndexes(db: Kysely<any>): Promise<string[]> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return [];
  // One connection: the lock is the session's, and CONCURRENTLY refuses to run in a transaction.
  return db.connection().execute(async (session) => {
    const lock = sql`hashtextextended('dateline deferred indexes ' || current_schema(), 0)`;
    const taken = await sql<{ taken: boolean }>`select pg_try_advisory_lock(${lock}) as taken`.execute(session);
    if (!taken.rows[0]?.taken) return [];
    try {
      const built: string[] = [];
      for (const index of DEFERRED_INDEXES) if (await buildIfMissing(session, index)) built.push(index.name);
      return built;
    } finally {
      await sql`select pg_advisory_unlock(${lock})`.execute(session);
    }
  });
}

/** Whether the index's table is there, and the index: valid, left invalid, or absent (null). */
async function indexState(db: Kysely<any>, index: DeferredIndex): Promise<{ tableExists: boolean; valid: boolean | null }> {
  const state = await sql<{ table_exists: boolean; valid: boolean | null }>`
    select to_regclass(format('%I.%I', current_schema(), ${index.table}::text)) is not null as table_exists,
      (select i.indisvalid from pg_index i where i.indexrelid = to_regclass(format('%I.%I', current_schema(), ${index.name}::text))) as valid`.execute(db);
  const row = state.rows[0];
  return { tableExists: row?.table_exists ?? false, valid: row?.valid ?? null };
}

/** The deferred indexes the site would build now: their tables exist, they do not (or are invalid), pg_trgm is there. */
export async function deferredIndexesMissing(db: Kysely<any>): Promise<string[]> {
  if (db.getExecutor().adapter instanceof SqliteAdapter || !(await trigramSchemaInstalled(db))) return [];
  const missing: string[] = [];
  for (const index of DEFERRED_INDEXES) {
    const { tableExists, valid } = await indexState(db, index);
    if (tableExists && valid !== true) missing.push(index.name);
  }
  return missing;
}

async function buildIfMissing(session: Kysely<any>, index: DeferredIndex): Promise<boolean> {
  const { tableExists, valid } = await indexState(session, index);
  if (!tableExists || valid === true) return false;
  // Without pg_trgm (refused to this database user) the queries read the table, as 0022 says.
  const schema = await trigramSchemaInstalled(session);
  if (!schema) return false;
  // Invalid: a build that died midway, as no other builder runs while this one holds the lock.
  if (valid === false) await sql`drop index concurrently if exists ${sql.id(index.name)}`.execute(session);
  await sql`create index concurrently if not exists ${sql.id(index.name)} ${index.definition(schema)}`.execute(session);
  return true;
}
