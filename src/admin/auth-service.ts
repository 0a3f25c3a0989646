import type { Kysely } from 'kysely';
import type { ApiKeyScope, Database, Role } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { hashToken, newContentKey, newSecret } from './tokens.js';
import { ValidationError } from '../shared/errors.js';
import { UserNotFound } from './errors.js';

/** Who is making a request: a signed-in user, or an API key acting for its owner. */
export interface Actor {
  kind: 'session' | 'api-key';
  userId: string;
  email: string;
  name: string;
  role: Role;
  personId: string | null;
  /** API keys only: content-read keys may only read. */
  scope: ApiKeyScope | null;
  sessionId: string | null;
  csrfToken: string | null;
}

export const SESSION_DAYS = 14;
const DAY = 86_400_000;
/** A hash to compare against when the e-mail is unknown, so both paths take as long. */
let decoyHash: Promise<string> | undefined;

export interface AuthServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
}

/** Sessions, password checks and API keys. Tokens are random and stored only as hashes. */
export function createAuthService({ db, clock, newId }: AuthServiceDeps) {
  const now = () => clock.now();

  async function actorForUser(userId: string, extra: Pick<Actor, 'kind' | 'scope' | 'sessionId' | 'csrfToken'>): Promise<Actor | null> {
    const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!user || Number(user.disabled) === 1) return null;
    return { ...extra, userId: user.id, email: user.email, name: user.name, role: user.role, personId: user.person_id };
  }

  return {
    /** The user for these credentials, or null. Takes about as long for unknown e-mails. */
    async checkPassword(email: string, password: string): Promise<{ id: string } | null> {
      const user = await db.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
      if (!user?.password_hash || Number(user.disabled) === 1) {
        decoyHash ??= hashPassword(newSecret());
        await verifyPassword(await decoyHash, password);
        return null;
      }
      return (await verifyPassword(user.password_hash, password)) ? { id: user.id } : null;
    },

    async createSession(userId: string, userAgent: string): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
      const token = newSecret();
      const csrfToken = newSecret(24);
      const at = now();
      const expiresAt = new Date(at.getTime() + SESSION_DAYS * DAY).toISOString();
      await db
        .insertInto('sessions')
        .values({ id: newId(), token_hash: hashToken(token), user_id: userId, csrf_token: csrfToken, created_at: at.toISOString(), last_seen_at: at.toISOString(), expires_at: expiresAt, user_agent: userAgent.slice(0, 300) })
        .execute();
      return { token, csrfToken, expiresAt };
    },

    /** The actor for a session cookie; expired sessions are removed on sight. Sliding expiry. */
    async sessionActor(token: string): Promise<Actor | null> {
      const session = await db.selectFrom('sessions').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
      if (!session) return null;
      const at = now();
      if (new Date(session.expires_at) <= at) {
        await db.deleteFrom('sessions').where('id', '=', session.id).execute();
        return null;
      }
      // Write the sliding expiry at most once an hour, not on every request.
      if (at.getTime() - new Date(session.last_seen_at).getTime() > 3_600_000) {
        await db.updateTable('sessions').set({ last_seen_at: at.toISOString(), expires_at: new Date(at.getTime() + SESSION_DAYS * DAY).toISOString() }).where('id', '=', session.id).execute();
      }
      return actorForUser(session.user_id, { kind: 'session', scope: null, sessionId: session.id, csrfToken: session.csrf_token });
    },

    /** Deletes sessions that have expired (maintenance); returns how many. */
    async removeExpiredSessions(): Promise<number> {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now().toISOString()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async endSession(sessionId: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
    },

    /** Sign out everywhere: every session of the user. Returns how many ended. */
    async endAllSessions(userId: string): Promise<number> {
      const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async setPassword(userId: string, password: string): Promise<void> {
      const problem = passwordProblem(password);
      if (problem) throw new ValidationError('password', problem);
      const hash = await hashPassword(password);
      const result = await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new UserNotFound(userId);
      // A new password ends every existing session: whoever knew the old one is out.
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
      // …and every invitation or reset link still out: it was made for the old state of the account.
      await db.deleteFrom('account_tokens').where('user_id', '=', userId).execute();
    },

    async createApiKey(input: { name: string; scope: ApiKeyScope; userId: string }): Promise<{ id: string; key: string; prefix: string; createdAt: string }> {
      // Content-read keys take Ghost's form (its clients refuse any other); admin keys keep `dlk_` and 256 bits.
      const key = input.scope === 'content-read' ? newContentKey() : `dlk_${newSecret()}`;
      const id = newId();
      const createdAt = now().toISOString();
      // Enough to tell keys apart in the list, while leaving at least 80 of a content key's 104 bits unshown.
      const prefix = key.slice(0, input.scope === 'content-read' ? 6 : 10);
      await db.insertInto('api_keys').values({ id, name: input.name, scope: input.scope, prefix, key_hash: hashToken(key), user_id: input.userId, created_at: createdAt, last_used_at: null, revoked_at: null }).execute();
      return { id, key, prefix, createdAt };
    },

    async apiKeyActor(key: string): Promise<Actor | null> {
      const row = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', hashToken(key)).executeTakeFirst();
      if (!row || row.revoked_at) return null;
      const at = now();
      if (!row.last_used_at || at.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
        await db.updateTable('api_keys').set({ last_used_at: at.toISOString() }).where('id', '=', row.id).execute();
      }
      const actor = await actorForUser(row.user_id, { kind: 'api-key', scope: row.scope, sessionId: null, csrfToken: null });
      // A key never has more power than its scope, whatever its owner's role.
      if (actor && row.scope === 'content-read' && actor.role === 'admin') actor.role = 'editor';
      return actor;
    },

    /** Every key, newest first, without the secret (only its hash is stored anyway). */
    async listApiKeys() {
      const rows = await db.selectFrom('api_keys').select(['id', 'name', 'scope', 'prefix', 'created_at', 'last_used_at', 'revoked_at']).orderBy('created_at', 'desc').execute();
      return rows.map((r) => ({ id: r.id, name: r.name, scope: r.scope, prefix: r.prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
    },

    async revokeApiKey(id: string): Promise<boolean> {
      const result = await db.updateTable('api_keys').set({ revoked_at: now().toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    actorForUser: (userId: string) => actorForUser(userId, { kind: 'session', scope: null, sessionId: null, csrfToken: null }),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
