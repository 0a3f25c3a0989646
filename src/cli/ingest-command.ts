import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { Config } from '../config/index.js';
import { createDatabase } from '../db/index.js';
import { createLocalMediaStorage, createMediaService } from '../media/index.js';
import { createMediaFetcher, createWireImporter, parseNinjs } from '../ingest/index.js';
import { articlePath } from '../site/index.js';
import { systemClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { CliError } from './cli-error.js';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

type FileResult =
  | { file: string; ok: true; id: string; status: string; url: string; slug: string; updated: boolean; embargoedUntil: string | null }
  | { file: string; ok: false; field: string; error: string };

async function readItem(file: string): Promise<unknown | FileResult> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return { file, ok: false, field: '$', error: 'file not found or not readable' };
  }
  if (size > MAX_FILE_BYTES) return { file, ok: false, field: '$', error: `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    return { file, ok: false, field: '$', error: `malformed JSON: ${(err as Error).message}` };
  }
}

function isFileResult(value: unknown): value is FileResult {
  return !!value && typeof value === 'object' && 'file' in value && 'ok' in value && (value as { ok: unknown }).ok === false;
}

/**
 * `dateline ingest FILE… [--publish] [--json]`: each file is one ninjs item and one
 * transaction. A bad file is reported (file and field) and leaves nothing behind;
 * the others still import. Exit code 1 when any file failed.
 */
export async function ingestCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { publish: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  if (positionals.length === 0) throw new CliError('ingest: give at least one ninjs JSON file', 2);
  const log = pino({ level: values.json ? 'silent' : 'warn' });
  const database = createDatabase(config.database);
  const newId = createIdGenerator();
  let failures = 0;
  try {
    await database.migrate();
    const media = createMediaService({ db: database.db, storage: createLocalMediaStorage(resolve(config.dataDir, 'media')), clock: systemClock, newId, log });
    for (const arg of positionals) {
      const file = resolve(arg);
      const importer = createWireImporter({
        db: database.db,
        media,
        // Pictures may come from the item's own folder or the working directory, never from elsewhere on disk.
        fetcher: createMediaFetcher({ allowFileDirs: [dirname(file), process.cwd()], allowHosts: [...config.fetchAllowHosts] }),
        clock: systemClock,
        newId,
        log,
        defaultSection: config.site.defaultSection,
      });
      const result = await importFile(arg, file, importer, values.publish, config.site.url);
      if (!result.ok) failures++;
      report(result, values.json);
    }
  } finally {
    await database.close();
  }
  return failures ? 1 : 0;
}

async function importFile(arg: string, file: string, importer: ReturnType<typeof createWireImporter>, publish: boolean, siteUrl: string): Promise<FileResult> {
  const item = await readItem(file);
  if (isFileResult(item)) return { ...item, file: arg };
  const parsed = parseNinjs(item);
  if (!parsed.ok) return { file: arg, ok: false, field: parsed.field, error: parsed.message };
  const outcome = await importer.importStory(parsed.item, { publish });
  if (!outcome.ok) return { file: arg, ok: false, field: outcome.field, error: outcome.message };
  return {
    file: arg,
    ok: true,
    id: outcome.id,
    status: outcome.status,
    slug: outcome.slug,
    url: siteUrl + articlePath(outcome.sectionSlug, outcome.slug),
    updated: outcome.updated,
    embargoedUntil: outcome.embargoedUntil,
  };
}

function report(result: FileResult, json: boolean): void {
  if (json) {
    const line = result.ok ? result : { file: result.file, ok: false, error: { code: 'INGEST_FAILED', field: result.field, message: result.error } };
    process.stdout.write(JSON.stringify(line) + '\n');
  }
  if (!result.ok) {
    process.stderr.write(`dateline ingest: ${result.file}: ${result.field === '$' ? '' : `field "${result.field}": `}${result.error}; nothing was written\n`);
  } else if (!json) {
    const note = result.embargoedUntil ? ` (embargoed until ${result.embargoedUntil})` : '';
    process.stdout.write(`${result.updated ? 'Updated' : 'Imported'} ${result.file} → ${result.status}${note}: ${result.url}\n`);
  }
}
