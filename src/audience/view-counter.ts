import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Clock } from '../shared/clock.js';

export interface ViewCounterDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** The calendar day in the site's time zone, so "views today" means the readers' today. */
  dayKey: (date: Date) => string;
}

/**
 * Counts article views: one row per article per day plus the denormalised total
 * on the article (what "28 Views" shows and most-read sorts by). Only published
 * stories count; the answer is the new total, or null for anything else.
 */
export function createViewCounter({ db, clock, dayKey }: ViewCounterDeps) {
  return {
    async record(articleId: string): Promise<number | null> {
      const day = dayKey(clock.now());
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('articles')
          .set({ views: sql<number>`views + 1` })
          .where('id', '=', articleId)
          .where('status', '=', 'published')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) return null;
        await trx
          .insertInto('article_views_daily')
          .values({ article_id: articleId, day, views: 1 })
          .onConflict((oc) => oc.columns(['article_id', 'day']).doUpdateSet({ views: sql<number>`article_views_daily.views + 1` }))
          .execute();
        const row = await trx.selectFrom('articles').select('views').where('id', '=', articleId).executeTakeFirstOrThrow();
        return Number(row.views);
      });
    },

    /** Seeds a total (demo content, imports from another system). */
    async setTotal(articleId: string, views: number): Promise<void> {
      await db.updateTable('articles').set({ views }).where('id', '=', articleId).execute();
    },
  };
}

export type ViewCounter = ReturnType<typeof createViewCounter>;
