#!/usr/bin/env node
// Builds the editor app (src/admin-ui → dist/admin) as part of `npm install`, so the
// README's two commands are all a newcomer types. Skips the build when the output is
// newer than every source file, and when vite is absent (a production install
// without dev dependencies that ships a prebuilt dist/). The vite build also writes
// a .br and a .gz copy of each file (scripts/compress-assets.mjs), which the server sends
// to browsers that accept them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compressAssets } from './compress-assets.mjs';

const root = new URL('..', import.meta.url).pathname;
const source = join(root, 'src/admin-ui');
const output = join(root, 'dist/admin/index.html');
const vite = join(root, 'node_modules/vite/bin/vite.js');

function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const stat = statSync(full);
    latest = Math.max(latest, stat.isDirectory() ? newest(full) : stat.mtimeMs);
  }
  return latest;
}

if (!existsSync(join(source, 'vite.config.ts'))) process.exit(0);
if (!existsSync(vite)) {
  console.log('build-admin: vite is not installed; skipping the editor app build');
  process.exit(0);
}
if (existsSync(output) && statSync(output).mtimeMs >= newest(source) && !process.argv.includes('--force')) {
  // A build from before the compressed copies existed gets them now (the vite build writes them).
  const { compressed } = compressAssets(join(root, 'dist/admin'));
  console.log(`build-admin: dist/admin is up to date${compressed ? `; compressed ${compressed} files` : ''}`);
  process.exit(0);
}
console.log('build-admin: building the editor app (src/admin-ui → dist/admin)');
const run = spawnSync(process.execPath, [vite, 'build', '--config', join(source, 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
