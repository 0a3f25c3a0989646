import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, type TestApp } from '../../test/support/test-app.js';
import { signIn, type AdminClient } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';
import { upload } from '../../test/support/multipart.js';

let photo: Buffer;

async function picture(app: TestApp, client: AdminClient, fields: Record<string, string> = {}) {
  photo ??= await sharp({ create: { width: 64, height: 48, channels: 3, background: '#557799' } }).jpeg().toBuffer();
  const res = await upload(app, client, { bytes: photo }, fields);
  assert.equal(res.status, 201, res.body);
  return res.json as { id: string; caption: string };
}

async function storedPaths(app: TestApp, id: string): Promise<string[]> {
  const row = await app.database.db.selectFrom('media').select('original_path').where('id', '=', id).executeTakeFirst();
  const variants = await app.database.db.selectFrom('media_variants').select('path').where('media_id', '=', id).execute();
  return [...(row ? [row.original_path] : []), ...variants.map((v) => v.path)];
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('the uploader edits alt, caption, credit, disclaimer and focal point; another contributor may not'), async () => {
    const app = await createTestApp(target);
    try {
      const owner = await signIn(app, 'contributor');
      const other = await signIn(app, 'contributor');
      const editor = await signIn(app, 'editor');
      const item = await picture(app, owner, { caption: 'First caption' });
      const patch = { alt: 'Boats in the harbour at dawn', caption: 'Boats wait for the tide.', credit: 'Asha Rao / MNA', showDisclaimer: true, focal: { x: 0.2, y: 0.8 }, sourceUrl: 'https://agency.example/123', licence: 'Agency, one use' };
      const saved = await owner.request('PATCH', `/api/admin/media/${item.id}`, patch);
      assert.equal(saved.status, 200, saved.body);
      for (const [key, value] of Object.entries(patch)) assert.deepEqual(saved.json[key], value, key);
      const reread = await other.request('GET', `/api/admin/media/${item.id}`);
      assert.equal(reread.json.caption, 'Boats wait for the tide.', 'everyone reads the library');
      assert.deepEqual(reread.json.usedBy, []);

      const before = await fingerprint(app.database.db);
      const refused = await other.request('PATCH', `/api/admin/media/${item.id}`, { caption: 'Vandalised' });
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.code, 'FORBIDDEN');
      const badFocal = await owner.request('PATCH', `/api/admin/media/${item.id}`, { focal: { x: 1.5, y: 0.5 } });
      assert.equal(badFocal.status, 400);
      assert.equal(badFocal.json.error.field, 'focal.x');
      const forged = await owner.request('PATCH', `/api/admin/media/${item.id}`, { uploadedBy: other.userId });
      assert.equal(forged.status, 400);
      assert.equal(forged.json.error.field, 'uploadedBy');
      const badUrl = await owner.request('PATCH', `/api/admin/media/${item.id}`, { sourceUrl: 'javascript:alert(1)' });
      assert.equal(badUrl.json.error.field, 'sourceUrl');
      assertUnchanged(before, await fingerprint(app.database.db));

      const byEditor = await editor.request('PATCH', `/api/admin/media/${item.id}`, { showDisclaimer: false, sourceUrl: '' });
      assert.equal(byEditor.status, 200);
      assert.equal(byEditor.json.showDisclaimer, false);
      assert.equal(byEditor.json.sourceUrl, null, 'an empty source clears it');
    } finally {
      await app.close();
    }
  });

  test(name('the library is searched by caption, alt text and credit'), async () => {
    const app = await createTestApp(target);
    try {
      const writer = await signIn(app, 'contributor');
      const harbour = await picture(app, writer, { caption: 'Fishing boats in the Harbour', alt: 'Boats' });
      const market = await picture(app, writer, { caption: 'The morning market', credit: 'Harbour Press' });
      const hills = await picture(app, writer, { caption: 'Tea gardens in the hills', alt: 'Terraced slopes' });
      const ids = async (q: string) => (await writer.request('GET', `/api/admin/media?q=${encodeURIComponent(q)}`)).json.items.map((i: { id: string }) => i.id).sort();
      assert.deepEqual(await ids('harbour'), [harbour.id, market.id].sort(), 'caption or credit, any case');
      assert.deepEqual(await ids('fishing boats'), [harbour.id], 'every word must match');
      assert.deepEqual(await ids('terraced'), [hills.id], 'alt text');
      assert.deepEqual(await ids('%'), [], 'LIKE wildcards are matched literally');
      assert.deepEqual(await ids('submarine'), []);
      const page = await writer.request('GET', '/api/admin/media?pageSize=2&page=2');
      assert.deepEqual([page.json.total, page.json.items.length, page.json.page, page.json.pageSize], [3, 1, 2, 2]);
    } finally {
      await app.close();
    }
  });

  test(name('where-used lists stories that show a picture as hero or inline, and a used picture cannot be deleted'), async () => {
    const app = await createTestApp(target);
    try {
      const writer = await signIn(app, 'author');
      const editor = await signIn(app, 'editor');
      const section = await app.services.directory.ensureSection('News');
      const item = await picture(app, writer, { caption: 'Used twice' });
      const unused = await picture(app, writer, { caption: 'Never used' });
      const hero = await writer.request('POST', '/api/admin/articles', { headline: 'Hero story', sectionId: section.id, heroMediaId: item.id });
      const inlineBody = { type: 'doc', content: [...paragraphs('Before the picture.').content, { type: 'image', attrs: { mediaId: item.id, alt: 'Inline' } }] };
      const inline = await writer.request('POST', '/api/admin/articles', { headline: 'Inline story', sectionId: section.id, body: inlineBody });
      await writer.request('POST', '/api/admin/articles', { headline: 'Unrelated story', sectionId: section.id, heroMediaId: unused.id });
      assert.equal(inline.status, 201, inline.body);

      const used = await editor.request('GET', `/api/admin/media/${item.id}`);
      assert.deepEqual(
        used.json.usedBy.map((u: { id: string; headline: string }) => [u.id, u.headline]).sort(),
        [[hero.json.id, 'Hero story'], [inline.json.id, 'Inline story']].sort(),
      );

      const files = await storedPaths(app, item.id);
      const before = await fingerprint(app.database.db);
      const refused = await editor.request('DELETE', `/api/admin/media/${item.id}`);
      assert.equal(refused.status, 409);
      assert.equal(refused.json.error.code, 'MEDIA_IN_USE');
      assert.deepEqual(refused.json.error.current.usedBy.map((u: { id: string }) => u.id).sort(), [hero.json.id, inline.json.id].sort());
      assertUnchanged(before, await fingerprint(app.database.db));
      for (const path of files) assert.ok(existsSync(join(app.dataDir, 'media', path)), `${path} is kept`);

      // Once the stories let go of it, it can go.
      await writer.request('PATCH', `/api/admin/articles/${hero.json.id}`, { heroMediaId: null, version: hero.json.version });
      await writer.request('PATCH', `/api/admin/articles/${inline.json.id}`, { body: paragraphs('No picture now.'), version: inline.json.version });
      assert.deepEqual((await editor.request('GET', `/api/admin/media/${item.id}`)).json.usedBy, []);
      assert.equal((await editor.request('DELETE', `/api/admin/media/${item.id}`)).status, 204);
    } finally {
      await app.close();
    }
  });

  test(name('deleting an unused picture removes its rows and every file'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const item = await picture(app, editor);
      const keep = await picture(app, editor);
      assert.ok(!(await storedPaths(app, item.id)).some((p) => p.endsWith('.avif')), 'AVIF waits for the background worker');
      await app.variantWorker.drain();
      const files = await storedPaths(app, item.id);
      assert.ok(files.some((p) => p.endsWith('.avif')), `the background AVIF variants are there too: ${files.join(', ')}`);
      assert.ok(files.length >= 7, `original, JPEG, WebP and AVIF variants and thumbnails: ${files.join(', ')}`);
      for (const path of files) assert.ok(existsSync(join(app.dataDir, 'media', path)));
      assert.equal((await editor.request('DELETE', `/api/admin/media/${item.id}`)).status, 204);
      for (const path of files) assert.equal(existsSync(join(app.dataDir, 'media', path)), false, `${path} is removed`);
      assert.deepEqual(await storedPaths(app, item.id), []);
      const gone = await editor.request('GET', `/api/admin/media/${item.id}`);
      assert.equal(gone.status, 404);
      assert.equal(gone.json.error.code, 'MEDIA_NOT_FOUND');
      assert.equal((await editor.request('DELETE', `/api/admin/media/${item.id}`)).status, 404);
      for (const path of await storedPaths(app, keep.id)) assert.ok(existsSync(join(app.dataDir, 'media', path)), 'other pictures are untouched');
    } finally {
      await app.close();
    }
  });
}
