import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createDatabase } from './index.js';
import { PINNED_FTS_DATA_ROWS, pinFullTextIndexStatistics } from './fts-statistics.js';

// The tables behind SQLite's three FTS5 indexes: public search (0009) and the desk's text (0017, 0019).
const FTS_DATA_TABLES = ['search_fts_data', 'article_text_fts_data', 'article_words_fts_data'];

/** How SQLite plans FTS5's read of a range of segment blocks (its merges run it). */
async function rangePlan(db: Kysely<any>, table: string): Promise<string> {
  const rows = (await sql.raw<{ detail: string }>(`explain query plan select id, block from ${table} where id >= 1 and id <= 2 order by id`).execute(db)).rows;
  return rows.map((r) => r.detail).join(' | ');
}

const BY_KEY = /^SEARCH \w+ USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)$/;

async function withSite(run: (handle: ReturnType<typeof createDatabase>, file: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-fts-stats-'));
  const file = join(dir, 'site.db');
  const handle = createDatabase({ kind: 'sqlite', file });
  try {
    await handle.migrate();
    await run(handle, file);
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('[sqlite] a new site reads its full-text indexes by key, in the process that migrated it and in the next', async () => {
  await withSite(async (handle, file) => {
    // 0015's ANALYZE recorded each data table at 2 rows; with that count every merge scanned the whole index.
    for (const table of FTS_DATA_TABLES) assert.match(await rangePlan(handle.db, table), BY_KEY, `${table} in the migrating connection`);
    const stats = (await sql<{ tbl: string; idx: string | null; stat: string }>`select tbl, idx, stat from sqlite_stat1 where tbl like '%fts_data' order by tbl`.execute(handle.db)).rows;
    assert.deepEqual(
      stats,
      [...FTS_DATA_TABLES].sort().map((tbl) => ({ tbl, idx: null, stat: PINNED_FTS_DATA_ROWS })),
    );
    const next = createDatabase({ kind: 'sqlite', file });
    try {
      for (const table of FTS_DATA_TABLES) assert.match(await rangePlan(next.db, table), BY_KEY, `${table} in a new connection`);
    } finally {
      await next.close();
    }
  });
});

test('[sqlite] the daily statistics refresh puts back a count that an ANALYZE of a small index took', async () => {
  await withSite(async (handle) => {
    // What an operator's ANALYZE (or pragma optimize looking again) records while the indexes are small.
    await sql`analyze`.execute(handle.db);
    await sql`analyze sqlite_schema`.execute(handle.db);
    assert.doesNotMatch(await rangePlan(handle.db, 'search_fts_data'), BY_KEY, 'the small count turns the range into a scan');
    await handle.refreshStatistics();
    for (const table of FTS_DATA_TABLES) assert.match(await rangePlan(handle.db, table), BY_KEY, table);
    assert.equal(await pinFullTextIndexStatistics(handle.db), 0, 'already pinned: nothing to change');
  });
});

test('[sqlite] a database never analyzed is left without statistics (SQLite then plans by key anyway)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-fts-stats-'));
  const handle = createDatabase({ kind: 'sqlite', file: join(dir, 'bare.db') });
  try {
    await sql`create virtual table notes_fts using fts5(text)`.execute(handle.db);
    assert.equal(await pinFullTextIndexStatistics(handle.db), 0);
    const statTables = (await sql<{ name: string }>`select name from sqlite_schema where name = 'sqlite_stat1'`.execute(handle.db)).rows;
    assert.deepEqual(statTables, []);
    assert.match(await rangePlan(handle.db, 'notes_fts_data'), BY_KEY);
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
