/**
 * Reads a `file://` media URL, but only inside the allowed directories. The
 * check uses the file's real path (symlinks resolved), so neither `..` nor a
 * symlink can reach outside; the directories are resolved the same way.
 */
import { constants, promises as fs } from 'node:fs';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FetchMediaResult } from './fetch-media.js';

const CHUNK_BYTES = 64 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};
// O_NOFOLLOW refuses a symlink swapped in after the check; O_NONBLOCK keeps a FIFO from hanging open().
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

type Failure = Extract<FetchMediaResult, { ok: false }>;
const fail = (reason: Failure['reason'], message: string): Failure => ({ ok: false, reason, message });

export async function readMediaFile(url: URL, allowFileDirs: readonly string[], maxBytes: number): Promise<FetchMediaResult> {
  if (url.hostname !== '' && url.hostname !== 'localhost') return fail('bad_url', 'a file URL must not name a remote host');
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return fail('bad_url', `not a usable file URL: ${url.href}`);
  }
  const dirs = allowFileDirs.map((dir) => resolve(dir));
  const realDirs = await realDirectories(dirs);
  let real: string;
  try {
    real = await fs.realpath(path);
  } catch (err) {
    // Say nothing about files outside the allowed directories, not even whether they exist.
    if (!insideAny(path, [...dirs, ...realDirs])) return outside(path);
    return errorCode(err) === 'ENOENT' ? fail('not_found', `no such file: ${path}`) : fail('file_error', describe(err));
  }
  if (!insideAny(real, realDirs)) return outside(path);
  return readCapped(real, maxBytes);
}

function outside(path: string): Failure {
  return fail('forbidden_address', `${path} is outside the directories media may be read from`);
}

async function realDirectories(dirs: readonly string[]): Promise<string[]> {
  const real = await Promise.all(dirs.map((dir) => fs.realpath(dir).catch(() => null)));
  return real.filter((dir): dir is string => dir !== null);
}

function insideAny(path: string, dirs: readonly string[]): boolean {
  return dirs.some((dir) => {
    const rel = relative(dir, path);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  });
}

async function readCapped(path: string, maxBytes: number): Promise<FetchMediaResult> {
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(path, OPEN_FLAGS);
    const stat = await handle.stat();
    if (!stat.isFile()) return fail('file_error', `${path} is not a regular file`);
    if (stat.size > maxBytes) return tooLarge(path, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(CHUNK_BYTES), 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return tooLarge(path, maxBytes);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return { ok: true, bytes: Buffer.concat(chunks), contentType: CONTENT_TYPES[extname(path).toLowerCase()] ?? null };
  } catch (err) {
    return fail('file_error', describe(err));
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function tooLarge(path: string, maxBytes: number): Failure {
  return fail('too_large', `${path} is larger than ${maxBytes} bytes`);
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
