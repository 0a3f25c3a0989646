import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file below `dir`, as paths relative to it ([] when it does not exist). */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)));
}
