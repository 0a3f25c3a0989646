import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Role } from '../db/index.js';
import { defineError, ValidationError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { createDirectoryService } from '../content/index.js';
import { hashPassword, passwordProblem } from './passwords.js';

export const ROLES = ['contributor', 'author', 'editor', 'admin'] as const satisfies readonly Role[];
export const EmailTaken = defineError('EMAIL_TAKEN', 'A user with the e-mail %s already exists', 409);

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
  password: z.string(),
});

export interface UserServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
}

/** Accounts: each user is linked to a person, so what they write carries their byline. */
export function createUserService({ db, clock, newId }: UserServiceDeps) {
  return {
    async add(input: z.input<typeof newUserSchema>): Promise<{ id: string; email: string; role: Role; personSlug: string }> {
      const parsed = newUserSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new ValidationError(String(issue.path[0] ?? 'user'), issue.message);
      }
      const { email, name, role, password } = parsed.data;
      const problem = passwordProblem(password);
      if (problem) throw new ValidationError('password', problem);
      const passwordHash = await hashPassword(password);
      return db.transaction().execute(async (trx) => {
        if (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) throw new EmailTaken(email);
        const person = await createDirectoryService({ db: trx, clock, newId }).ensurePerson(name);
        const id = newId();
        await trx
          .insertInto('users')
          .values({ id, email, name, role, person_id: person.id, password_hash: passwordHash, disabled: 0, created_at: clock.now().toISOString() })
          .execute();
        return { id, email, role, personSlug: person.slug };
      });
    },

    async count(): Promise<number> {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
