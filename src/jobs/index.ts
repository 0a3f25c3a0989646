import type { Logger } from 'pino';
import type { ArticleService } from '../content/index.js';
import { createBackgroundWorker } from '../media/index.js';
import { createMaintenanceJob, MAINTENANCE_INTERVAL_MS } from './maintenance.js';
import { createPublishScheduledJob } from './publish-scheduled.js';
import { createShareCardJob } from './share-cards.js';

export { createMaintenanceJob, MAINTENANCE_INTERVAL_MS } from './maintenance.js';
export { createPublishScheduledJob } from './publish-scheduled.js';
export { createShareCardJob } from './share-cards.js';

/** How often the wire poller looks for sources that are due (each source has its own interval). */
export const WIRE_POLL_INTERVAL_MS = 15_000;

export interface JobsDeps {
  log: Logger;
  articles: ArticleService;
  /** After the scheduler published something (already counted in the content generation). */
  /** After scheduled stories were published (their ids). */
  afterPublish: (ids: string[]) => Promise<void>;
  /** Daily housekeeping, by name; each returns how many things it removed. */
  maintenanceTasks: Record<string, () => Promise<number>>;
  schedulerIntervalMs?: number;
  /** Share cards: what draws them, the content generation that says when to look, the clock. */
  shareCards: Parameters<typeof createShareCardJob>[0];
  /** Polls the wire sources that are due (src/ingest); returns how many it polled. */
  pollWire: () => Promise<number>;
  /** Told how long each step of each job took (Prometheus metrics). */
  observeJob?: (job: string, seconds: number, ok: boolean) => void;
}

/**
 * What runs in the background, in one place, with its interval: the publishing scheduler
 * (every 5 s), share cards (a look at the content generation every 5 s, cards drawn when it
 * moved), the wire poller (every 15 s it polls the sources that are due, in the one process
 * holding its lease) and the daily maintenance (also at start). Media variants have their own worker in
 * the media module, woken by uploads.
 */
export function createJobs({ log, articles, afterPublish, maintenanceTasks, schedulerIntervalMs = 5000, shareCards: shareCardDeps, pollWire, observeJob: observe }: JobsDeps) {
  // publishDue bumps the content generation itself, in the transaction that publishes.
  const scheduler = createBackgroundWorker(createPublishScheduledJob({ articles, log, afterPublish }), { idleMs: schedulerIntervalMs, log, name: 'scheduler', observe });
  const maintenance = createBackgroundWorker(createMaintenanceJob({ log, tasks: maintenanceTasks }), { idleMs: MAINTENANCE_INTERVAL_MS, log, name: 'maintenance', observe });
  const shareCards = createBackgroundWorker(createShareCardJob(shareCardDeps), { idleMs: 5000, log, name: 'share-cards', observe });
  const wirePoller = createBackgroundWorker(pollWire, { idleMs: WIRE_POLL_INTERVAL_MS, log, name: 'wire-poller', observe });
  return {
    scheduler,
    maintenance,
    shareCards,
    wirePoller,
    start() {
      scheduler.start();
      maintenance.start();
      shareCards.start();
      wirePoller.start();
    },
    async stop() {
      await scheduler.stop();
      await maintenance.stop();
      await shareCards.stop();
      await wirePoller.stop();
    },
  };
}
