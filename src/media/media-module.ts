import { availableParallelism } from 'node:os';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { createImageQueue, IMAGE_QUEUE_DEFAULTS } from './image-queue.js';
import { useAllCoresForImages } from './image-variants.js';
import { createMediaAdminRepo } from './media-admin-repo.js';
import { createMediaRepo } from './media-repo.js';
import { createMediaService } from './media-service.js';
import type { MediaStorage } from './media-storage.js';
import { sweepOrphanFiles } from './orphan-sweep.js';
import { createBackgroundWorker } from './variant-worker.js';

export interface MediaDeps {
  db: Kysely<Database>;
  /** Where the files live: DATA_DIR/media or a bucket (openMediaStorage). */
  storage: MediaStorage;
  clock: Clock;
  newId: IdGenerator;
  log: Logger;
  /** After background variants land, so page caches follow. */
  onVariantsReady: () => Promise<void>;
  /** Told how long each step of the variant worker took (Prometheus metrics). */
  observeJob?: (job: string, seconds: number, ok: boolean) => void;
}

/** Pictures: the store, the service, the library's queries and the background variant worker. */
export function createMediaModule({ db, storage, clock, newId, log, onVariantsReady, observeJob }: MediaDeps) {
  useAllCoresForImages(availableParallelism());
  const media = createMediaService({ db, storage, clock, newId, log, queue: createImageQueue(IMAGE_QUEUE_DEFAULTS), onVariantsReady });
  const repo = createMediaRepo(db);
  return {
    media,
    storage,
    library: createMediaAdminRepo(db),
    variantWorker: createBackgroundWorker(() => media.processPending(2), { idleMs: 5000, log, name: 'media-variants', observe: observeJob }),
    /** Maintenance: files no row refers to, older than an hour. */
    sweepOrphans: async () => (await sweepOrphanFiles({ storage, media: repo, now: () => clock.now().getTime(), log })).length,
  };
}

export type MediaModule = ReturnType<typeof createMediaModule>;
