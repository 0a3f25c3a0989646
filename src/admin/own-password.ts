import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { ValidationError } from '../shared/errors.js';
import { createAccountTokenRepo } from './account-token-repo.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

/**
 * A signed-in user changes their own password. The current one is required (a session left
 * open on a shared computer must not be enough to take the account over); the caller limits
 * the attempts like sign-in. The session that made the change stays signed in; every other
 * session of the account ends, and any invitation or reset link still out stops working.
 */
export function createOwnPassword({ db }: { db: Kysely<Database> }) {
  return {
    async change(input: { userId: string; keepSessionId: string; currentPassword: string; newPassword: string }): Promise<{ ended: number }> {
      const problem = passwordProblem(input.newPassword);
      if (problem) throw new ValidationError('newPassword', problem);
      const stored = await createAccountTokenRepo(db).passwordHash(input.userId);
      if (!stored || !(await verifyPassword(stored, input.currentPassword))) throw new ValidationError('currentPassword', 'The current password is not right');
      const hash = await hashPassword(input.newPassword);
      return db.transaction().execute(async (trx) => {
        const repo = createAccountTokenRepo(trx);
        await repo.setPasswordHash(input.userId, hash);
        const ended = await repo.endSessions(input.userId, input.keepSessionId);
        await repo.removeUnused(input.userId);
        return { ended };
      });
    },
  };
}

export type OwnPassword = ReturnType<typeof createOwnPassword>;
