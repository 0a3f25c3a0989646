/**
 * Whether an error means the database cannot be reached just now (PostgreSQL down, restarting or
 * cut off; SQLite locked past its busy timeout) rather than a bug or bad input: such a request is
 * answered 503 with Retry-After, and the site recovers by itself when the database is back.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** PostgreSQL's SQLSTATEs for a server going away: admin/crash shutdown, cannot connect now, too many connections. */
const POSTGRES_STATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006']);
const MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /Client has encountered a connection error/i, /connection is closed/i];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || POSTGRES_STATES.has(code) || code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return true;
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e!.message as string))) return true;
  }
  return false;
}
