import { ImageBusy } from './errors.js';

export type ImageWorkPriority = 'interactive' | 'background';

export interface ImageQueueOptions {
  /** Pictures decoded at once in this process. Each may take hundreds of MB; sharp already uses every core per image. */
  concurrency: number;
  /** Interactive work waiting beyond this is refused (503) rather than queued without bound. */
  maxWaiting: number;
}

/** One picture at a time per process (sharp already uses every core for it); eight uploads may wait. */
export const IMAGE_QUEUE_DEFAULTS: ImageQueueOptions = { concurrency: 1, maxWaiting: 8 };

/**
 * Bounds the image work of one process. Decoding a large picture takes hundreds of
 * megabytes, so memory is bounded by how many run at once, not by how many arrive.
 * Interactive work (an upload someone waits for) goes before background work (AVIF
 * variants, demo pictures); background work is never refused, only delayed.
 */
export function createImageQueue(options: ImageQueueOptions) {
  const waiting: { priority: ImageWorkPriority; start: () => void }[] = [];
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
    /** Runs `work` when a slot is free. Throws ImageBusy at once when too much interactive work waits. */
    run<T>(work: () => Promise<T>, priority: ImageWorkPriority = 'interactive'): Promise<T> {
      if (priority === 'interactive' && waiting.filter((w) => w.priority === 'interactive').length >= options.maxWaiting) {
        return Promise.reject(new ImageBusy());
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

export type ImageQueue = ReturnType<typeof createImageQueue>;
