import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/**
 * The content generation is a counter every public change bumps. Page caches on
 * every node compare it with the generation their pages were built at, so one
 * UPDATE invalidates every node's cache without any other coordination.
 */
export function createSiteStateRepo(db: Kysely<Database>) {
  return {
    async contentGeneration(): Promise<number> {
      const row = await db.selectFrom('site_state').select('value').where('key', '=', 'content_generation').executeTakeFirst();
      return Number(row?.value ?? 0);
    },
    /** Records that `key` happened; true only for the one caller whose insert made the row. */
    async markOnce(key: string, value: string): Promise<boolean> {
      const result = await db.insertInto('site_state').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async bumpContentGeneration(): Promise<void> {
      // Arithmetic in SQL so two writers never lose a bump; the value column is text on both dialects.
      await db
        .updateTable('site_state')
        .set({ value: sql<string>`cast(cast(value as integer) + 1 as text)` })
        .where('key', '=', 'content_generation')
        .execute();
    },
  };
}
