// Who may sign in and how: users and roles, sessions, API keys, one-time account links and
// sign-in rate limits.
// Part of the typed schema: `Database` in schema.ts names every table.

export type AccountTokenPurpose = 'invite' | 'reset';

/** A one-time link to set a password: an invitation or a reset. Only the hash of the token is kept. */
export interface AccountTokenTable {
  token_hash: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  created_by: string | null;
}

/** One sign-in rate-limit window: `key` is a hash of "account:<e-mail>" or "address:<ip>". */
export interface LoginAttemptTable {
  key: string;
  count: number;
  /** When the window ends (ISO-8601 UTC); the next attempt after it starts a new one. */
  reset_at: string;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string;
}

export type ApiKeyScope = 'content-read' | 'admin';

export interface ApiKeyTable {
  id: string;
  name: string;
  scope: ApiKeyScope;
  /** The first characters of the key, shown in lists so people can tell keys apart. */
  prefix: string;
  key_hash: string;
  user_id: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type Role = 'contributor' | 'author' | 'editor' | 'admin';

export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  person_id: string | null;
  password_hash: string | null;
  disabled: number;
  created_at: string;
}
