import type { MediaStorage } from './media-storage.js';

export interface MigrationReport {
  copied: number;
  /** Already in the target with the same size: a re-run after an interruption skips them. */
  skipped: number;
  bytes: number;
}

/** Interrupted writes of the old store (`….tmp`) are not part of the library. */
const TEMP_FILE = /\.[0-9a-f]{8}\.tmp$/;

/**
 * Copies every file of one store into another (`dateline media migrate --to s3://…`), a few at
 * a time, checking each copy's size. The source is left as it is: the operator switches
 * MEDIA_STORAGE once the copy is complete and removes the old folder when satisfied. Safe to
 * run again; files already copied are skipped, so an interrupted run resumes.
 */
export async function migrateMedia(from: MediaStorage, to: MediaStorage, options: { parallel?: number; onProgress?: (report: MigrationReport) => void } = {}): Promise<MigrationReport> {
  const report: MigrationReport = { copied: 0, skipped: 0, bytes: 0 };
  const running = new Set<Promise<void>>();
  let failure: unknown = null;

  async function copy(key: string): Promise<void> {
    const bytes = await from.get(key);
    if (!bytes) return; // removed while we ran (a deleted picture): nothing to move
    const there = await to.stream(key);
    if (there) {
      there.body.destroy();
      if (there.size === bytes.length) {
        report.skipped++;
        return;
      }
    }
    await to.put(key, bytes);
    const check = await to.stream(key);
    check?.body.destroy();
    if (check?.size !== bytes.length) throw new Error(`${key}: the copy in ${to.location} has ${check?.size ?? 'no'} bytes, not ${bytes.length}`);
    report.copied++;
    report.bytes += bytes.length;
    if ((report.copied + report.skipped) % 100 === 0) options.onProgress?.({ ...report });
  }

  // The target is asked first: a wrong bucket, endpoint or key is said before anything is copied,
  // and an empty library is not reported moved into a bucket nobody can reach.
  for await (const _ of to.list()) break;
  for await (const file of from.list()) {
    if (failure) break;
    if (TEMP_FILE.test(file.key)) continue;
    const job = copy(file.key).catch((err) => {
      failure ??= err;
    });
    running.add(job);
    void job.finally(() => running.delete(job));
    if (running.size >= (options.parallel ?? 8)) await Promise.race(running);
  }
  await Promise.all(running);
  if (failure) throw failure;
  return report;
}
