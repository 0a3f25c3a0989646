import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startS3Server } from '../../test/support/s3-server.js';
import { freePort } from '../../test/support/server-process.js';
import { createLocalMediaStorage, storageUnder, type MediaStorage } from './media-storage.js';
import { createS3MediaStorage, parseS3Location } from './s3-storage.js';

const s3 = await startS3Server();
after(() => s3.close());

async function collect(iterable: AsyncIterable<{ key: string }>): Promise<string[]> {
  const keys: string[] = [];
  for await (const file of iterable) keys.push(file.key);
  return keys.sort();
}

async function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const stores: [string, () => MediaStorage][] = [
  ['local disk', () => createLocalMediaStorage(mkdtempSync(join(tmpdir(), 'dateline-store-')))],
  ['S3 (s3rver on loopback)', () => createS3MediaStorage({ bucket: s3.bucket, prefix: `site-${Math.random().toString(36).slice(2, 8)}/` }, { endpoint: s3.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } })],
];

for (const [name, open] of stores) {
  test(`[${name}] put, get, stream, exists, list and remove keep to one contract`, async () => {
    const storage = open();
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);
    await storage.put('o/ab/0123456789abcdefghijklmnab.jpg', jpeg);
    await storage.put('v/ab/0123456789abcdefghijklmnab-full-640.webp', Buffer.from('webp bytes'));
    await storage.put('cards/ab/card.jpg', Buffer.from('card'));

    assert.deepEqual(await storage.get('o/ab/0123456789abcdefghijklmnab.jpg'), jpeg);
    const streamed = await storage.stream('o/ab/0123456789abcdefghijklmnab.jpg');
    assert.ok(streamed);
    assert.equal(streamed.size, jpeg.length);
    assert.ok(Math.abs(streamed.modifiedAt - Date.now()) < 60_000, `modifiedAt ${streamed.modifiedAt} is about now`);
    assert.deepEqual(await read(streamed.body), jpeg);
    assert.equal(await storage.exists('o/ab/0123456789abcdefghijklmnab.jpg'), true);

    assert.deepEqual(await collect(storage.list()), ['cards/ab/card.jpg', 'o/ab/0123456789abcdefghijklmnab.jpg', 'v/ab/0123456789abcdefghijklmnab-full-640.webp']);
    assert.deepEqual(await collect(storage.list('cards/')), ['cards/ab/card.jpg']);

    // Overwriting replaces; nothing of the first remains.
    await storage.put('cards/ab/card.jpg', Buffer.from('second card'));
    assert.equal((await storage.get('cards/ab/card.jpg'))?.toString(), 'second card');

    // A folder of the store as a store of its own (share cards under cards/).
    const cards = storageUnder(storage, 'cards/');
    assert.deepEqual(await collect(cards.list()), ['ab/card.jpg']);
    assert.equal((await cards.get('ab/card.jpg'))?.toString(), 'second card');
    await cards.put('cd/other.jpg', Buffer.from('x'));
    assert.equal(await storage.exists('cards/cd/other.jpg'), true);

    await storage.remove('o/ab/0123456789abcdefghijklmnab.jpg');
    await storage.remove('o/ab/0123456789abcdefghijklmnab.jpg'); // already gone: fine
    assert.equal(await storage.exists('o/ab/0123456789abcdefghijklmnab.jpg'), false);
    assert.equal(await storage.get('o/ab/0123456789abcdefghijklmnab.jpg'), null);
    assert.equal(await storage.stream('o/ab/0123456789abcdefghijklmnab.jpg'), null);
    assert.deepEqual(await collect(storage.list('o/')), []);
  });

  test(`[${name}] keys that are not ours are refused before the store is touched`, async () => {
    const storage = open();
    for (const key of ['../escape.jpg', 'o/../../etc/passwd', '/absolute.jpg', 'UPPER.jpg', 'with space.jpg', 'o//double.jpg', '.hidden', 'o/%2e%2e/x.jpg', '']) {
      await assert.rejects(storage.put(key, Buffer.from('x')), /Refusing media key/, key);
      await assert.rejects(storage.get(key), /Refusing media key/, key);
    }
    assert.deepEqual(await collect(storage.list()), []);
  });
}

