import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory, testPhoto, type TestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { upload } from '../../test/support/multipart.js';
import { filesUnder } from '../../test/support/files.js';
import { startS3Server } from '../../test/support/s3-server.js';
import { runCli } from '../../test/support/run-cli.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';

/**
 * The site with its media in an S3 bucket (MEDIA_STORAGE=s3://…) on a real S3 API server on
 * loopback: uploads, variants, share cards, pages, /media/ answers and deletes work as on disk;
 * a failing store refuses an upload cleanly; `dateline media migrate` moves a library there.
 */
const s3 = await startS3Server();
after(() => s3.close());
const [sqlite] = await testDatabases();
const TOKEN = 'metrics-token-for-tests-0123456789';
let prefixes = 0;

async function withS3App(env: Record<string, string>, body: (app: TestApp, prefix: string) => Promise<void>) {
  const prefix = `site${++prefixes}`;
  const app = await createTestApp(sqlite!, { MEDIA_STORAGE: `s3://${s3.bucket}/${prefix}`, METRICS_TOKEN: TOKEN, ...s3.env, ...env });
  try {
    await body(app, prefix);
  } finally {
    await app.close();
  }
}

test('[S3] an upload, its variants, share card, pages and deletion all go through the bucket; nothing is written to DATA_DIR/media', async () => {
  await withS3App({}, async (app, prefix) => {
    const writer = await signIn(app, 'editor');
    const res = await upload(app, writer, { bytes: await testPhoto(1200, 800), type: 'image/jpeg', filename: 'harbour.jpg' }, { alt: 'The harbour', credit: 'Staff' });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    const id = res.json.id as string;
    await app.variantWorker.drain();
    const rows = await app.database.db.selectFrom('media_variants').select(['path', 'bytes', 'format']).where('media_id', '=', id).execute();
    assert.ok(rows.some((r) => r.format === 'avif'), 'background AVIF variants were made from the master read back from S3');
    const keys = await s3.keys(`${prefix}/`);
    for (const row of rows) assert.ok(keys.includes(`${prefix}/${row.path}`), `${row.path} is in the bucket`);
    assert.deepEqual(filesUnder(join(app.dataDir, 'media')), [], 'nothing on local disk');

    // Served under /media/ from the bucket, byte for byte, immutable, with a validator.
    const jpeg = rows.find((r) => r.format === 'jpeg')!;
    const answer = await app.app.inject(`/media/${jpeg.path}`);
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.headers['content-type'], 'image/jpeg');
    assert.equal(answer.rawPayload.length, Number(jpeg.bytes));
    assert.equal(answer.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(answer.headers['x-content-type-options'], 'nosniff');
    const again = await app.app.inject({ url: `/media/${jpeg.path}`, headers: { 'if-none-match': String(answer.headers.etag) } });
    assert.equal(again.statusCode, 304);
    for (const missing of ['/media/v/zz/nothing.jpg', '/media/../dateline.db', '/media/%2e%2e/%2e%2e/etc/passwd', '/media/V/UPPER.JPG']) assert.equal((await app.app.inject(missing)).statusCode, 404, missing);

    // A story with a hero: the page links /media/ and the share card is drawn from the S3 master into the bucket.
    const { article } = await publishStory(app, { headline: 'Ferries resume after the storm' });
    const page = (await app.app.inject(`/news/${article.slug}`)).body;
    assert.match(page, /<img[^>]+src="\/media\/v\/[^"]+\.jpg"/);
    await app.shareCards.drain();
    assert.ok((await s3.keys(`${prefix}/cards/`)).some((key) => key.includes(article.id)), 'share card stored under cards/ in the bucket');
    const cardPage = (await app.app.inject(`/news/${article.slug}`)).body;
    const card = /property="og:image" content="https:\/\/news\.example\.com(\/media\/cards\/[^"]+)"/.exec(cardPage)?.[1];
    assert.ok(card, 'og:image is the card');
    assert.equal((await app.app.inject(card)).statusCode, 200);

    // Deleting the picture removes its objects.
    assert.equal((await writer.request('DELETE', `/api/admin/media/${id}`)).status, 204);
    const left = await s3.keys(`${prefix}/`);
    for (const row of rows) assert.ok(!left.includes(`${prefix}/${row.path}`), `${row.path} removed`);
  });
});

