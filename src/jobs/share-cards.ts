import type { Clock } from '../shared/clock.js';

/** Stories looked at per step; the worker comes straight back while there were this many. */
const BATCH = 4;
/** Even with nothing published, look again this often: lapsed leases and retries after a failure. */
const RESCAN_MS = 10 * 60_000;

/**
 * Keeps share cards current. Every public change bumps the content generation (publish,
 * Update, a renamed section, a new focal point, the site name), so the step looks for stale
 * cards only when it moved — one cheap read per tick otherwise — and whatever changed them
 * (the desk, the scheduler, a CLI import on another process) is noticed the same way.
 */
export function createShareCardJob(deps: { cards: { processPending(limit: number): Promise<number> }; generation: () => Promise<number>; clock: Clock }) {
  let seen = -1;
  let more = false;
  let scannedAt = -Infinity;
  return async function makeShareCards(): Promise<number> {
    const generation = await deps.generation();
    const now = deps.clock.now().getTime();
    if (generation === seen && !more && now - scannedAt < RESCAN_MS) return 0;
    // Read before the work: a change made while cards are drawn is looked at next tick.
    seen = generation;
    scannedAt = now;
    const looked = await deps.cards.processPending(BATCH);
    more = looked >= BATCH;
    return looked;
  };
}
