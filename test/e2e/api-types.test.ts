import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiTypesSource } from '../../scripts/api-types-source.js';

const root = new URL('../../', import.meta.url).pathname;
const generated = join(root, 'src/admin-ui/api/generated-types.ts');

test("the editor app's API types are the server's: generated-types.ts matches a fresh run of `npm run api-types`", async () => {
  const fresh = await apiTypesSource();
  assert.ok(readFileSync(generated, 'utf8') === fresh, 'src/admin-ui/api/generated-types.ts is stale: run `npm run api-types` and commit the result');
});

test("a field renamed on the server fails the editor app's type-check", { timeout: 120_000 }, () => {
  // A copy of src/ whose generated types say `headline` is now `title`, as they would after a
  // server-side rename and `npm run api-types`; the app's own code still reads `headline`.
  const dir = mkdtempSync(join(tmpdir(), 'dateline-api-rename-'));
  try {
    cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    const copy = join(dir, 'src/admin-ui/api/generated-types.ts');
    const renamed = readFileSync(copy, 'utf8').replace(/export interface Article \{\n(\s+)id: string;\n(\s+)slug: string;\n(\s+)headline: string;/, (m) => m.replace('headline: string;', 'title: string;'));
    assert.notEqual(renamed, readFileSync(copy, 'utf8'), 'the rename was applied');
    writeFileSync(copy, renamed);
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', join(dir, 'src/admin-ui')], { encoding: 'utf8' });
    assert.notEqual(tsc.status, 0, 'the type-check fails');
    assert.match(tsc.stdout, /Property 'headline' does not exist/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
