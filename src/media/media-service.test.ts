import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { pino } from 'pino';
import { testDatabases } from '../../test/support/databases.js';
import { filesUnder } from '../../test/support/files.js';
import { systemClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createLocalMediaStorage, createMediaService, ImageTooLarge, UnsupportedImage } from './index.js';

async function photo(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Copyright: 'secret-maker' } } })
    .toBuffer();
}


for (const target of await testDatabases()) {
  async function setup() {
    const handle = await target.create();
    const root = mkdtempSync(join(tmpdir(), 'dateline-media-'));
    const storage = createLocalMediaStorage(root);
    let readyCalls = 0;
    const media = createMediaService({ db: handle.db, storage, clock: systemClock, newId: createIdGenerator(), log: pino({ level: 'silent' }), onVariantsReady: () => void readyCalls++ });
    return { handle, root, media, readyCalls: () => readyCalls };
  }

  test(`[${target.name}] an image becomes an original, JPEG/WebP variants and a thumbnail, then AVIF in the background`, async () => {
    const { handle, root, media, readyCalls } = await setup();
    try {
      const prepared = await media.prepare(await photo(1400, 800), { credit: 'MNA', showDisclaimer: true, alt: 'A test' });
      await handle.db.transaction().execute((trx) => prepared.commit(trx));
      let view = (await media.views([prepared.id])).get(prepared.id)!;
      assert.equal(view.width, 1400);
      assert.equal(view.height, 800);
      assert.equal(view.showDisclaimer, true);
      const full = view.variants.filter((v) => v.purpose === 'full' && v.format === 'jpeg').map((v) => v.width);
      assert.deepEqual(full, [320, 640, 960, 1280, 1400]);
      assert.ok(view.variants.some((v) => v.purpose === 'thumb' && v.format === 'webp' && v.width === 480 && v.height === 270));
      assert.ok(!view.variants.some((v) => v.format === 'avif'), 'AVIF is not made while the caller waits');

      assert.equal(await media.processPending(), 1);
      view = (await media.views([prepared.id])).get(prepared.id)!;
      assert.ok(view.variants.some((v) => v.format === 'avif' && v.width === 640));
      assert.equal(readyCalls(), 1);
      for (const v of view.variants) assert.ok(existsSync(join(root, v.path)), `${v.path} exists`);
      const original = join(root, 'o', filesUnder(join(root, 'o'))[0]!);
      const meta = await sharp(readFileSync(original)).metadata();
      assert.equal(meta.exif, undefined, 'EXIF is stripped from the kept original');
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] HTML renamed to .jpg, SVG and garbage are refused and leave no file`, async () => {
    const { handle, root, media } = await setup();
    try {
      for (const bad of [
        Buffer.from('<!doctype html><script>alert(1)</script>'),
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
        Buffer.alloc(0),
      ]) {
        await assert.rejects(media.prepare(bad), UnsupportedImage);
      }
      assert.deepEqual(filesUnder(root), []);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] a PNG claiming 100,000 × 100,000 pixels is refused before decoding`, async () => {
    const { handle, root, media } = await setup();
    try {
      const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
      // Rewrite the IHDR width and height; the CRC no longer matches, but the header is read first.
      png.writeUInt32BE(100_000, 16);
      png.writeUInt32BE(100_000, 20);
      await assert.rejects(media.prepare(png), (err: unknown) => err instanceof ImageTooLarge || err instanceof UnsupportedImage);
      assert.deepEqual(filesUnder(root), []);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] discarding a prepared image removes every file it wrote`, async () => {
    const { handle, root, media } = await setup();
    try {
      const prepared = await media.prepare(await photo(700, 400));
      assert.ok(filesUnder(root).length > 0);
      await prepared.discard();
      assert.deepEqual(filesUnder(root), []);
    } finally {
      await handle.close();
    }
  });
}
