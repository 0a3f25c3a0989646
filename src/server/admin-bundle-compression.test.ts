import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { loadConfig } from '../config/index.js';
import { createApp } from './create-app.js';
import { compressAssets } from '../../scripts/compress-assets.mjs';

/** A stand-in for vite's output: an index page, an entry script, a stylesheet and a file too small to compress. */
function builtApp(): { dir: string; index: string; script: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-admin-dist-'));
  mkdirSync(join(dir, 'assets'));
  const script = Array.from({ length: 400 }, (_, i) => `export function screen${i}(props) { return render('story-list', props, ${i}); }`).join('\n');
  const index = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dateline · Editorial desk</title><script type="module" crossorigin src="/admin/assets/index-abc123.js"></script><link rel="stylesheet" href="/admin/assets/index-abc123.css"></head><body><div id="root"></div><noscript>The editorial desk needs JavaScript. Please turn it on and reload this page.</noscript></body></html>\n`;
  writeFileSync(join(dir, 'index.html'), index);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), script);
  writeFileSync(join(dir, 'assets', 'index-abc123.css'), '.desk{display:grid}\n'.repeat(200));
  writeFileSync(join(dir, 'assets', 'tiny-x1.js'), 'export{}');
  return { dir, index, script };
}

test('the build step writes a .br and a .gz beside each file, skips what is up to date, and never keeps a bigger copy', () => {
  const { dir } = builtApp();
  assert.deepEqual(compressAssets(dir), { compressed: 4, kept: 0 });
  for (const file of ['index.html', 'assets/index-abc123.js', 'assets/index-abc123.css']) {
    const body = readFileSync(join(dir, file));
    assert.deepEqual(brotliDecompressSync(readFileSync(join(dir, `${file}.br`))), body, `${file}.br`);
    assert.deepEqual(gunzipSync(readFileSync(join(dir, `${file}.gz`))), body, `${file}.gz`);
  }
  assert.equal(existsSync(join(dir, 'assets/tiny-x1.js.br')), false, 'a compressed copy bigger than its file is not kept');
  assert.deepEqual(compressAssets(dir), { compressed: 1, kept: 3 }, 'a second run redoes only the file that has no copies');
});

test('the editor bundle and its page are sent precompressed as the browser asks, with Vary', async () => {
  const { dir, index, script } = builtApp();
  compressAssets(dir);
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-admin-app-'));
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent' }, dataDir), { log: pino({ level: 'silent' }), backgroundJobs: false, adminAppDir: dir });
  try {
    const get = (url: string, accept?: string, method: 'GET' | 'HEAD' = 'GET') => app.app.inject({ method, url, headers: accept ? { 'accept-encoding': accept } : {} });
    const br = await get('/admin/assets/index-abc123.js', 'gzip, deflate, br, zstd');
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.match(String(br.headers['content-type']), /javascript/);
    assert.match(String(br.headers['cache-control']), /immutable/);
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), script);
    const gzip = await get('/admin/assets/index-abc123.js', 'gzip');
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzip.rawPayload).toString(), script);
    const plain = await get('/admin/assets/index-abc123.js');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(String(plain.headers.vary), /accept-encoding/i, 'the plain answer varies too, so a shared cache keeps them apart');
    assert.equal(plain.body, script);
    const tiny = await get('/admin/assets/tiny-x1.js', 'br');
    assert.equal(tiny.headers['content-encoding'], undefined);
    assert.equal(tiny.body, 'export{}');

    for (const url of ['/admin', '/admin/stories/01j0000000000000000000000']) {
      const page = await get(url, 'gzip, deflate, br');
      assert.equal(page.statusCode, 200, url);
      assert.equal(page.headers['content-encoding'], 'br', url);
      assert.match(String(page.headers.vary), /accept-encoding/i);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.equal(page.headers['cache-control'], 'no-cache');
      assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.equal(brotliDecompressSync(page.rawPayload).toString(), index);
    }
    const head = await get('/admin', 'gzip', 'HEAD');
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-encoding'], 'gzip');
    assert.equal(head.rawPayload.length, 0);
  } finally {
    await app.close();
  }
});
