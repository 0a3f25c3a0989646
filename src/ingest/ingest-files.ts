/**
 * Imports the items of one ninjs file, each on its own: the step between the
 * `dateline ingest` command (which reports) and the wire importer (which stores).
 *
 * A file holds one item (a JSON object) or several (a JSON array, as in IPTC's
 * example collections); each item of an array is labelled `file#index`. Every
 * item is parsed and imported in its own transaction, so one bad item is refused
 * alone. An unexpected error (a bug, a database that refuses a value) is caught
 * here too and reported for that item only: the importer has rolled its
 * transaction back and removed its picture files, and the next items still run.
 *
 * @example
 *   for (const result of await ingestFile(path, arg, { importer, publish: false, log })) report(result);
 */
import { readFile, stat } from 'node:fs/promises';
import type { Logger } from 'pino';
import { parseNinjs } from './ninjs.js';
import type { Imported, WireImporter } from './wire-importer.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Items per file: an array is a convenience for packages, not a bulk channel. */
export const MAX_ITEMS_PER_FILE = 1_000;

export type ItemResult =
  | ({ label: string } & Imported)
  | { label: string; ok: false; code: 'INGEST_FAILED' | 'INTERNAL'; field: string; message: string };

type Read = { ok: true; items: unknown[]; isPackage: boolean } | { ok: false; field: string; message: string };

export interface IngestFileOptions {
  importer: Pick<WireImporter, 'importStory'>;
  publish: boolean;
  log: Logger;
}

export async function readIngestFile(path: string): Promise<Read> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return { ok: false, field: '$', message: 'file not found or not readable' };
  }
  if (size > MAX_FILE_BYTES) return { ok: false, field: '$', message: `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    return { ok: false, field: '$', message: `malformed JSON: ${(err as Error).message}` };
  }
  if (!Array.isArray(json)) return { ok: true, items: [json], isPackage: false };
  if (json.length === 0) return { ok: false, field: '$', message: 'the file holds an empty array: no items to import' };
  if (json.length > MAX_ITEMS_PER_FILE) return { ok: false, field: '$', message: `the file holds more than ${MAX_ITEMS_PER_FILE} items` };
  return { ok: true, items: json, isPackage: true };
}

export async function ingestFile(path: string, label: string, options: IngestFileOptions): Promise<ItemResult[]> {
  const read = await readIngestFile(path);
  if (!read.ok) return [{ label, ok: false, code: 'INGEST_FAILED', field: read.field, message: read.message }];
  const results: ItemResult[] = [];
  for (const [i, item] of read.items.entries()) {
    results.push(await ingestItem(item, read.isPackage ? `${label}#${i}` : label, options));
  }
  return results;
}

async function ingestItem(item: unknown, label: string, { importer, publish, log }: IngestFileOptions): Promise<ItemResult> {
  try {
    const parsed = parseNinjs(item);
    if (!parsed.ok) return { label, ok: false, code: 'INGEST_FAILED', field: parsed.field, message: parsed.message };
    const outcome = await importer.importStory(parsed.item, { publish });
    return outcome.ok ? { label, ...outcome } : { label, ok: false, code: 'INGEST_FAILED', field: outcome.field, message: outcome.message };
  } catch (err) {
    log.error({ err, item: label }, 'wire item failed unexpectedly');
    return { label, ok: false, code: 'INTERNAL', field: '$', message: `unexpected error: ${(err as Error)?.message ?? String(err)}` };
  }
}
