import type { Logger } from 'pino';
import type { ArticleService } from '../content/index.js';
import { createBackgroundWorker } from '../media/index.js';
import { createMaintenanceJob, MAINTENANCE_INTERVAL_MS } from './maintenance.js';
import { createPublishScheduledJob } from './publish-scheduled.js';
import { createSearchCatchUpJob, type SearchCatchUpDeps } from './search-catch-up.js';
import { createShareCardJob } from './share-cards.js';

export { createMaintenanceJob, MAINTENANCE_INTERVAL_MS } from './maintenance.js';
export { createPublishScheduledJob } from './publish-scheduled.js';
export { createShareCardJob } from './share-cards.js';
export { createLeaseRepo } from './work-lease-repo.js';

/** How often the wire poller looks for sources that are due (each source has its own interval). */
export const WIRE_POLL_INTERVAL_MS = 15_000;
/** How often a process looks whether the search index's catch-up is due, or free to take. */
export const SEARCH_CATCH_UP_LOOK_MS = 5000;

export interface JobsDeps {
  log: Logger;
  articles: ArticleService;
  /** After the scheduler published something (already counted in the content generation). */
  /** After scheduled stories were published (their ids). */
  afterPublish: (ids: string[]) => Promise<void>;
  /** Daily housekeeping, by name; each returns how many things it removed (or built: deferred indexes). */
  maintenanceTasks: Record<string, () => Promise<number>>;
  schedulerIntervalMs?: number;
  /** Share cards: what draws them, the content generation that says when to look, the clock. */
  shareCards: Parameters<typeof createShareCardJob>[0];
  /** Polls the wire sources that are due (src/ingest); returns how many it polled. */
  pollWire: () => Promise<number>;
  /** The search index's catch-up, its lease and this process's name on it. */
  searchCatchUp: SearchCatchUpDeps;
  /** Told how long each step of each job took (Prometheus metrics). */
  observeJob?: (job: string, seconds: number, ok: boolean) => void;
}

/**
 * What runs in the background, in one place, with its interval: the publishing scheduler
 * (every 5 s), share cards (a look at the content generation every 5 s, cards drawn when it
 * moved), the wire poller (every 15 s it polls the sources that are due, in the one process
 * holding its lease), the search index's catch-up (soon after start, then daily, in one process at a
 * time) and the daily maintenance (also at start). Media variants have their own worker in
 * the media module, woken by uploads.
 */
export function createJobs({ log, articles, afterPublish, maintenanceTasks, schedulerIntervalMs = 5000, shareCards: shareCardDeps, pollWire, searchCatchUp, observeJob: observe }: JobsDeps) {
  // publishDue bumps the content generation itself, in the transaction that publishes.
  const scheduler = createBackgroundWorker(createPublishScheduledJob({ articles, log, afterPublish }), { idleMs: schedulerIntervalMs, log, name: 'scheduler', observe });
  const maintenance = createBackgroundWorker(createMaintenanceJob({ log, tasks: maintenanceTasks }), { idleMs: MAINTENANCE_INTERVAL_MS, log, name: 'maintenance', observe });
  const shareCards = createBackgroundWorker(createShareCardJob(shareCardDeps), { idleMs: 5000, log, name: 'share-cards', observe });
  const wirePoller = createBackgroundWorker(pollWire, { idleMs: WIRE_POLL_INTERVAL_MS, log, name: 'wire-poller', observe });
  const searchCatchUpJob = createSearchCatchUpJob(searchCatchUp);
  const searchIndex = createBackgroundWorker(searchCatchUpJob.step, { idleMs: SEARCH_CATCH_UP_LOOK_MS, log, name: 'search-catch-up', observe });
  return {
    scheduler,
    maintenance,
    shareCards,
    wirePoller,
    searchIndex,
    start() {
      scheduler.start();
      maintenance.start();
      shareCards.start();
      wirePoller.start();
      searchIndex.start();
    },
    async stop() {
      // A catch-up walking an archive ends at its next step rather than when the walk is done.
      searchCatchUpJob.halt();
      await scheduler.stop();
      await maintenance.stop();
      await shareCards.stop();
      await wirePoller.stop();
      await searchIndex.stop();
    },
  };
}
