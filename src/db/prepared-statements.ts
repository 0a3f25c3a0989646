import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * SQL texts PostgreSQL keeps prepared on each connection, by the name they are prepared under.
 * Registered by `compiledOnce` (compiled-once.ts): the few reads every uncached page runs, whose
 * text never changes and whose values are ids and slugs, so one plan suits every value.
 *
 * Sent unnamed, each was parsed and planned again on every call: the story's own read (a dozen
 * joined lists as JSON) took PostgreSQL longer to plan than to run. Prepared, the uncached article
 * page went from 446–467 to 638–738 req/s on a 100,000-story archive (2 cores, PostgreSQL 15 on
 * the same machine), p50 from 21–22 to 13–15 ms.
 */
const preparedNames = new Map<string, string>();

export function keepPrepared(sqlText: string): void {
  if (!preparedNames.has(sqlText)) preparedNames.set(sqlText, `dateline_${createHash('sha1').update(sqlText).digest('hex').slice(0, 16)}`);
}

/**
 * Errors that say this connection's prepared statement cannot serve any more: a migration changed
 * the columns it returns ("cached plan must not change result type", while an older process still
 * runs beside a newer one), or it is not there (a pooler such as PgBouncer in transaction mode
 * hands the connection to another server session).
 */
function preparedStatementLost(err: unknown): 'columns' | 'statement' | null {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change result type')) return 'columns';
  return code === '26000' ? 'statement' : null;
}

/**
 * A pg client that sends a registered text as a named statement, parsed and planned once per
 * connection. When the server says the statement no longer serves, the query is sent again once:
 * after a change of columns under a new name (prepared afresh; the old one is left to the session),
 * after a lost statement unnamed, and this connection names no more (a pooler moves sessions).
 * Inside a transaction the failure has already ended it, and that error is the caller's.
 */
export class PreparingClient extends pg.Client {
  #prepares = true;
  /** Bumped when a prepared plan's columns changed: the names this connection prepares under. */
  #generation = 0;

  override query(...args: any[]): any {
    const [text, values, callback] = args;
    const base = this.#prepares && typeof text === 'string' && callback === undefined ? preparedNames.get(text) : undefined;
    if (!base) return (super.query as any)(...args);
    const named = () => super.query({ name: this.#generation ? `${base}_${this.#generation}` : base, text, values }) as Promise<pg.QueryResult>;
    return named().catch((err: unknown) => {
      const lost = preparedStatementLost(err);
      if (!lost) throw err;
      if (lost === 'columns') {
        this.#generation += 1;
        return named();
      }
      this.#prepares = false;
      return super.query(text, values);
    });
  }
}
