import type { Logger } from 'pino';

export interface MaintenanceDeps {
  log: Logger;
  /** Named clean-up tasks; each returns how many things it removed. */
  tasks: Record<string, () => Promise<number>>;
}

/**
 * Daily housekeeping, also run once at start: media files no row refers to (left by a
 * crash mid-upload), ended sign-in windows, expired sessions. A failing task is logged
 * and does not stop the others.
 */
export function createMaintenanceJob({ log, tasks }: MaintenanceDeps) {
  return async function maintenance(): Promise<number> {
    for (const [name, task] of Object.entries(tasks)) {
      const started = Date.now();
      try {
        const removed = await task();
        log.debug({ task: name, removed, ms: Date.now() - started }, 'maintenance task done');
      } catch (err) {
        log.warn({ task: name, err }, 'maintenance task failed');
      }
    }
    // Zero: wait a whole interval before the next run.
    return 0;
  };
}

export const MAINTENANCE_INTERVAL_MS = 24 * 60 * 60_000;
