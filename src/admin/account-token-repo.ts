import { sql, type Kysely } from 'kysely';
import type { AccountTokenPurpose, Database, Role } from '../db/index.js';

/** What a one-time link needs to know about its account. */
export interface TokenAccount {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  hasPassword: boolean;
}

export interface StoredToken {
  userId: string;
  purpose: AccountTokenPurpose;
  expiresAt: string;
  usedAt: string | null;
}

const ACCOUNT_COLUMNS = ['users.id', 'users.email', 'users.name', 'users.role', 'users.disabled', 'users.password_hash'] as const;

function toAccount(row: { id: string; email: string; name: string; role: Role; disabled: number; password_hash: string | null }): TokenAccount {
  return { id: row.id, email: row.email, name: row.name, role: row.role, disabled: Number(row.disabled) === 1, hasPassword: row.password_hash !== null };
}

/**
 * The SQL of one-time account links (table `account_tokens`, only hashes stored) and of what
 * using one changes: the password and the sessions. Pass a transaction as `db` to run a step
 * inside it; `lockUser` and `take` are what make the steps safe against concurrent requests.
 */
export function createAccountTokenRepo(db: Kysely<Database>) {
  return {
    /**
     * Locks the user's row until the transaction ends (a no-op UPDATE: PostgreSQL takes a row
     * lock, SQLite a write lock), so two links made at once for one account run one after the
     * other and the later one replaces the earlier. Null when there is no such user.
     */
    async lockUser(userId: string): Promise<TokenAccount | null> {
      const result = await db.updateTable('users').set({ disabled: sql<number>`disabled` }).where('id', '=', userId).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return null;
      const row = await db.selectFrom('users').select(ACCOUNT_COLUMNS).where('id', '=', userId).executeTakeFirstOrThrow();
      return toAccount(row);
    },

    async accountByEmail(email: string): Promise<TokenAccount | null> {
      const row = await db.selectFrom('users').select(ACCOUNT_COLUMNS).where('email', '=', email).executeTakeFirst();
      return row ? toAccount(row) : null;
    },

    /** Stores a new link and deletes the account's unused links of the same purpose: only the newest works. */
    async replace(token: { tokenHash: string; userId: string; purpose: AccountTokenPurpose; createdAt: string; expiresAt: string; createdBy: string | null }): Promise<void> {
      await db.deleteFrom('account_tokens').where('user_id', '=', token.userId).where('purpose', '=', token.purpose).where('used_at', 'is', null).execute();
      await db
        .insertInto('account_tokens')
        .values({ token_hash: token.tokenHash, user_id: token.userId, purpose: token.purpose, created_at: token.createdAt, expires_at: token.expiresAt, used_at: null, created_by: token.createdBy })
        .execute();
    },

    /** A link with its account, by the hash of its token; null when unknown (or replaced since). */
    async find(tokenHash: string): Promise<{ token: StoredToken; account: TokenAccount } | null> {
      const row = await db
        .selectFrom('account_tokens')
        .innerJoin('users', 'users.id', 'account_tokens.user_id')
        .select([...ACCOUNT_COLUMNS, 'account_tokens.purpose', 'account_tokens.expires_at', 'account_tokens.used_at'])
        .where('account_tokens.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return null;
      return { token: { userId: row.id, purpose: row.purpose, expiresAt: row.expires_at, usedAt: row.used_at }, account: toAccount(row) };
    },

    /**
     * Uses a link: one conditional UPDATE that only an unused, unexpired link passes. Of two
     * concurrent uses the second waits for the first and then finds `used_at` set, so it gets null.
     */
    async take(tokenHash: string, nowIso: string): Promise<{ userId: string; purpose: AccountTokenPurpose } | null> {
      const row = await db
        .updateTable('account_tokens')
        .set({ used_at: nowIso })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', nowIso)
        .returning(['user_id', 'purpose'])
        .executeTakeFirst();
      return row ? { userId: row.user_id, purpose: row.purpose } : null;
    },

    async passwordHash(userId: string): Promise<string | null> {
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).where('disabled', '=', 0).executeTakeFirst();
      return row?.password_hash ?? null;
    },

    async setPasswordHash(userId: string, hash: string): Promise<void> {
      await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    },

    /** Ends the account's sessions, all or all but one (the one changing its own password); returns how many. */
    async endSessions(userId: string, keepSessionId: string | null = null): Promise<number> {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepSessionId) query = query.where('id', '!=', keepSessionId);
      return Number((await query.executeTakeFirst()).numDeletedRows);
    },

    /** Drops the account's links that are still unused: a password was just set, they are moot. */
    async removeUnused(userId: string): Promise<void> {
      await db.deleteFrom('account_tokens').where('user_id', '=', userId).where('used_at', 'is', null).execute();
    },

    /** Links that were used or have expired (the daily maintenance); returns how many. */
    async removeSpent(nowIso: string): Promise<number> {
      const result = await db
        .deleteFrom('account_tokens')
        .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', nowIso)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type AccountTokenRepo = ReturnType<typeof createAccountTokenRepo>;