test('[S3] MEDIA_PUBLIC_URL: pages, feeds and the desk link the CDN, and the page policy allows its origin', async () => {
  await withS3App({ MEDIA_PUBLIC_URL: 'https://media.example.net/news/' }, async (app) => {
    const { article } = await publishStory(app, { headline: 'Bridge reopens to traffic' });
    const res = await app.app.inject(`/news/${article.slug}`);
    assert.match(res.body, /<img[^>]+src="https:\/\/media\.example\.net\/news\/v\/[^"]+\.jpg"/);
    assert.doesNotMatch(res.body, /"\/media\//, 'no picture linked on the site itself');
    const desk = await signIn(app, 'editor');
    const library = await desk.request('GET', '/api/admin/media');
    assert.match(JSON.stringify(library.json), /"https:\/\/media\.example\.net\/news\/v\//, 'the desk shows the pictures from the CDN too');
    assert.match(String(res.headers['content-security-policy']), /img-src 'self' data: https:\/\/media\.example\.net;/);
    assert.match(res.body, /property="og:image" content="https:\/\/media\.example\.net\/news\/v\//, 'og:image is absolute under the CDN, not joined to the site URL');
    const feed = (await app.app.inject('/news/rss')).body;
    assert.match(feed, /url="https:\/\/media\.example\.net\/news\/v\//);
  });
});

test('[S3] a store answering 500 or hanging refuses an upload with 503 MEDIA_STORAGE_UNAVAILABLE, leaves no row and no object, counts it, and recovers', async () => {
  await withS3App({ MEDIA_S3_TIMEOUT_MS: '400' }, async (app, prefix) => {
    const writer = await signIn(app, 'editor');
    const photo = await testPhoto(900, 600);
    for (const mode of ['error', 'hang'] as const) {
      const before = await fingerprint(app.database.db);
      const objects = await s3.keys(`${prefix}/`);
      s3.setMode(mode);
      let res;
      try {
        res = await upload(app, writer, { bytes: photo, type: 'image/jpeg', filename: 'p.jpg' });
      } finally {
        s3.setMode('ok');
      }
      assert.equal(res.status, 503, `${mode}: ${JSON.stringify(res.json)}`);
      assert.equal(res.json.error.code, 'MEDIA_STORAGE_UNAVAILABLE');
      assertUnchanged(before, await fingerprint(app.database.db));
      assert.deepEqual(await s3.keys(`${prefix}/`), objects, `${mode}: no object left behind`);
    }
    const metrics = (await app.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    const failures = /dateline_media_storage_failures_total\{operation="put"\} (\d+)/.exec(metrics);
    assert.ok(failures && Number(failures[1]) >= 2, `put failures counted: ${failures?.[0]}`);
    const ok = await upload(app, writer, { bytes: photo, type: 'image/jpeg', filename: 'p.jpg' });
    assert.equal(ok.status, 201, 'works again once the store is back');
  });
});

test('`dateline media migrate --to s3://…` copies a disk library into the bucket; the site then serves it from there', async () => {
  const app = await createTestApp(sqlite!);
  try {
    const { article } = await publishStory(app, { headline: 'Harbour works finish early' });
    await app.variantWorker.drain();
    const files = filesUnder(join(app.dataDir, 'media'));
    assert.ok(files.length >= 5);
    const env = { DATA_DIR: app.dataDir, ...s3.env };

    for (const bad of [['media', 'migrate', '--to', 'http://bucket/x'], ['media', 'copy', '--to', 's3://b1b/x']]) {
      const refused = await runCli(bad, env);
      assert.equal(refused.code, 2, `${bad.join(' ')}: ${refused.stderr}`);
      assert.match(refused.stderr, /dateline media migrate --to s3:\/\/bucket\/prefix/);
    }
    // A library with nothing in it yet: the bucket is still asked, not reported moved into.
    const empty = { ...env, DATA_DIR: join(app.dataDir, 'empty-site') };
    const noBucket = await runCli(['media', 'migrate', '--to', 's3://no-such-bucket/moved'], empty);
    assert.equal(noBucket.code, 1, noBucket.stdout);
    assert.match(noBucket.stderr, /^dateline: media migrate: .*NoSuchBucket.*Nothing was removed/m);
    s3.setMode('error');
    const emptyFailed = await runCli(['media', 'migrate', '--to', `s3://${s3.bucket}/moved`], empty);
    assert.equal(emptyFailed.code, 1, emptyFailed.stdout);
    const failed = await runCli(['media', 'migrate', '--to', `s3://${s3.bucket}/moved`], env);
    s3.setMode('ok');
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /not available.*Nothing was removed.*run the command again/);

    const done = await runCli(['media', 'migrate', '--to', `s3://${s3.bucket}/moved`], env);
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, new RegExp(`Copied ${files.length} media files`));
    assert.deepEqual(await s3.keys('moved/'), files.map((f) => `moved/${f}`).sort());
    assert.deepEqual(filesUnder(join(app.dataDir, 'media')), files, 'the source is left as it was');
    const rerun = await runCli(['media', 'migrate', '--to', `s3://${s3.bucket}/moved`], env);
    assert.match(rerun.stdout, new RegExp(`Copied 0 media files .* ${files.length} were there already`));

    // The same database, now with MEDIA_STORAGE pointing at the bucket: the pictures come from there.
    const moved = await createTestApp(sqlite!, { MEDIA_STORAGE: `s3://${s3.bucket}/moved`, ...s3.env }, { database: app.database });
    try {
      const page = (await moved.app.inject(`/news/${article.slug}`)).body;
      const src = /<img[^>]+src="(\/media\/[^"]+)"/.exec(page)![1]!;
      const picture = await moved.app.inject(src);
      assert.equal(picture.statusCode, 200);
      assert.equal(picture.headers['content-type'], 'image/jpeg');
    } finally {
      await moved.close();
    }
  } finally {
    await app.close();
  }
});
