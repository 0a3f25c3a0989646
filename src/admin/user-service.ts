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
export const UserHasHistory = defineError('USER_HAS_HISTORY', 'User %s has saved stories; disable the account instead of deleting it', 409);

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  personId: string | null;
  disabled: boolean;
  /** Invited and has not set a password yet: cannot sign in until they use their link. */
  invitePending: boolean;
  createdAt: string;
}

type UserRow = { id: string; email: string; name: string; role: Role; person_id: string | null; disabled: number; password_hash: string | null; created_at: string };
/** The hash is read only to say whether there is one; it never leaves this file. */
const RECORD_COLUMNS = ['id', 'email', 'name', 'role', 'person_id', 'disabled', 'password_hash', 'created_at'] as const;

function toRecord(row: UserRow): UserRecord {
  return { id: row.id, email: row.email, name: row.name, role: row.role, personId: row.person_id, disabled: Number(row.disabled) === 1, invitePending: row.password_hash === null, createdAt: row.created_at };
}

const noNul = (v: string) => !v.includes('\u0000');

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  // The CLI reaches this without the admin API's NUL guard; PostgreSQL cannot store U+0000.
  name: z.string().trim().min(1).max(120).refine(noNul, 'must not contain a NUL character'),
  role: z.enum(ROLES),
  // null: an invited user, who sets a password through a one-time link (account-tokens.ts).
  password: z.string().nullable(),
});

export interface UserServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
}

/** Accounts: each user is linked to a person, so what they write carries their byline. */
export function createUserService({ db, clock, newId }: UserServiceDeps) {
  return {
    /**
     * Creates a user and their byline. `guard` runs first inside the transaction and may
     * throw to refuse (first-run setup takes its token there); `after` runs last in it, with
     * the new id (an invitation stores its link there, so there is no user without one).
     */
    async add(
      input: z.input<typeof newUserSchema>,
      options: { guard?: (trx: Kysely<Database>) => Promise<void>; after?: (trx: Kysely<Database>, id: string) => Promise<void> } = {},
    ): Promise<{ id: string; email: string; role: Role; personSlug: string }> {
      const parsed = newUserSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new ValidationError(String(issue.path[0] ?? 'user'), issue.message);
      }
      const { email, name, role, password } = parsed.data;
      const problem = password === null ? null : passwordProblem(password);
      if (problem) throw new ValidationError('password', problem);
      const passwordHash = password === null ? null : await hashPassword(password);
      return db.transaction().execute(async (trx) => {
        await options.guard?.(trx);
        if (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) throw new EmailTaken(email);
        const person = await createDirectoryService({ db: trx, clock, newId }).ensurePerson(name);
        const id = newId();
        await trx
          .insertInto('users')
          .values({ id, email, name, role, person_id: person.id, password_hash: passwordHash, disabled: 0, created_at: clock.now().toISOString() })
          .execute();
        await options.after?.(trx, id);
        return { id, email, role, personSlug: person.slug };
      });
    },

    async list(): Promise<UserRecord[]> {
      const rows = await db.selectFrom('users').select(RECORD_COLUMNS).orderBy('name').execute();
      return rows.map(toRecord);
    },

    async get(id: string): Promise<UserRecord | null> {
      const row = await db.selectFrom('users').select(RECORD_COLUMNS).where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    /** Changes name, role or the disabled switch. Disabling ends the user's sessions at once. */
    async update(id: string, patch: { name?: string; role?: Role; disabled?: boolean }): Promise<void> {
      const columns = { ...(patch.name ? { name: patch.name } : {}), ...(patch.role ? { role: patch.role } : {}), ...(patch.disabled !== undefined ? { disabled: patch.disabled ? 1 : 0 } : {}) };
      await db.transaction().execute(async (trx) => {
        // A patch with only a password (set elsewhere) has no column here; an empty SET is invalid SQL.
        if (Object.keys(columns).length) await trx.updateTable('users').set(columns).where('id', '=', id).execute();
        if (patch.disabled || patch.role) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      });
    },

    /** Deletes a user who never saved anything; anyone with history is disabled instead. */
    async remove(id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const history = await trx.selectFrom('revisions').select('id').where('user_id', '=', id).limit(1).execute();
        if (history.length) throw new UserHasHistory(id);
        await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
        await trx.deleteFrom('api_keys').where('user_id', '=', id).execute();
        await trx.deleteFrom('users').where('id', '=', id).execute();
      });
    },

    /** Names for ids (revision authors, "saved by" in conflicts); unknown ids are left out. */
    async names(ids: string[]): Promise<{ id: string; name: string }[]> {
      const unique = [...new Set(ids)];
      return unique.length ? db.selectFrom('users').select(['id', 'name']).where('id', 'in', unique).execute() : [];
    },

    async adminCount(executor: Kysely<Database> = db): Promise<number> {
      const row = await executor.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').where('disabled', '=', 0).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async count(): Promise<number> {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
