import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { signIn, type AdminClient } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';
import { filesUnder } from '../../test/support/files.js';
import { pngClaiming } from '../../test/support/png.js';
import { multipartBody, upload } from '../../test/support/multipart.js';

const MB = 1024 * 1024;

const solid = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } });

/** Every stored file and row of one media item. */
async function stored(app: TestApp, id: string) {
  const row = await app.database.db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const variants = await app.database.db.selectFrom('media_variants').select('path').where('media_id', '=', id).execute();
  return { row, paths: [row.original_path, ...variants.map((v) => v.path)], original: readFileSync(join(app.dataDir, 'media', row.original_path)) };
}

/** Runs a refused upload and checks that no file and no row appeared. */
async function refusedWithoutTrace(app: TestApp, send: () => Promise<{ status: number; json: any }>, status: number | number[], code?: string) {
  const files = filesUnder(join(app.dataDir, 'media'));
  const before = await fingerprint(app.database.db);
  const res = await send();
  assert.ok([status].flat().includes(res.status), `status ${res.status}: ${JSON.stringify(res.json)}`);
  if (code) assert.equal(res.json.error.code, code);
  assert.deepEqual(filesUnder(join(app.dataDir, 'media')), files, 'no file written under media/');
  assertUnchanged(before, await fingerprint(app.database.db));
  return res;
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;
  let app: TestApp;
  let writer: AdminClient;
  const withApp = (title: string, body: () => Promise<void>) =>
    test(name(title), async () => {
      app = await createTestApp(target);
      try {
        writer = await signIn(app, 'contributor');
        await body();
      } finally {
        await app.close();
      }
    });

  withApp('JPEG, PNG, WebP, AVIF and GIF uploads are accepted; an animated GIF keeps its first frame only', async () => {
    const red = await solid(48, 32, '#cc2200').png().toBuffer();
    const blue = await solid(48, 32, '#0022cc').png().toBuffer();
    const files: [string, Buffer, string][] = [
      ['jpeg', await solid(48, 32, '#336699').jpeg().toBuffer(), 'image/jpeg'],
      ['png', red, 'image/png'],
      ['webp', await solid(48, 32, '#339966').webp().toBuffer(), 'image/webp'],
      ['avif', await solid(48, 32, '#993366').avif().toBuffer(), 'image/avif'],
      ['gif', await sharp([red, blue], { join: { animated: true } }).gif().toBuffer(), 'image/gif'],
    ];
    assert.equal((await sharp(files[4]![1]).metadata()).pages, 2, 'the GIF sent has two frames');
    for (const [format, bytes, type] of files) {
      const res = await upload(app, writer, { bytes, type, filename: `picture.${format}` }, { alt: `A ${format}`, credit: 'Staff', showDisclaimer: 'true', focalX: '0.25', focalY: '0.75' });
      assert.equal(res.status, 201, `${format}: ${res.body}`);
      assert.deepEqual([res.json.width, res.json.height], [48, 32], format);
      assert.equal(res.json.alt, `A ${format}`);
      assert.equal(res.json.showDisclaimer, true);
      assert.deepEqual(res.json.focal, { x: 0.25, y: 0.75 });
      assert.match(res.json.thumbUrl, /^\/media\/v\/.+-thumb-480\.jpg$/);
      const served = await app.app.inject(res.json.url);
      assert.equal(served.statusCode, 200, `${format} variant is served`);
      assert.equal((await sharp(served.rawPayload).metadata()).format, 'jpeg');
      const { original } = await stored(app, res.json.id);
      const meta = await sharp(original, { pages: -1 }).metadata();
      assert.equal(meta.pages ?? 1, 1, `${format}: the stored picture is one frame`);
      if (format === 'gif') {
        const { dominant } = await sharp(original).stats();
        assert.ok(dominant.r > 150 && dominant.b < 100, `the first (red) frame is kept: ${JSON.stringify(dominant)}`);
      }
    }
  });

  withApp('EXIF and GPS data are removed and the orientation is applied to the stored original', async () => {
    const photo = await solid(80, 40, '#808080')
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-maker' }, IFD3: { GPSMapDatum: 'SECRET-DATUM', GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const sent = await sharp(photo).metadata();
    assert.ok(sent.exif?.includes('SECRET-DATUM') && sent.orientation === 6, 'the photo sent carries GPS and an orientation');
    const res = await upload(app, writer, { bytes: photo });
    assert.equal(res.status, 201, res.body);
    assert.deepEqual([res.json.width, res.json.height], [40, 80], 'reported upright');
    const { original, paths } = await stored(app, res.json.id);
    const meta = await sharp(original).metadata();
    assert.deepEqual([meta.width, meta.height], [40, 80], 'stored upright');
    assert.equal(meta.exif, undefined);
    assert.equal(meta.xmp, undefined);
    assert.equal(meta.orientation, undefined);
    assert.ok(!original.includes('SECRET-DATUM') && !original.includes('secret-maker'));
    for (const path of paths) {
      const bytes = readFileSync(join(app.dataDir, 'media', path));
      assert.ok(!bytes.includes('SECRET-DATUM'), `${path} has no GPS`);
      assert.equal((await sharp(bytes).metadata()).exif, undefined, `${path} has no EXIF`);
    }
  });

  withApp('SVG, HTML named photo.jpg and other non-images are refused with 415, leaving nothing behind', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
    for (const [bytes, filename, type] of [[svg, 'logo.svg', 'image/svg+xml'], [html, 'photo.jpg', 'image/jpeg'], [Buffer.from('just text'), 'notes.png', 'image/png']] as const) {
      await refusedWithoutTrace(app, () => upload(app, writer, { bytes, filename, type }), 415, 'UNSUPPORTED_IMAGE');
    }
    const noise = await sharp(randomBytes(64 * 64 * 3), { raw: { width: 64, height: 64, channels: 3 } }).jpeg().toBuffer();
    const truncated = noise.subarray(0, noise.length >> 1);
    const cut = await refusedWithoutTrace(app, () => upload(app, writer, { bytes: truncated }), 415);
    assert.equal(cut.json.error.code, 'UNSUPPORTED_IMAGE', 'a truncated JPEG is refused');
  });

  withApp('a PNG claiming 100,000 × 100,000 pixels is refused from its header, before decoding', async () => {
    const bomb = pngClaiming(100_000, 100_000);
    assert.deepEqual([(await sharp(bomb, { limitInputPixels: false }).metadata()).width, bomb.length < 200], [100_000, true]);
    const started = Date.now();
    const res = await refusedWithoutTrace(app, () => upload(app, writer, { bytes: bomb, type: 'image/png', filename: 'bomb.png' }), [413, 415]);
    assert.equal(res.json.error.code, 'IMAGE_TOO_LARGE');
    assert.ok(Date.now() - started < 2000, 'refused without decoding ten billion pixels');
  });

  withApp('an upload over 25 MB is refused with 413 and writes no file and no row', async () => {
    const big = multipartBody({ caption: 'Too big' }, { bytes: randomBytes(25 * MB + 128 * 1024) });
    const headers = { cookie: writer.cookie, 'x-csrf-token': writer.csrfToken, 'content-type': big.contentType };
    const announced = await refusedWithoutTrace(app, async () => {
      const r = await app.app.inject({ method: 'POST', url: '/api/admin/media', headers, payload: big.payload });
      assert.ok(Number(r.headers['content-length'] ?? 0) < 10_000, 'the answer is small');
      return { status: r.statusCode, json: r.json() };
    }, 413);
    assert.match(announced.json.error.message, /25 MB/);
    // The same body without a Content-Length (chunked): the file part limit stops it.
    await refusedWithoutTrace(app, async () => {
      const r = await app.app.inject({ method: 'POST', url: '/api/admin/media', headers, payload: Readable.from([big.payload.subarray(0, 8 * MB), big.payload.subarray(8 * MB)]) });
      return { status: r.statusCode, json: r.json() };
    }, 413);
  });

  withApp("the client's file name never reaches a stored path", async () => {
    const photo = await solid(40, 30, '#445566').jpeg().toBuffer();
    for (const filename of ['../../evil.jpg', '..\\..\\evil.jpg', '/etc/evil.jpg', 'evil\u0000.jpg']) {
      const res = await upload(app, writer, { bytes: photo, filename });
      assert.equal(res.status, 201, `${filename}: ${res.body}`);
      const { paths } = await stored(app, res.json.id);
      for (const path of paths) assert.match(path, new RegExp(`^[ov]/${res.json.id.slice(-2)}/${res.json.id}[-.][a-z0-9.-]+$`), path);
    }
    const everything = filesUnder(app.dataDir).join('\n');
    assert.doesNotMatch(everything, /evil/);
    assert.equal(existsSync(join(app.dataDir, 'evil.jpg')), false);
    assert.equal(existsSync(join(tmpdir(), 'evil.jpg')), false);
  });

  withApp('malformed upload forms are refused with 400 naming the field, leaving nothing behind', async () => {
    const photo = await solid(40, 30, '#445566').jpeg().toBuffer();
    const cases: [fields: Record<string, string>, field: string, part?: string][] = [
      [{ focalX: '2' }, 'focalX'],
      [{ showDisclaimer: 'maybe' }, 'showDisclaimer'],
      [{ sourceUrl: 'javascript:alert(1)' }, 'sourceUrl'],
      [{ uploadedBy: 'someone-else' }, 'uploadedBy'],
      [{}, 'picture', 'picture'],
    ];
    for (const [fields, field, part] of cases) {
      const res = await refusedWithoutTrace(app, () => upload(app, writer, { bytes: photo, ...(part ? { field: part } : {}) }, fields), 400);
      assert.equal(res.json.error.field, field, JSON.stringify(fields));
    }
    const noFile = await refusedWithoutTrace(app, () => writer.request('POST', '/api/admin/media', { alt: 'JSON instead of a file' }), 400);
    assert.equal(noFile.json.error.field, 'file');
    const fieldsOnly = multipartBody({ alt: 'no file part' });
    const empty = await refusedWithoutTrace(app, async () => {
      const r = await app.app.inject({ method: 'POST', url: '/api/admin/media', headers: { cookie: writer.cookie, 'x-csrf-token': writer.csrfToken, 'content-type': fieldsOnly.contentType }, payload: fieldsOnly.payload });
      return { status: r.statusCode, json: r.json() };
    }, 400);
    assert.equal(empty.json.error.field, 'file');
  });
}
