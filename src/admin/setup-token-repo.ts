import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

const SETUP_KEY = 'setup_token';

/** The first-run setup token, one row in site_state shared by every node. */
export function createSetupTokenRepo(db: Kysely<Database>) {
  return {
    async read(): Promise<string | null> {
      const row = await db.selectFrom('site_state').select('value').where('key', '=', SETUP_KEY).executeTakeFirst();
      return row?.value ?? null;
    },
    /** Stores `token` unless a token exists already (another node made it first). */
    async insertIfAbsent(token: string): Promise<void> {
      await db.insertInto('site_state').values({ key: SETUP_KEY, value: token }).onConflict((oc) => oc.column('key').doNothing()).execute();
    },
    /** Deletes the token if it is still `token`; true for the one caller that did. */
    async take(token: string): Promise<boolean> {
      const result = await db.deleteFrom('site_state').where('key', '=', SETUP_KEY).where('value', '=', token).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async remove(): Promise<void> {
      await db.deleteFrom('site_state').where('key', '=', SETUP_KEY).execute();
    },
  };
}
