import { mkdir, opendir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
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
  /** Every stored file (temp files of interrupted writes included) with when it was last written. */
  list(): AsyncIterable<StoredFile>;
}

export interface StoredFile {
  key: string;
  modifiedAt: number;
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
    list: () => walk(absoluteRoot),
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
