import type { Logger } from 'pino';
import type { MediaStorage, StoredFile } from './media-storage.js';
import type { MediaRepo } from './media-repo.js';

/** Files younger than this may belong to an upload or background job still running. */
export const ORPHAN_MIN_AGE_MS = 60 * 60_000;
const BATCH = 500;
/** Our file names start with the media id (26 lowercase base-36 characters). */
const MEDIA_ID = /^([0-9a-z]{26})[-.]/;
/**
 * Folders in the media root that other owners keep: share cards (src/audience/share-cards) are
 * named by a story's id, which looks like a media id, and are swept by their own owner.
 */
const OTHER_OWNERS = ['cards/'];

/**
 * Removes media files no database row refers to: what a crash (`kill -9` in the middle of
 * an upload), a failed transaction or a lost background claim left behind. Only files
 * older than an hour, named like ours, are touched; anything else is left and logged.
 * Returns the keys removed.
 */
export async function sweepOrphanFiles(deps: { storage: MediaStorage; media: MediaRepo; now: () => number; log: Logger; minAgeMs?: number }): Promise<string[]> {
  const cutoff = deps.now() - (deps.minAgeMs ?? ORPHAN_MIN_AGE_MS);
  const removed: string[] = [];
  let batch: StoredFile[] = [];

  async function settle(files: StoredFile[]) {
    const ids = [...new Set(files.map((f) => MEDIA_ID.exec(basename(f.key))?.[1]).filter((id): id is string => !!id))];
    const referenced = await deps.media.referencedPaths(ids);
    for (const file of files) {
      if (referenced.has(file.key)) continue;
      const interrupted = file.key.endsWith('.tmp');
      if (!interrupted && !MEDIA_ID.test(basename(file.key))) {
        deps.log.warn({ key: file.key }, 'unknown file in the media folder left alone');
        continue;
      }
      await deps.storage.remove(file.key);
      removed.push(file.key);
    }
  }

  for await (const file of deps.storage.list()) {
    if (file.modifiedAt > cutoff || OTHER_OWNERS.some((prefix) => file.key.startsWith(prefix))) continue;
    batch.push(file);
    if (batch.length >= BATCH) {
      await settle(batch);
      batch = [];
    }
  }
  if (batch.length) await settle(batch);
  if (removed.length) deps.log.info({ files: removed.length }, 'orphaned media files removed');
  return removed;
}

function basename(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}
