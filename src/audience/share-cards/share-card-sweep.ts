import type { Logger } from 'pino';
import { ORPHAN_MIN_AGE_MS, type MediaStorage, type StoredFile } from '../../media/index.js';
import type { ShareCardRepo } from './share-card-repo.js';

const BATCH = 500;
/** Card files start with the story's id (26 lowercase base-36 characters). */
const ARTICLE_ID = /^([0-9a-z]{26})-/;

/**
 * Removes card files no row refers to: cards of deleted stories (the row goes with the story),
 * and files a crash or a lost claim left behind. The media sweep leaves `cards/` to this one.
 * Only files older than an hour are touched, so a card being drawn right now is safe.
 * Returns how many files it removed.
 */
export async function sweepOrphanCards(deps: { storage: MediaStorage; repo: ShareCardRepo; now: () => number; log: Logger; minAgeMs?: number }): Promise<number> {
  const cutoff = deps.now() - (deps.minAgeMs ?? ORPHAN_MIN_AGE_MS);
  let removed = 0;
  let batch: StoredFile[] = [];

  async function settle(files: StoredFile[]) {
    const ids = [...new Set(files.map((f) => ARTICLE_ID.exec(basename(f.key))?.[1]).filter((id): id is string => !!id))];
    const referenced = await deps.repo.referencedPaths(ids);
    for (const file of files) {
      if (referenced.has(file.key)) continue;
      if (!file.key.endsWith('.tmp') && !ARTICLE_ID.test(basename(file.key))) {
        deps.log.warn({ key: file.key }, 'unknown file in the share card folder left alone');
        continue;
      }
      await deps.storage.remove(file.key);
      removed++;
    }
  }

  for await (const file of deps.storage.list()) {
    if (file.modifiedAt > cutoff) continue;
    batch.push(file);
    if (batch.length >= BATCH) {
      await settle(batch);
      batch = [];
    }
  }
  if (batch.length) await settle(batch);
  if (removed) deps.log.info({ files: removed }, 'orphaned share cards removed');
  return removed;
}

function basename(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}
