import { createWorkQueue, type WorkPriority, type WorkQueue } from '../shared/work-queue.js';
import { ImageBusy } from './errors.js';

export type ImageWorkPriority = WorkPriority;

export interface ImageQueueOptions {
  /** Pictures decoded at once in this process. Each may take hundreds of MB; sharp already uses every core per image. */
  concurrency: number;
  /** Interactive work waiting beyond this is refused (503) rather than queued without bound. */
  maxWaiting: number;
}

/** One picture at a time per process (sharp already uses every core for it); eight uploads may wait. */
export const IMAGE_QUEUE_DEFAULTS: ImageQueueOptions = { concurrency: 1, maxWaiting: 8 };

/**
 * Bounds the image work of one process. Decoding a large picture takes hundreds of megabytes,
 * so memory is bounded by how many run at once, not by how many arrive. Interactive work (an
 * upload someone waits for) goes before background work (AVIF variants, demo pictures).
 */
export function createImageQueue(options: ImageQueueOptions): WorkQueue {
  return createWorkQueue({ ...options, busy: () => new ImageBusy() });
}

export type ImageQueue = WorkQueue;
