import { randomBytes } from 'node:crypto';

/** Where the day's salt is shared between processes (site_state in the database). */
export interface SaltStore {
  /** Stores `candidate` as the salt of `day` unless one is there already; returns the one stored. */
  getOrCreate(day: string, candidate: string): Promise<string>;
  /** Forgets the salts of days before `day`. */
  removeBefore(day: string): Promise<void>;
}

/**
 * The random salt of each site-local day. Every process must hash a reader the same way, so the
 * salt is created once, atomically, in the database on first use (the first writer wins), and
 * each process keeps it in memory for the day. When a new day's salt is made, older ones are
 * deleted: from then on nobody can recompute yesterday's hashes. The database holds no hashes,
 * and the Redis visitor sets hold no salt, so no one store has both.
 */
export function createDailySalt(store: SaltStore) {
  let current: { day: string; salt: string } | null = null;
  let loading: { day: string; promise: Promise<string> } | null = null;

  async function load(day: string): Promise<string> {
    const salt = await store.getOrCreate(day, randomBytes(32).toString('base64url'));
    await store.removeBefore(day);
    // A late answer for a day already behind us must not replace today's salt.
    if (!current || current.day <= day) current = { day, salt };
    return salt;
  }

  return {
    /** The salt of `day` if this process has it already (the hot path: no await). */
    cached(day: string): string | null {
      return current?.day === day ? current.salt : null;
    },
    /** The salt of `day`, read or made once per process per day. */
    async forDay(day: string): Promise<string> {
      if (current?.day === day) return current.salt;
      if (loading?.day !== day) {
        const promise = load(day).finally(() => {
          if (loading?.promise === promise) loading = null;
        });
        loading = { day, promise };
      }
      return loading.promise;
    },
  };
}

export type DailySalt = ReturnType<typeof createDailySalt>;
