/**
 * Polls the wire sources that are due, in exactly one process when several share a database:
 * each round first takes (or renews) the `wire-poller` lease with one conditional UPDATE; a
 * process that does not hold it does nothing. Everything the poller knows is in the database
 * (next poll, validators, failures), so after a restart it carries on where it stopped.
 *
 * Health: a success resets the failure count and schedules the next poll one interval on; a
 * failure records the reason and backs off exponentially (interval × 2^failures, at most a
 * day). Items skipped for a reason other than being duplicates show as the last error without
 * counting as a failed poll.
 */
import type { Logger } from 'pino';
import type { LeaseRepo } from '../jobs/work-lease-repo.js';
import type { Clock } from '../shared/clock.js';
import type { createIngestPipeline } from './ingest-pipeline.js';
import type { SourceRepo, WireSource } from './source-repo.js';

export const POLLER_LEASE = 'wire-poller';
const MAX_BACKOFF_MS = 24 * 3_600_000;

export interface WirePollerDeps {
  sources: SourceRepo;
  leases: LeaseRepo;
  pipeline: ReturnType<typeof createIngestPipeline>;
  clock: Clock;
  log: Logger;
  /** This process's name on the lease. */
  holder: string;
  /** How long a lease holds without renewal (default 2 minutes). */
  leaseMs?: number;
  /** Sources polled per round (default 10). */
  batchSize?: number;
}

export interface PollReport {
  sourceId: string;
  ok: boolean;
  notModified: boolean;
  queued: number;
  skipped: { reason: string; message: string }[];
  reason?: string;
  message?: string;
}

export function backoffMs(intervalMinutes: number, failures: number): number {
  return Math.min(intervalMinutes * 60_000 * 2 ** Math.min(failures, 20), MAX_BACKOFF_MS);
}

export function createWirePoller(deps: WirePollerDeps) {
  const leaseMs = deps.leaseMs ?? 120_000;
  const batchSize = deps.batchSize ?? 10;
  const iso = (ms: number) => new Date(ms).toISOString();

  async function recordFailure(source: WireSource, reason: string, message: string): Promise<PollReport> {
    const now = deps.clock.now().getTime();
    const failures = source.health.consecutiveFailures + 1;
    await deps.sources.recordFailure(source.id, { at: iso(now), reason, message, nextPollAt: iso(now + backoffMs(source.intervalMinutes, failures)) });
    deps.log.warn({ sourceId: source.id, reason, failures }, 'wire poll failed');
    return { sourceId: source.id, ok: false, notModified: false, queued: 0, skipped: [], reason, message };
  }

  async function pollSource(source: WireSource): Promise<PollReport> {
    const started = deps.clock.now().getTime();
    let result: Awaited<ReturnType<WirePollerDeps['pipeline']['run']>>;
    try {
      result = await deps.pipeline.run(source);
    } catch (err) {
      // A bug or a database error: the queue step's transaction rolled back; the source backs off.
      deps.log.error({ err, sourceId: source.id }, 'wire poll failed unexpectedly');
      return recordFailure(source, 'internal', 'an unexpected error stopped the poll; see the server log');
    }
    if (!result.ok) return recordFailure(source, result.reason, result.message);
    const now = deps.clock.now().getTime();
    const { batch } = result;
    const problems = batch.skipped.filter((s) => s.reason !== 'duplicate');
    await deps.sources.recordSuccess(source.id, {
      at: iso(now),
      nextPollAt: iso(now + source.intervalMinutes * 60_000),
      ...(batch.notModified ? {} : { etag: batch.etag ?? null, lastModified: batch.lastModified ?? null }),
      queued: batch.queued.length,
      skipped: problems.length,
    });
    const last = problems.at(-1);
    if (last) await deps.sources.recordItemProblem(source.id, { at: iso(now), reason: last.reason, message: last.message });
    deps.log.info({ sourceId: source.id, queued: batch.queued.length, skipped: batch.skipped.length, notModified: batch.notModified, ms: now - started }, 'wire source polled');
    return { sourceId: source.id, ok: true, notModified: batch.notModified, queued: batch.queued.length, skipped: problems.map(({ reason, message }) => ({ reason, message })) };
  }

  return {
    pollSource,
    /** One round: take the lease, poll what is due. Returns how many sources were polled. */
    async pollDue(): Promise<number> {
      const now = deps.clock.now().getTime();
      if (!(await deps.leases.take(POLLER_LEASE, deps.holder, iso(now), iso(now + leaseMs)))) return 0;
      const due = await deps.sources.due(iso(now), batchSize);
      for (const source of due) await pollSource(source);
      return due.length;
    },
    /** Lets another process take over at once (at shutdown). */
    release: () => deps.leases.release(POLLER_LEASE, deps.holder),
  };
}

export type WirePoller = ReturnType<typeof createWirePoller>;
