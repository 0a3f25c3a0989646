import { parseArgs } from 'node:util';
import type { Config } from '../config/index.js';
import { createS3MediaStorage, migrateMedia, openMediaStorage, parseS3Location } from '../media/index.js';
import { DatelineError } from '../shared/errors.js';
import { CliError } from './cli-error.js';

const USAGE = 'usage: dateline media migrate --to s3://bucket/prefix';

/**
 * `dateline media migrate --to s3://bucket/prefix`: copies the whole media library from where it is
 * now (DATA_DIR/media, or the bucket of MEDIA_STORAGE) into the bucket, with the connection from
 * the same variables the site reads (AWS_ENDPOINT_URL_S3, AWS_REGION, AWS_ACCESS_KEY_ID, …).
 */
export async function mediaCommand(config: Config, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'migrate') throw new CliError(USAGE, 2);
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { to: { type: 'string' } } });
  if (positionals.length || !values.to) throw new CliError(USAGE, 2);
  const location = parseS3Location(values.to);
  if (!location) throw new CliError(`media migrate: --to ${JSON.stringify(values.to)} is not s3://bucket/prefix (${USAGE})`, 2);
  const from = openMediaStorage(config);
  const to = createS3MediaStorage(location, config.s3Connection);
  if (from.location === to.location) throw new CliError(`media migrate: the library is already in ${to.location}`, 2);
  const started = performance.now();
  try {
    const done = await migrateMedia(from, to, { onProgress: (r) => process.stderr.write(`… ${r.copied} copied, ${r.skipped} already there\n`) });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(`Copied ${done.copied} media files (${(done.bytes / 1_048_576).toFixed(1)} MB) from ${from.location} to ${to.location} in ${seconds} s; ${done.skipped} were there already.\n`);
    process.stdout.write(`Next: set MEDIA_STORAGE=${values.to} (and MEDIA_PUBLIC_URL if a CDN serves the bucket), restart, check the pictures, then remove ${from.location} yourself.\n`);
    return 0;
  } catch (err) {
    const reason = err instanceof DatelineError ? err.message : (err as Error).message;
    throw new CliError(`media migrate: ${reason}. Nothing was removed from ${from.location}; run the command again to resume.`);
  }
}
