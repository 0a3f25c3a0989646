/**
 * Runs a task at most once per `intervalMs` however often it is asked for, and never skips the
 * last request: a request while the task is waiting joins that run; a request while it runs
 * gets a run of its own after it. Each request's promise settles with the first run that
 * started after the request, so a caller that awaits it knows its change was covered.
 *
 * Made for the content generation: background work (picture sizes, share cards, demo pictures)
 * reports a change after each small batch, and every report retires every cached page in every
 * process. Coalesced, a busy backlog costs readers at most one rebuild a second, not several.
 */
export interface CoalescedTask {
  /** Asks for a run; settles after a run that started after this call. */
  request(): Promise<void>;
  /** Starts a waiting run now (no interval) and settles when nothing is waiting or running. */
  flush(): Promise<void>;
}

interface Waiting {
  promise: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

export function coalescedTask(run: () => Promise<void>, { intervalMs }: { intervalMs: number }): CoalescedTask {
  let lastStart = -Infinity;
  let running: Promise<void> | null = null;
  let waiting: Waiting | null = null;
  let timer: NodeJS.Timeout | null = null;

  function start(): void {
    timer = null;
    const current = waiting;
    if (!current || running) return;
    waiting = null;
    lastStart = Date.now();
    running = (async () => {
      try {
        await run();
        current.resolve();
      } catch (err) {
        current.reject(err);
      }
    })().finally(() => {
      running = null;
      if (waiting) schedule();
    });
  }

  function schedule(): void {
    if (running || timer) return;
    const wait = lastStart + intervalMs - Date.now();
    if (wait <= 0) return start();
    // Not unref'd: a caller awaiting the run is waiting on it, and the wait is short.
    timer = setTimeout(start, wait);
  }

  return {
    request() {
      if (waiting) return waiting.promise;
      let resolve!: () => void;
      let reject!: (err: unknown) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      waiting = { promise, resolve, reject };
      schedule(); // may start the run now, which takes `waiting`
      return promise;
    },

    async flush() {
      while (running || waiting) {
        if (timer) {
          clearTimeout(timer);
          start();
        }
        await (running ?? waiting?.promise)?.catch(() => {});
      }
    },
  };
}
