import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/index.js';
import { storageUnder, type MediaStorage } from '../../media/index.js';
import type { Clock } from '../../shared/clock.js';
import { CARDS_FOLDER } from './card-inputs.js';
import { createCardRenderer } from './card-renderer.js';
import { createShareCardRepo } from './share-card-repo.js';
import { createShareCardService } from './share-card-service.js';
import { sweepOrphanCards } from './share-card-sweep.js';

export interface ShareCardDeps {
  db: Kysely<Database>;
  /** The media store: hero masters are read from it, cards written to its `cards/` folder (served under /media/). */
  media: MediaStorage;
  clock: Clock;
  log: Logger;
  siteName: () => Promise<string>;
  onCardsMade: () => Promise<void>;
}

/**
 * Share cards and the site's drawn images: the renderer (fonts from npm), the service that
 * keeps every published story's card current, and its clean-up. The background job that
 * runs `processPending` is listed with the others in src/jobs.
 */
export function createShareCardModule({ db, media, clock, log, siteName, onCardsMade }: ShareCardDeps) {
  const renderer = createCardRenderer();
  const repo = createShareCardRepo(db);
  const storage = storageUnder(media, `${CARDS_FOLDER}/`);
  const service = createShareCardService({ repo, cards: storage, media, renderer, clock, log: log.child({ component: 'share-cards' }), siteName, onCardsMade });
  return {
    renderer,
    service,
    /** Maintenance: card files no row refers to, older than an hour. */
    sweepOrphans: () => sweepOrphanCards({ storage, repo, now: () => clock.now().getTime(), log }),
  };
}

export type ShareCardModule = ReturnType<typeof createShareCardModule>;
