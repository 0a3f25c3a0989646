import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { upload } from '../../test/support/multipart.js';

/** A wide picture: red on the left half, blue on the right, so the crop's position shows in its colour. */
async function twoColourPhoto(): Promise<Buffer> {
  const half = (colour: string) => sharp({ create: { width: 800, height: 300, channels: 3, background: colour } }).png().toBuffer();
  return sharp({ create: { width: 1600, height: 300, channels: 3, background: '#000' } })
    .composite([
      { input: await half('#ff0000'), left: 0, top: 0 },
      { input: await half('#0000ff'), left: 800, top: 0 },
    ])
    .jpeg()
    .toBuffer();
}

for (const target of await testDatabases()) {
  test(`[${target.name}] a new focal point re-crops the thumbnails around it under new file names`, async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const res = await upload(app, editor, { bytes: await twoColourPhoto() }, { focalX: '0.1', focalY: '0.5' });
      assert.equal(res.status, 201, res.body);
      const id = res.json.id as string;
      const thumbPath = async () => (await app.database.db.selectFrom('media_variants').select('path').where('media_id', '=', id).where('purpose', '=', 'thumb').where('format', '=', 'jpeg').executeTakeFirstOrThrow()).path;
      const meanRedBlue = async (path: string) => {
        const { channels } = await sharp(readFileSync(join(app.dataDir, 'media', path))).stats();
        return { red: channels[0]!.mean, blue: channels[2]!.mean };
      };
      const before = await thumbPath();
      const left = await meanRedBlue(before);
      assert.ok(left.red > left.blue, 'focal point on the left: the thumbnail shows the red half');

      const patched = await editor.request('PATCH', `/api/admin/media/${id}`, { focal: { x: 0.9, y: 0.5 } });
      assert.equal(patched.status, 200, patched.body);
      const after = await thumbPath();
      assert.notEqual(after, before, 'a new file name, so caches never serve the old crop');
      assert.equal(existsSync(join(app.dataDir, 'media', before)), false, 'the old thumbnail file is gone');
      const right = await meanRedBlue(after);
      assert.ok(right.blue > right.red, 'focal point on the right: the thumbnail shows the blue half');
    } finally {
      await app.close();
    }
  });
}
