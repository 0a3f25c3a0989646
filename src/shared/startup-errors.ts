/**
 * Why a process could not start, in one line the CLI prints as it is (no stack trace) before it
 * leaves with 1: the cause is the operator's to mend, not ours. A supervisor, or the cluster's
 * primary for a worker (after a growing pause), starts it again.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/**
 * A service the configuration names (PostgreSQL by DATABASE_URL, Redis by REDIS_URL) that did not
 * answer when a command started: the service down, a wrong host, password or database name.
 */
export class ServiceUnreachableError extends StartupError {
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

/**
 * The port PORT or METRICS_PORT names is taken (another Dateline, another server) or not ours to
 * take (below 1024 without the right): said with the variable, not as node's listen stack.
 */
export function cannotListen(err: unknown, variable: 'PORT' | 'METRICS_PORT', host: string, port: number): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return new StartupError(`${host}:${port} (${variable}) is already in use by another process`, { cause: err });
  if (code === 'EACCES' || code === 'EPERM') return new StartupError(`${host}:${port} (${variable}) may not be listened on by this user (${code}); choose a port above 1024 or put a proxy in front`, { cause: err });
  if (code === 'EADDRNOTAVAIL') return new StartupError(`${host} (HOST) is not an address of this machine (EADDRNOTAVAIL)`, { cause: err });
  return err;
}
