import { createReadStream } from 'node:fs';
import { mkdir, opendir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { MediaStorageUnavailable } from './errors.js';

/**
 * Where media files live: a folder on this machine (`createLocalMediaStorage`) or an
 * S3-compatible bucket (`createS3MediaStorage`). Keys are relative paths we generate
 * ourselves (never from an uploaded file name); `checkKey` still refuses any key that
 * could leave the root, as a second line of defence.
 *
 * Writes that fail because the store is full or away throw MEDIA_STORAGE_UNAVAILABLE (503);
 * a missing file is `null` (get, stream) or `false` (exists), never an error.
 */
export interface MediaStorage {
  /** Where the files are, for logs: a folder or `s3://bucket/prefix`. */
  readonly location: string;
  /** The folder, when the files are on this machine's disk (served by @fastify/static); null for a bucket. */
  readonly localRoot: string | null;
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  /** The file as a stream with what an HTTP answer needs, or null when there is none. */
  stream(key: string): Promise<StoredStream | null>;
  remove(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every stored file under `prefix` (temp files of interrupted writes included) with when it was last written. */
  list(prefix?: string): AsyncIterable<StoredFile>;
}

export interface StoredFile {
  key: string;
  modifiedAt: number;
}

export interface StoredStream {
  body: Readable;
  size: number;
  modifiedAt: number;
}

const KEY = /^[a-z0-9][a-z0-9/_.-]*$/;

/** Refuses keys that are not ours (upper case, spaces, `..`, a leading slash): the same rule for every store. */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('..') || key.includes('//')) throw new Error(`Refusing media key ${JSON.stringify(key)}`);
  return key;
}

/** The Content-Type of a stored file, from the extensions we write. */
export function contentTypeOf(key: string): string {
  const ext = key.slice(key.lastIndexOf('.') + 1);
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif', gif: 'image/gif' };

/** A full disk is the store being unavailable, not a bug: the editor gets a 503 and nothing is kept. */
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

export function createLocalMediaStorage(root: string): MediaStorage {
  const absoluteRoot = resolve(root);
  function pathOf(key: string): string {
    const full = resolve(join(absoluteRoot, checkKey(key)));
    if (!full.startsWith(absoluteRoot + sep)) throw new Error(`Refusing media key ${JSON.stringify(key)}`);
    return full;
  }
  const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR';
  return {
    location: absoluteRoot,
    localRoot: absoluteRoot,
    async put(key, bytes) {
      const full = pathOf(key);
      // Write then rename, so a reader never sees half a file and a crash leaves only a temp file.
      const temp = `${full}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await mkdir(dirname(full), { recursive: true });
        await writeFile(temp, bytes);
        await rename(temp, full);
      } catch (err) {
        await rm(temp, { force: true }).catch(() => {});
        const code = (err as NodeJS.ErrnoException).code ?? '';
        if (DISK_FULL.has(code)) throw new MediaStorageUnavailable(`${code}: the disk is full or read-only`);
        throw err;
      }
    },
    async get(key) {
      return readFile(pathOf(key)).catch((err) => (missing(err) ? null : Promise.reject(err)));
    },
    async stream(key) {
      const full = pathOf(key);
      const info = await stat(full).catch((err) => (missing(err) ? null : Promise.reject(err)));
      if (!info?.isFile()) return null;
      return { body: createReadStream(full), size: info.size, modifiedAt: info.mtimeMs };
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    async exists(key) {
      return (await stat(pathOf(key)).catch(() => null))?.isFile() ?? false;
    },
    list: (prefix = '') => walk(prefix ? join(absoluteRoot, prefix) : absoluteRoot),
  };

  async function* walk(dir: string): AsyncGenerator<StoredFile> {
    let entries;
    try {
      entries = await opendir(dir);
    } catch {
      return; // a folder removed meanwhile, or none yet
    }
    for await (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(full);
      else if (entry.isFile()) {
        const info = await stat(full).catch(() => null);
        if (info) yield { key: relative(absoluteRoot, full).split(sep).join('/'), modifiedAt: info.mtimeMs };
      }
    }
  }
}

/**
 * One folder of a store seen as a store of its own: share cards live under `cards/` of the
 * media store, and their code speaks of keys inside it.
 */
export function storageUnder(storage: MediaStorage, prefix: string): MediaStorage {
  const inner = (key: string) => prefix + key;
  return {
    location: `${storage.location}/${prefix}`,
    localRoot: storage.localRoot === null ? null : join(storage.localRoot, prefix),
    put: (key, bytes) => storage.put(inner(key), bytes),
    get: (key) => storage.get(inner(key)),
    stream: (key) => storage.stream(inner(key)),
    remove: (key) => storage.remove(inner(key)),
    exists: (key) => storage.exists(inner(key)),
    async *list(sub = '') {
      for await (const file of storage.list(prefix + sub)) yield { key: file.key.slice(prefix.length), modifiedAt: file.modifiedAt };
    },
  };
}

/**
 * The same store, with every failed operation logged with its reason and counted (the
 * `dateline_media_storage_failures_total` metric). Errors still reach the caller unchanged.
 */
export function observedStorage(storage: MediaStorage, observe: { log: (operation: string, key: string, err: unknown) => void; count: (operation: string) => void }): MediaStorage {
  const watch =
    <A extends unknown[], R>(operation: string, run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await run(...args);
      } catch (err) {
        observe.count(operation);
        observe.log(operation, String(args[0] ?? ''), err);
        throw err;
      }
    };
  return {
    location: storage.location,
    localRoot: storage.localRoot,
    put: watch('put', (key: string, bytes: Buffer) => storage.put(key, bytes)),
    get: watch('get', (key: string) => storage.get(key)),
    stream: watch('stream', (key: string) => storage.stream(key)),
    remove: watch('remove', (key: string) => storage.remove(key)),
    exists: watch('exists', (key: string) => storage.exists(key)),
    list: (prefix?: string) => storage.list(prefix),
  };
}
