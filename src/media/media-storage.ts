import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Local-disk media storage under one root. Keys are relative paths we generate
 * ourselves (never from an uploaded file name); `resolveKey` still refuses any
 * key that would leave the root, as a second line of defence.
 */
export interface MediaStorage {
  readonly root: string;
  put(key: string, bytes: Buffer): Promise<void>;
  remove(key: string): Promise<void>;
  resolveKey(key: string): string;
}

export function createLocalMediaStorage(root: string): MediaStorage {
  const absoluteRoot = resolve(root);
  function resolveKey(key: string): string {
    if (!/^[a-z0-9/_.-]+$/.test(key) || key.includes('..')) throw new Error(`Refusing media key ${JSON.stringify(key)}`);
    const full = resolve(join(absoluteRoot, key));
    if (!full.startsWith(absoluteRoot + sep)) throw new Error(`Refusing media key ${JSON.stringify(key)}`);
    return full;
  }
  return {
    root: absoluteRoot,
    resolveKey,
    async put(key, bytes) {
      const full = resolveKey(key);
      await mkdir(dirname(full), { recursive: true });
      // Write then rename, so a reader never sees half a file and a crash leaves only a temp file.
      const temp = `${full}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, full);
    },
    async remove(key) {
      await rm(resolveKey(key), { force: true });
    },
  };
}