test('[S3] a store that answers 500 or does not answer is MEDIA_STORAGE_UNAVAILABLE, and works again when it comes back', async () => {
  const storage = createS3MediaStorage({ bucket: s3.bucket, prefix: 'faults/' }, { endpoint: s3.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestTimeoutMs: 300 });
  try {
    s3.setMode('error');
    const before = s3.requests;
    await assert.rejects(storage.put('o/ab/x.jpg', Buffer.from('x')), (err: Error & { code?: string; status?: number }) => err.code === 'MEDIA_STORAGE_UNAVAILABLE' && err.status === 503 && /InternalError|500/.test(err.message));
    assert.equal(s3.requests - before, 3, 'the SDK tried three times before giving up');
    await assert.rejects(storage.get('o/ab/x.jpg'), /MEDIA_STORAGE_UNAVAILABLE|not available/);
    s3.setMode('hang');
    const started = Date.now();
    await assert.rejects(storage.exists('o/ab/x.jpg'), (err: Error & { code?: string }) => err.code === 'MEDIA_STORAGE_UNAVAILABLE');
    assert.ok(Date.now() - started < 5_000, `gave up after ${Date.now() - started} ms, not never`);
  } finally {
    s3.setMode('ok');
  }
  await storage.put('o/ab/x.jpg', Buffer.from('back'));
  assert.equal((await storage.get('o/ab/x.jpg'))?.toString(), 'back');
  assert.deepEqual(await s3.keys('faults/'), ['faults/o/ab/x.jpg'], 'the failed writes left nothing behind');

  // Nothing listening: the reason names the refusal (it said only "Error").
  const port = await freePort();
  const nowhere = createS3MediaStorage({ bucket: 'gone', prefix: '' }, { endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestTimeoutMs: 300 });
  await assert.rejects(nowhere.exists('o/ab/x.jpg'), (err: Error & { code?: string }) => err.code === 'MEDIA_STORAGE_UNAVAILABLE' && /\(s3:\/\/gone: ECONNREFUSED\)/.test(err.message));
});

test('[local disk] a full disk is MEDIA_STORAGE_UNAVAILABLE and leaves no temp file', async () => {
  const root = mkdtempSync(join(tmpdir(), 'dateline-full-'));
  mkdirSync(root, { recursive: true });
  // A real full disk: a 64 KiB tmpfs (the tests run as root, as CI does).
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', root]);
  try {
    const storage = createLocalMediaStorage(root);
    await storage.put('o/ab/small.jpg', Buffer.alloc(8 * 1024, 1));
    await assert.rejects(storage.put('v/ab/big.jpg', Buffer.alloc(256 * 1024, 2)), (err: Error & { code?: string }) => err.code === 'MEDIA_STORAGE_UNAVAILABLE' && /ENOSPC/.test(err.message));
    assert.deepEqual(readdirSync(join(root, 'v', 'ab')), [], 'no temp file of the failed write');
    assert.equal((await storage.get('o/ab/small.jpg'))?.length, 8 * 1024, 'what was stored before is intact');
  } finally {
    execFileSync('umount', [root]);
  }
});

test('MEDIA_STORAGE locations: bucket and prefix, or refused', () => {
  assert.deepEqual(parseS3Location('s3://news-media'), { bucket: 'news-media', prefix: '' });
  assert.deepEqual(parseS3Location('s3://news-media/site/2026/'), { bucket: 'news-media', prefix: 'site/2026/' });
  for (const bad of ['s3://', 's3://A_B/x', 'http://bucket/x', 's3://bucket/../x', 's3://bucket/a//b', 's3://ab', 'S3://bucket', 's3://bucket/x y']) assert.equal(parseS3Location(bad), null, bad);
});
