import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/**
 * Sign-in rate-limit windows in the database, shared by every process on it. The count
 * is raised in one statement (an upsert with RETURNING), so concurrent attempts each get
 * their own number and none is checked against a stale count.
 */
export function createLoginAttemptRepo(db: Kysely<Database>) {
  return {
    /** Counts one attempt; a window that ended before `nowIso` starts again at 1, ending at `windowEnd`. */
    async reserve(key: string, nowIso: string, windowEnd: string): Promise<{ count: number; resetAt: string }> {
      const row = await db
        .insertInto('login_attempts')
        .values({ key, count: 1, reset_at: windowEnd })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            // Every SET expression sees the row as it was, so both read the old reset_at.
            count: sql<number>`case when login_attempts.reset_at <= ${nowIso} then 1 else login_attempts.count + 1 end`,
            reset_at: sql<string>`case when login_attempts.reset_at <= ${nowIso} then excluded.reset_at else login_attempts.reset_at end`,
          }),
        )
        .returning(['count', 'reset_at'])
        .executeTakeFirstOrThrow();
      return { count: Number(row.count), resetAt: row.reset_at };
    },

    async release(key: string): Promise<void> {
      await db.updateTable('login_attempts').set({ count: sql<number>`count - 1` }).where('key', '=', key).where('count', '>', 0).execute();
    },

    async remove(key: string): Promise<void> {
      await db.deleteFrom('login_attempts').where('key', '=', key).execute();
    },

    /** Drops windows that have ended; returns how many. */
    async removeExpired(nowIso: string): Promise<number> {
      const result = await db.deleteFrom('login_attempts').where('reset_at', '<=', nowIso).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type LoginAttemptRepo = ReturnType<typeof createLoginAttemptRepo>;
