/**
 * The pipeline's first step: the documents a source offers now. An HTTP source goes through
 * the one safe fetcher with its validators (a 304 means nothing new); a folder source reads
 * the feed and wire files in its folder, which must lie inside the configured root (real
 * paths compared, so `..` and symlinks cannot leave it).
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { SafeFetcher } from './safe-fetch.js';
import type { WireSource } from './source-repo.js';

export interface RawDocument {
  name: string;
  bytes: Uint8Array;
  contentType: string | null;
}

/** A file in a folder that was not read, and why. */
export interface FileProblem {
  name: string;
  reason: 'too_large';
  message: string;
}

export type FetchedDocuments =
  | { ok: true; notModified: true }
  | { ok: true; notModified: false; documents: RawDocument[]; problems: FileProblem[]; etag: string | null; lastModified: string | null }
  | { ok: false; reason: string; message: string };

export interface SourceFetchOptions {
  http: SafeFetcher;
  /** Where folder sources may be; null: folder sources are refused. */
  folderRoot: string | null;
  /** Largest feed or file read, in bytes. */
  maxBytes: number;
  timeoutMs: number;
}

const FOLDER_FILES = /\.(?:xml|rss|atom|rdf|json|ninjs|newsml)$/i;
const MAX_FILES_PER_POLL = 200;

export function createSourceFetch(options: SourceFetchOptions) {
  async function overHttp(source: WireSource): Promise<FetchedDocuments> {
    const got = await options.http.fetch(source.url ?? '', {
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, */*;q=0.5',
      ifNoneMatch: source.etag,
      ifModifiedSince: source.lastModified,
      maxBytes: options.maxBytes,
      timeoutMs: options.timeoutMs,
    });
    if (!got.ok) return got;
    if (got.status === 304) return { ok: true, notModified: true };
    return { ok: true, notModified: false, documents: [{ name: got.url, bytes: got.bytes, contentType: got.contentType }], problems: [], etag: got.etag, lastModified: got.lastModified };
  }

  async function fromFolder(source: WireSource): Promise<FetchedDocuments> {
    const inside = await folderInsideRoot(options.folderRoot, source.folder);
    if (!inside.ok) return inside;
    let names: string[];
    try {
      names = (await readdir(inside.path)).filter((n) => FOLDER_FILES.test(n)).sort().slice(0, MAX_FILES_PER_POLL);
    } catch (err) {
      return { ok: false, reason: 'folder_error', message: `cannot read the folder ${source.folder}: ${(err as Error).message}` };
    }
    const documents: RawDocument[] = [];
    const problems: FileProblem[] = [];
    for (const name of names) {
      const path = join(inside.path, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      if (info.size > options.maxBytes) {
        problems.push({ name, reason: 'too_large', message: `${name} is ${info.size} bytes, more than the ${options.maxBytes} read from a folder` });
        continue;
      }
      documents.push({ name, bytes: await readFile(path), contentType: null });
    }
    return { ok: true, notModified: false, documents, problems, etag: null, lastModified: null };
  }

  return function fetchSource(source: WireSource): Promise<FetchedDocuments> {
    return source.kind === 'folder' ? fromFolder(source) : overHttp(source);
  };
}

/** The folder's real path, when it is inside the root's real path; a reason otherwise. */
export async function folderInsideRoot(root: string | null, folder: string | null): Promise<{ ok: true; path: string } | { ok: false; reason: string; message: string }> {
  if (!root) return { ok: false, reason: 'folder_refused', message: 'folder sources need INGEST_FOLDER_ROOT to be set' };
  if (!folder) return { ok: false, reason: 'folder_refused', message: 'the source names no folder' };
  const wanted = isAbsolute(folder) ? folder : resolve(root, folder);
  try {
    const [realRoot, realFolder] = await Promise.all([realpath(root), realpath(wanted)]);
    const rel = relative(realRoot, realFolder);
    if (rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))) return { ok: true, path: realFolder };
  } catch (err) {
    return { ok: false, reason: 'folder_error', message: `cannot open the folder ${folder}: ${(err as Error).message}` };
  }
  return { ok: false, reason: 'folder_refused', message: `the folder ${folder} is outside the ingest folder root` };
}

/** The same test without touching the disk, for refusing a path as it is entered: no `..` may climb out. */
export function folderPathInsideRoot(root: string, folder: string): boolean {
  const wanted = isAbsolute(folder) ? resolve(folder) : resolve(root, folder);
  const rel = relative(resolve(root), wanted);
  return !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
