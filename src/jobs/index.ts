import type { Logger } from 'pino';
import type { ArticleService } from '../content/index.js';
import { createBackgroundWorker } from '../media/index.js';
import { createMaintenanceJob, MAINTENANCE_INTERVAL_MS } from './maintenance.js';
import { createPublishScheduledJob } from './publish-scheduled.js';

export { createMaintenanceJob, MAINTENANCE_INTERVAL_MS } from './maintenance.js';
export { createPublishScheduledJob } from './publish-scheduled.js';

export interface JobsDeps {
  log: Logger;
  articles: ArticleService;
  /** After the scheduler published something (already counted in the content generation). */
  afterPublish: () => Promise<void>;
  /** Daily housekeeping, by name; each returns how many things it removed. */
  maintenanceTasks: Record<string, () => Promise<number>>;
  schedulerIntervalMs?: number;
}

/**
 * What runs in the background, in one place, with its interval: the publishing scheduler
 * (every 5 s) and the daily maintenance (also at start). Media variants have their own
 * worker in the media module, woken by uploads.
 */
export function createJobs({ log, articles, afterPublish, maintenanceTasks, schedulerIntervalMs = 5000 }: JobsDeps) {
  // publishDue bumps the content generation itself, in the transaction that publishes.
  const scheduler = createBackgroundWorker(createPublishScheduledJob({ articles, log, afterPublish }), { idleMs: schedulerIntervalMs, log, name: 'scheduler' });
  const maintenance = createBackgroundWorker(createMaintenanceJob({ log, tasks: maintenanceTasks }), { idleMs: MAINTENANCE_INTERVAL_MS, log, name: 'maintenance' });
  return {
    scheduler,
    maintenance,
    start() {
      scheduler.start();
      maintenance.start();
    },
    async stop() {
      await scheduler.stop();
      await maintenance.stop();
    },
  };
}
