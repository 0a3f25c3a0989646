export type WorkPriority = 'interactive' | 'background';

export interface WorkQueueOptions {
  /** Pieces of work run at once. */
  concurrency: number;
  /** Interactive work waiting beyond this is refused with `busy()` rather than queued without bound. */
  maxWaiting: number;
  /** The error a refused piece of work is rejected with (a 503 with Retry-After, as a rule). */
  busy: () => Error;
}

/**
 * Bounds work whose cost is memory or another server's time (decoding pictures, reader
 * searches), so it is bounded by how much runs at once, not by how much arrives. Interactive
 * work (someone waits for it) goes before background work, and is refused at once when too much
 * of it waits; background work is never refused, only delayed.
 */
export function createWorkQueue(options: WorkQueueOptions) {
  const waiting: { priority: WorkPriority; start: () => void }[] = [];
  let running = 0;

  function next() {
    if (running >= options.concurrency) return;
    const index = waiting.findIndex((w) => w.priority === 'interactive');
    const [job] = waiting.splice(index === -1 ? 0 : index, 1);
    if (!job) return;
    running++;
    job.start();
  }

  return {
    /** Runs `work` when a slot is free. Rejects with `busy()` at once when too much interactive work waits. */
    run<T>(work: () => Promise<T>, priority: WorkPriority = 'interactive'): Promise<T> {
      if (priority === 'interactive' && waiting.filter((w) => w.priority === 'interactive').length >= options.maxWaiting) {
        return Promise.reject(options.busy());
      }
      return new Promise<T>((resolve, reject) => {
        waiting.push({
          priority,
          start: () => {
            work()
              .then(resolve, reject)
              .finally(() => {
                running--;
                next();
              });
          },
        });
        next();
      });
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}

export type WorkQueue = ReturnType<typeof createWorkQueue>;
