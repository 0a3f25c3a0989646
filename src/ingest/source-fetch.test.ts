import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { folderInsideRoot, folderPathInsideRoot } from './source-fetch.js';

test('a folder source must stay inside the ingest root: `..`, absolute paths elsewhere and symbolic links out are refused', async () => {
  const root = mkdtempSync(join(tmpdir(), 'dateline-root-'));
  const outside = mkdtempSync(join(tmpdir(), 'dateline-outside-'));
  mkdirSync(join(root, 'agency'));
  writeFileSync(join(outside, 'secret.xml'), '<rss/>');
  symlinkSync(outside, join(root, 'escape'));

  assert.equal(folderPathInsideRoot(root, 'agency'), true);
  assert.equal(folderPathInsideRoot(root, join(root, 'agency')), true);
  assert.equal(folderPathInsideRoot(root, '../etc'), false);
  assert.equal(folderPathInsideRoot(root, 'agency/../../etc'), false);
  assert.equal(folderPathInsideRoot(root, '/etc'), false);

  assert.deepEqual(await folderInsideRoot(root, 'agency'), { ok: true, path: join(root, 'agency') });
  const viaLink = await folderInsideRoot(root, 'escape');
  assert.ok(!viaLink.ok, 'the link is inside the root by name but points outside');
  assert.equal(viaLink.reason, 'folder_refused');
  const missing = await folderInsideRoot(root, 'nowhere');
  assert.ok(!missing.ok && missing.reason === 'folder_error');
  const noRoot = await folderInsideRoot(null, 'agency');
  assert.ok(!noRoot.ok && noRoot.reason === 'folder_refused');
});
