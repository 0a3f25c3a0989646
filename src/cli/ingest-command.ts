import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { Config } from '../config/index.js';
import { createDatabase } from '../db/index.js';
import { createArticleService, createDirectoryService } from '../content/index.js';
import { configuredSettings, createSettingsService } from '../admin/index.js';
import { createMediaService, openMediaStorage } from '../media/index.js';
import { createMediaFetcher, createWireImporter, ingestFile, type ItemResult } from '../ingest/index.js';
import { articlePath } from '../site/index.js';
import { systemClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { CliError } from './cli-error.js';

/**
 * `dateline ingest FILE… [--publish] [--json]`: each file holds one ninjs item, or
 * an array of them (reported as `file#index`); each item is one transaction. A bad
 * item is reported (file and field) and leaves nothing behind; the others still
 * import, even after an unexpected error. Exit code 1 when any item failed.
 */
export async function ingestCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { publish: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  if (positionals.length === 0) throw new CliError('ingest: give at least one ninjs JSON file', 2);
  // Diagnostics (an unexpected error's stack) go to stderr; stdout carries only the results.
  const log = pino({ level: values.json ? 'silent' : 'warn' }, pino.destination(2));
  const database = createDatabase(config.database);
  const newId = createIdGenerator();
  let failures = 0;
  try {
    await database.migrate();
    // The desk's setting wins over the environment's default, as it does for the running site.
    const { defaultSection } = await createSettingsService(database.db, configuredSettings(config.site)).get();
    const articles = createArticleService({ db: database.db, clock: systemClock, newId });
    const directory = createDirectoryService({ db: database.db, clock: systemClock, newId });
    const media = createMediaService({ db: database.db, storage: openMediaStorage(config), clock: systemClock, newId, log });
    for (const arg of positionals) {
      const file = resolve(arg);
      const importer = createWireImporter({
        db: database.db,
        media,
        // Pictures may come from the item's own folder or the working directory, never from elsewhere on disk.
        fetcher: createMediaFetcher({ allowFileDirs: [dirname(file), process.cwd()], allowHosts: [...config.fetchAllowHosts] }),
        articles,
        directory,
        clock: systemClock,
        log,
        defaultSection,
      });
      for (const result of await ingestFile(file, arg, { importer, publish: values.publish, log })) {
        if (!result.ok) failures++;
        report(result, values.json, config.site.url);
      }
    }
  } finally {
    await database.close();
  }
  return failures ? 1 : 0;
}

function report(result: ItemResult, json: boolean, siteUrl: string): void {
  if (!result.ok) {
    if (json) process.stdout.write(JSON.stringify({ file: result.label, ok: false, error: { code: result.code, field: result.field, message: result.message } }) + '\n');
    const field = result.field === '$' ? '' : `field "${result.field}": `;
    process.stderr.write(`dateline ingest: ${result.label}: ${field}${result.message}; nothing was written\n`);
    return;
  }
  const url = siteUrl + articlePath(result.sectionSlug, result.slug);
  if (json) {
    const { label, id, status, slug, updated, embargoedUntil, pubStatus, killed } = result;
    process.stdout.write(JSON.stringify({ file: label, ok: true, id, status, url, slug, updated, embargoedUntil, pubStatus, killed }) + '\n');
  } else {
    process.stdout.write(`${summary(result)}: ${url}\n`);
  }
}

function summary(result: Extract<ItemResult, { ok: true }>): string {
  const by = `${result.pubStatus === 'canceled' ? 'cancelled' : result.pubStatus} by the agency`;
  if (result.killed) return `Killed ${result.label} → ${result.status} (${by})`;
  if (result.pubStatus !== 'usable') return `Kept ${result.label} → ${result.status} (${by}, so not published)`;
  const note = result.embargoedUntil ? ` (embargoed until ${result.embargoedUntil})` : '';
  return `${result.updated ? 'Updated' : 'Imported'} ${result.label} → ${result.status}${note}`;
}
