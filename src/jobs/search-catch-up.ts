import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clock } from '../shared/clock.js';
import type { LeaseRepo } from './work-lease-repo.js';

export const SEARCH_CATCH_UP_LEASE = 'search-catch-up';
/** How long the lease holds without renewal; it is renewed before every step (a look at 500 stories, a transaction). */
const LEASE_MS = 2 * 60_000;
/** After a whole run, the next is due this much later (stories a CLI wrote meanwhile). */
const RUN_EVERY_MS = 24 * 60 * 60_000;
/**
 * Stories a transaction indexes while the site serves. On SQLite indexing is synchronous (about
 * 2 ms a story on an archive), so this bounds how long a request waits behind it.
 */
const STORIES_PER_TRANSACTION = 20;

export interface SearchCatchUpDeps {
  /** The search module's catch-up; `beforeStep` throws to stop it. */
  catchUp: (options: { beforeStep: () => Promise<void>; storiesPerTransaction: number }) => Promise<number>;
  leases: LeaseRepo;
  /** This process's name on the lease. */
  holder: string;
  clock: Clock;
}

/**
 * The search index's catch-up (stories written without the indexer: an older database, a CLI
 * import, an archive loaded in bulk) as background work. A process used to run it before it
 * listened, so a site with a large backlog answered nothing for minutes; now it listens at once
 * and this runs soon after, then daily. It runs under a lease: of several processes one walks the
 * stories at a time, and a process that finds the lease taken looks again at its next tick (its own
 * walk then finds nothing left to do). A holder that dies stops renewing, so after two minutes
 * another process takes over where the index stands. Returns 0 always: the worker's idle
 * interval is the pace of these looks. `halt` ends a walk at its next step, for a process stopping.
 */
export function createSearchCatchUpJob(deps: SearchCatchUpDeps) {
  let dueAt = 0;
  let halted = false;
  const HALTED = new Error('search catch-up: the process is stopping');
  const iso = (ms: number) => new Date(ms).toISOString();
  async function takeLease(): Promise<boolean> {
    const now = deps.clock.now().getTime();
    return deps.leases.take(SEARCH_CATCH_UP_LEASE, deps.holder, iso(now), iso(now + LEASE_MS));
  }
  /**
   * Between steps: a turn of the event loop first, for the requests that came in (with SQLite
   * every await of the walk resolves at once, and without this the whole walk ran before any
   * request was read), then the lease renewed.
   */
  async function betweenSteps(): Promise<void> {
    await nextTurn();
    if (halted) throw HALTED;
    if (!(await takeLease())) throw new Error('search catch-up: the lease went to another process');
  }
  async function step(): Promise<number> {
    const started = deps.clock.now().getTime();
    if (halted || started < dueAt || !(await takeLease())) return 0;
    try {
      await deps.catchUp({ beforeStep: betweenSteps, storiesPerTransaction: STORIES_PER_TRANSACTION });
      dueAt = started + RUN_EVERY_MS;
    } catch (err) {
      // Stopping mid-walk is no failure: what is indexed stays, the next start walks on.
      if (err !== HALTED) throw err;
    } finally {
      await deps.leases.release(SEARCH_CATCH_UP_LEASE, deps.holder);
    }
    return 0;
  }
  return {
    step,
    /** Ends a walk in progress at its next step (a process stopping must not wait for a whole archive). */
    halt() {
      halted = true;
    },
  };
}
