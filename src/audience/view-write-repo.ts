import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import { tallyRows, type Tally } from './view-tally.js';

/** Rows per multi-row INSERT: well under SQLite's limit on bound parameters. */
const CHUNK = 250;
const BATCH_KEY = 'views_flush_batch';

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

export interface WriteOptions {
  /** How `u|DAY` counts apply: added (each process's new readers) or the whole day's count (Redis HyperLogLog). */
  visitors: 'add' | 'max';
  /** A batch taken from Redis: written only if this id is not the last batch written (a retry after a crash). */
  batchId?: string;
  /** Minute rows older than this (ISO UTC) are removed in the same transaction. */
  pruneMinutesBefore?: string;
}

export type WriteResult = { applied: true; totals: Map<string, number>; dropped: number } | { applied: false };

/**
 * Adds a tally to the rows, within the transaction (or seeding executor) it is given: upserts
 * that add to the day, hour, minute, referrer and device rows, and to the articles' totals.
 * Views of an article deleted since they were counted are dropped (and counted in `dropped`),
 * so one deletion never fails a batch.
 */
export async function applyTally(trx: Kysely<Database>, tally: Tally, options: Pick<WriteOptions, 'visitors' | 'pruneMinutesBefore'>): Promise<{ totals: Map<string, number>; dropped: number }> {
  const rows = tallyRows(tally);
  const live = await existingIds(trx, [...rows.totals.keys()]);
  const keep = <T extends { article_id: string }>(list: T[]) => list.filter((r) => live.has(r.article_id));
  for (const part of chunks(keep(rows.daily))) {
    await trx.insertInto('article_views_daily').values(part).onConflict((oc) => oc.columns(['article_id', 'day']).doUpdateSet({ views: sql<number>`article_views_daily.views + excluded.views` })).execute();
  }
  for (const part of chunks(keep(rows.hourly))) {
    await trx.insertInto('article_views_hourly').values(part).onConflict((oc) => oc.columns(['article_id', 'hour']).doUpdateSet({ views: sql<number>`article_views_hourly.views + excluded.views` })).execute();
  }
  for (const part of chunks(keep(rows.minutely))) {
    await trx.insertInto('article_views_minutely').values(part).onConflict((oc) => oc.columns(['article_id', 'minute']).doUpdateSet({ views: sql<number>`article_views_minutely.views + excluded.views` })).execute();
  }
  for (const part of chunks(keep(rows.referrers))) {
    await trx.insertInto('article_referrers_daily').values(part).onConflict((oc) => oc.columns(['article_id', 'day', 'host']).doUpdateSet({ views: sql<number>`article_referrers_daily.views + excluded.views` })).execute();
  }
  for (const part of chunks(keep(rows.devices))) {
    await trx.insertInto('article_devices_daily').values(part).onConflict((oc) => oc.columns(['article_id', 'day', 'device']).doUpdateSet({ views: sql<number>`article_devices_daily.views + excluded.views` })).execute();
  }
  const visitorsSet =
    options.visitors === 'add'
      ? sql<number>`site_visitors_daily.visitors + excluded.visitors`
      : sql<number>`case when excluded.visitors > site_visitors_daily.visitors then excluded.visitors else site_visitors_daily.visitors end`;
  for (const part of chunks(rows.visitors)) {
    await trx.insertInto('site_visitors_daily').values(part).onConflict((oc) => oc.column('day').doUpdateSet({ visitors: visitorsSet })).execute();
  }
  const totals = new Map<string, number>();
  let dropped = 0;
  for (const [id, views] of rows.totals) {
    if (!live.has(id)) {
      dropped += views;
      continue;
    }
    const row = await trx.updateTable('articles').set({ views: sql<number>`views + ${views}` }).where('id', '=', id).returning('views').executeTakeFirst();
    if (row) totals.set(id, Number(row.views));
  }
  if (options.pruneMinutesBefore) await trx.deleteFrom('article_views_minutely').where('minute', '<', options.pruneMinutesBefore).execute();
  return { totals, dropped };
}

async function existingIds(trx: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(ids)) {
    for (const row of await trx.selectFrom('articles').select('id').where('id', 'in', part).execute()) found.add(row.id);
  }
  return found;
}

/** Writes a tally of views in one transaction (applyTally); a Redis batch only once. */
export function createViewWriteRepo(db: Kysely<Database>) {
  async function claimBatch(trx: Transaction<Database>, batchId: string): Promise<boolean> {
    await trx.insertInto('site_state').values({ key: BATCH_KEY, value: '' }).onConflict((oc) => oc.column('key').doNothing()).execute();
    // A row lock on PostgreSQL: a second writer of the same batch waits, then finds it written.
    const result = await trx.updateTable('site_state').set({ value: batchId }).where('key', '=', BATCH_KEY).where('value', '<>', batchId).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  return {
    async write(tally: Tally, options: WriteOptions): Promise<WriteResult> {
      return db.transaction().execute(async (trx) => {
        if (options.batchId && !(await claimBatch(trx, options.batchId))) return { applied: false };
        return { applied: true, ...(await applyTally(trx, tally, options)) };
      });
    },

    /** The stored total and whether the story is published: what the beacon answers with. */
    async articleState(id: string): Promise<{ published: boolean; views: number } | null> {
      const row = await db.selectFrom('articles').select(['status', 'views']).where('id', '=', id).executeTakeFirst();
      return row ? { published: row.status === 'published', views: Number(row.views) } : null;
    },
  };
}

export type ViewWriteRepo = ReturnType<typeof createViewWriteRepo>;
