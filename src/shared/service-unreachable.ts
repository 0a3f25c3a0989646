/**
 * A service the configuration names (PostgreSQL by DATABASE_URL, Redis by REDIS_URL) that did not
 * answer when a command started. The CLI prints the message as its one line and leaves with 1, with
 * no stack trace: the cause is the operator's to mend (the service down, a wrong host, password or
 * database name), not ours. A supervisor, or the cluster's primary for a worker, starts it again.
 */
export class ServiceUnreachableError extends Error {
  constructor(service: 'PostgreSQL' | 'Redis', variable: 'DATABASE_URL' | 'REDIS_URL', url: string, cause: unknown) {
    super(`${service} at ${addressOf(url)} (${variable}) cannot be reached: ${reasonOf(cause)}`, { cause });
    this.name = 'ServiceUnreachableError';
  }
}

/** host:port/database of a connection URL: never its user name or password, which do not belong in a log. */
export function addressOf(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === '/' ? '' : decodeURIComponent(parsed.pathname);
    return `${parsed.host}${path}` || 'the local socket';
  } catch {
    return 'an address that is not a URL';
  }
}

function reasonOf(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.trim() || (cause as { code?: string } | null)?.code || 'no reason given';
}
