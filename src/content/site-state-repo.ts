import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** site_state's key for when background asset work last bumped the content generation. */
const ASSET_BUMP_AT = 'asset_bump_at';

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
    /** The generation and when background asset work last bumped it (ms since 1970, 0 if never). */
    async assetBumpState(): Promise<{ generation: number; bumpedAt: number }> {
      const rows = await db.selectFrom('site_state').select(['key', 'value']).where('key', 'in', ['content_generation', ASSET_BUMP_AT]).execute();
      const value = (key: string) => Number(rows.find((r) => r.key === key)?.value ?? 0);
      return { generation: value('content_generation'), bumpedAt: value(ASSET_BUMP_AT) };
    },
    /**
     * Bumps the generation only if it is still `expected` (another process's bump since then
     * covers the caller's change) and records `at` as the last asset bump; true when it bumped.
     */
    async bumpForAssets(expected: number, at: number): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('site_state')
          .set({ value: sql<string>`cast(cast(value as integer) + 1 as text)` })
          .where('key', '=', 'content_generation')
          .where('value', '=', String(expected))
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        await trx
          .insertInto('site_state')
          .values({ key: ASSET_BUMP_AT, value: String(at) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(at) }))
          .execute();
        return true;
      });
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
