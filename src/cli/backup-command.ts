import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config/index.js';
import { BackupError, createBackup, restoreBackup } from '../ops/index.js';
import { CliError } from './cli-error.js';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const DB_NAME = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

/** `dateline backup FILE`: the database and every media file, while the site keeps serving. */
export async function backupCommand(config: Config, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new CliError('usage: dateline backup FILE', 2);
  const started = performance.now();
  try {
    const done = await createBackup({ database: config.database, dataDir: config.dataDir, file: resolve(positionals[0]!) });
    process.stdout.write(
      `Backed up the ${DB_NAME[done.database]} database (${mb(done.databaseBytes)}) and ${done.mediaFiles} media files (${mb(done.mediaBytes)}) to ${done.file} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    // Pictures in a bucket are not copied: the object store keeps them (versioning, replication).
    if (config.mediaStorage) process.stdout.write(`Media files are in s3://${config.mediaStorage.location.bucket}/${config.mediaStorage.location.prefix} and are not in this file; keep that bucket versioned or replicated.\n`);
    return 0;
  } catch (err) {
    if (err instanceof BackupError) throw new CliError(`backup: ${err.message}`);
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`backup: ${positionals[0]} already exists; choose a new file name`);
    throw err;
  }
}

/** `dateline restore FILE [--force]`: into an empty data folder and database, or replacing them with --force. */
export async function restoreCommand(config: Config, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new CliError('usage: dateline restore FILE [--force]', 2);
  try {
    const done = await restoreBackup({ database: config.database, dataDir: config.dataDir, file: resolve(positionals[0]!), force: values.force });
    process.stdout.write(`Restored the ${DB_NAME[done.database]} database and ${done.mediaFiles} media files from the backup of ${done.createdAt}.\n`);
    if (done.movedAside) process.stdout.write(`What was there before is in ${done.movedAside}.\n`);
    process.stdout.write('Start the site as usual; it applies any newer migrations first.\n');
    return 0;
  } catch (err) {
    if (err instanceof BackupError) throw new CliError(`restore: ${err.message}`);
    throw err;
  }
}
