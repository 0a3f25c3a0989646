import { sql, type Kysely } from 'kysely';

/**
 * The row count the planner is given for each FTS5 index's data table: what SQLite assumes of a
 * table it has no statistics for (2^20 rows), so it plans those reads as if never analyzed.
 */
export const PINNED_FTS_DATA_ROWS = '1048576';

/**
 * Pins the planner's statistic for the table behind each SQLite FTS5 index (`<index>_data`) and
 * has this connection plan with it. Returns how many it changed (0 when all were pinned already,
 * or nothing was ever analyzed, in which case SQLite plans them as pinned anyway).
 *
 * FTS5 keeps an index in ordinary tables and reads them by key. One of its reads is a range of
 * `<index>_data` by rowid, run on every merge of the index's segments. A plain `ANALYZE`
 * (migration 0015's) records the table as it is at that moment: on a new site, 2 rows. With that
 * statistic the planner reads the range by scanning the whole table, so each merge read the whole
 * index, and indexing grew with the square of the archive: the search catch-up of 100,000 stories
 * took 944 s. `pragma optimize` does not correct it in time (it looks again only once a table grew
 * 25-fold, and then records another count that goes stale). SQLite documents writing
 * `sqlite_stat1` to steer plans; here it says "large", which is true of any index worth planning
 * for, and the planner takes the key range at every size.
 *
 * Deleting the statistic would not do: a connection keeps a table's count until it reads the
 * schema afresh. A pinned row is loaded at once (`ANALYZE sqlite_schema`).
 */
export async function pinFullTextIndexStatistics(db: Kysely<any>): Promise<number> {
  const analyzed = await sql<{ n: number }>`select count(*) as n from sqlite_schema where type = 'table' and name = 'sqlite_stat1'`.execute(db);
  if (!Number(analyzed.rows[0]?.n)) return 0;
  const indexes = await sql<{ name: string }>`select name from sqlite_schema where type = 'table' and sql like 'create virtual table % using fts5%'`.execute(db);
  let changed = 0;
  for (const { name } of indexes.rows) {
    const table = `${name}_data`;
    const rows = (await sql<{ idx: string | null; stat: string }>`select idx, stat from sqlite_stat1 where tbl = ${table}`.execute(db)).rows;
    if (rows.length === 1 && rows[0]!.idx === null && rows[0]!.stat === PINNED_FTS_DATA_ROWS) continue;
    await sql`delete from sqlite_stat1 where tbl = ${table}`.execute(db);
    await sql`insert into sqlite_stat1 (tbl, idx, stat) values (${table}, null, ${PINNED_FTS_DATA_ROWS})`.execute(db);
    changed += 1;
  }
  // The connection keeps the statistics it loaded; this loads them again (SQLite's documented way).
  if (changed) await sql`analyze sqlite_schema`.execute(db);
  return changed;
}
