import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';

export type CheckResult = 'ok' | 'not configured' | string;

export interface ReadinessReport {
  ok: boolean;
  checks: { database: CheckResult; migrations: CheckResult; redis: CheckResult };
}

export interface ReadinessDeps {
  db: Kysely<Database>;
  pendingMigrations: () => Promise<string[]>;
  /** Redis PING, when REDIS_URL is set. */
  redisPing: (() => Promise<unknown>) | null;
  /** How long one check may take before it counts as failed. */
  timeoutMs?: number;
}

/** Resolves with the check's value, or rejects once `ms` has passed (a database that hangs is not ready either). */
export function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const reason = (err: unknown) => `failed: ${err instanceof Error ? err.message.slice(0, 200) : 'unknown error'}`;

/** What /readyz checks: the database answers, every migration is applied, Redis answers (when configured). */
export function createReadiness({ db, pendingMigrations, redisPing, timeoutMs = 2000 }: ReadinessDeps) {
  return {
    async check(): Promise<ReadinessReport> {
      const [database, migrations, redis] = await Promise.all([
        within(timeoutMs, sql`select 1`.execute(db)).then(
          () => 'ok',
          (err: unknown) => reason(err),
        ),
        within(timeoutMs, pendingMigrations()).then(
          (pending) => (pending.length ? `pending: ${pending.join(', ')}` : 'ok'),
          (err: unknown) => reason(err),
        ),
        redisPing
          ? within(timeoutMs, redisPing()).then(
              () => 'ok',
              (err: unknown) => reason(err),
            )
          : Promise.resolve('not configured'),
      ]);
      const checks = { database, migrations, redis };
      return { ok: Object.values(checks).every((c) => c === 'ok' || c === 'not configured'), checks };
    },
  };
}

export type Readiness = ReturnType<typeof createReadiness>;
