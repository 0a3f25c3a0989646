import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { SetupUnavailable } from './errors.js';
import { createSetupTokenRepo } from './setup-token-repo.js';
import { newSecret, sameSecret } from './tokens.js';
import type { UserService } from './user-service.js';

/**
 * First-run setup: while the newsroom has no admin, one token, kept in the database,
 * opens a form that creates the first admin. Every node prints the same link, and the
 * token is taken by a conditional DELETE inside the transaction that creates the admin,
 * so two setups sent to two nodes at once make one admin; a refused form (rolled back)
 * leaves the token where it was.
 */
export function createSetupService({ db, users }: { db: Kysely<Database>; users: UserService }) {
  const tokens = createSetupTokenRepo(db);
  return {
    /** At start: the setup token while no admin exists (made once, shared by every node), else null. */
    async open(): Promise<string | null> {
      if ((await users.adminCount()) > 0) {
        await tokens.remove();
        return null;
      }
      await tokens.insertIfAbsent(newSecret(18));
      return tokens.read();
    },

    /** The token while setup is still open, else null (an admin made by the CLI or another node closes it). */
    async token(): Promise<string | null> {
      const token = await tokens.read();
      return token && (await users.adminCount()) === 0 ? token : null;
    },

    /** Creates the first admin with the token; SetupUnavailable when the token is wrong or spent. */
    async complete(token: string, input: { email: string; name: string; password: string }): Promise<{ id: string }> {
      const expected = await tokens.read();
      if (!expected || !sameSecret(token, expected)) throw new SetupUnavailable();
      return users.add({ ...input, role: 'admin' }, {
        async guard(trx) {
          // Whoever deletes the row owns the setup; a loser's DELETE finds nothing.
          if (!(await createSetupTokenRepo(trx).take(expected))) throw new SetupUnavailable();
          if ((await users.adminCount(trx)) > 0) throw new SetupUnavailable();
        },
      });
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;
