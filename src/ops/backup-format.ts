import { createHash } from 'node:crypto';

/**
 * A Dateline backup is a tar file:
 *   manifest.json        first: format, version, database kind, applied migrations (read before anything else)
 *   database/dateline.db      SQLite, from the online backup API, or
 *   database/dateline.pgdump  PostgreSQL, `pg_dump --format=custom` of the site's schema
 *   media/…              every file under DATA_DIR/media (originals, variants, share cards)
 *   checksums.json       last: size and SHA-256 of every entry above, checked on restore
 * Checksums come last so the backup is written in one pass over the files.
 */
export const BACKUP_FORMAT = 'dateline-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const CHECKSUMS_ENTRY = 'checksums.json';
export const DATABASE_ENTRY = { sqlite: 'database/dateline.db', postgres: 'database/dateline.pgdump' } as const;
/** The manifest and checksums are small; a larger one is not ours. */
export const MAX_JSON_ENTRY_BYTES = 16 * 1024 * 1024;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  database: 'sqlite' | 'postgres';
  /** The PostgreSQL schema the dump restores into (absent for SQLite). */
  schema?: string;
  migrations: string[];
}

export interface EntrySum {
  size: number;
  sha256: string;
}

/** A backup or restore that could not be done; the message says why in one line. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

// Names are ours: a fixed database entry, or a plain relative path under media/ (no `..`, no
// absolute paths, no backslashes, nothing hidden), so a crafted backup cannot write elsewhere.
const MEDIA_NAME = /^media\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export function isSafeEntryName(name: string): boolean {
  return name === MANIFEST_ENTRY || name === CHECKSUMS_ENTRY || name === DATABASE_ENTRY.sqlite || name === DATABASE_ENTRY.postgres || (MEDIA_NAME.test(name) && !name.split('/').includes('..'));
}

export const sha256 = () => createHash('sha256');

/** A full disk or quota, from node (ENOSPC, EDQUOT) or from SQLite's backup (SQLITE_FULL): the place written to, not the backup, is at fault. */
export function outOfSpace(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

/**
 * Steps that also end when `failure` rejects. tar-stream's streams are streamx streams, which
 * node's pipeline() and async iteration only see fail or close while attached: a step on one
 * that the other side had given up on (a tar nobody writes any more after a full disk; an entry
 * the reader closed when the file was cut short) waited for ever, the process ran out of work
 * and ended with status 0, its staging folder left behind. `failure` resolving ends nothing.
 */
export function endingAtFailure(failure: Promise<unknown>): <T>(step: Promise<T>) => Promise<T> {
  const failed = failure.then(
    () => new Promise<never>(() => {}),
    (err: unknown) => Promise.reject(err),
  );
  failed.catch(() => {});
  return <T>(step: Promise<T>) => Promise.race([step, failed]);
}
