import type { Logger } from 'pino';

/**
 * Runs a background step repeatedly without ever overlapping itself: after a
 * run that found work it goes again at once, otherwise it waits `idleMs`.
 * `nudge()` wakes it early (e.g. right after an upload). Timers are unref'd so
 * the worker never keeps a process alive on its own.
 */
export function createBackgroundWorker(step: () => Promise<number>, options: { idleMs: number; log: Logger; name: string; observe?: (job: string, seconds: number, ok: boolean) => void }) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let started = false;
  let stopped = false;

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  function tick() {
    if (running || stopped) return;
    running = (async () => {
      let didWork = 0;
      const started = performance.now();
      try {
        didWork = await step();
        options.observe?.(options.name, (performance.now() - started) / 1000, true);
      } catch (err) {
        options.observe?.(options.name, (performance.now() - started) / 1000, false);
        options.log.error({ err, worker: options.name }, 'background worker step failed');
      } finally {
        running = undefined;
        schedule(didWork > 0 ? 0 : options.idleMs);
      }
    })();
  }

  return {
    start: () => {
      started = true;
      schedule(0);
    },
    // Only a started worker is woken: before start (tests that drain by hand, a server still
    // making its demo pictures) a nudge must not set it running.
    nudge: () => {
      if (started) schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    /** Runs until a step finds no work; for tests and one-shot CLI commands. */
    async drain() {
      while ((await step()) > 0);
    },
  };
}
