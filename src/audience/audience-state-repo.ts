import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { SaltStore } from './daily-salt.js';

const SALT_PREFIX = 'view_salt:';
const NAMESPACE_KEY = 'audience_namespace';

/**
 * The audience's small shared facts in site_state: the day's salt (made by the first process
 * that needs it; the insert that loses the race reads the winner's), and the random namespace
 * of this site's keys in Redis, so two sites (or two test databases) on one Redis never count
 * into each other.
 */
export function createAudienceStateRepo(db: Kysely<Database>) {
  async function getOrCreate(key: string, candidate: string): Promise<string> {
    await db.insertInto('site_state').values({ key, value: candidate }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const row = await db.selectFrom('site_state').select('value').where('key', '=', key).executeTakeFirstOrThrow();
    return row.value;
  }

  const salts: SaltStore = {
    getOrCreate: (day, candidate) => getOrCreate(SALT_PREFIX + day, candidate),
    async removeBefore(day) {
      await db
        .deleteFrom('site_state')
        .where('key', 'like', `${SALT_PREFIX}%`)
        .where('key', '<', SALT_PREFIX + day)
        .execute();
    },
  };

  return {
    salts,
    namespace: (candidate: string) => getOrCreate(NAMESPACE_KEY, candidate),
    /** The salt keys present (tests check that yesterday's is gone). */
    async saltDays(): Promise<string[]> {
      const rows = await db.selectFrom('site_state').select('key').where('key', 'like', `${SALT_PREFIX}%`).orderBy('key').execute();
      return rows.map((r) => r.key.slice(SALT_PREFIX.length));
    },
  };
}

export type AudienceStateRepo = ReturnType<typeof createAudienceStateRepo>;
