import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { testDatabases } from '../support/databases.js';
import { databaseUrl, runCli } from '../support/run-cli.js';
import { testPhoto } from '../support/test-app.js';

const fixtures = new URL('../../src/ingest/fixtures/', import.meta.url).pathname;

function fixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(fixtures, name), 'utf8'));
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
}

/** A local picture server: /photo.jpg is an image, /page.jpg is HTML in disguise, anything else 404. */
async function pictureServer(photo: Buffer): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/photo.jpg') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
    if (req.url === '/page.jpg') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end('<!doctype html><script>alert(1)</script>');
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

for (const target of await testDatabases()) {
  test(`[${target.name}] dateline ingest publishes ninjs items, rejects bad ones by file and field, and leaves nothing behind`, async () => {
    const handle = await target.create();
    const work = mkdtempSync(join(tmpdir(), 'dateline-ingest-'));
    const photo = await testPhoto(2400, 1600);
    writeFileSync(join(work, 'harbour-crane.jpg'), photo);
    const { server, base } = await pictureServer(await testPhoto(1600, 1067));
    const env = { DATA_DIR: join(work, 'data'), DATABASE_URL: databaseUrl(handle.target), SITE_URL: 'https://news.example.com', FETCH_ALLOW_HOSTS: new URL(base).host };
    try {
      // A 1.x item whose picture is a file beside it.
      const v1 = fixture('ninjs-1x-story.json');
      v1.associations.featureimage.renditions.original.href = `file://${join(work, 'harbour-crane.jpg')}`;
      writeFileSync(join(work, 'v1.json'), JSON.stringify(v1));
      const first = await runCli(['ingest', '--publish', '--json', join(work, 'v1.json')], env);
      assert.equal(first.code, 0, first.stderr);
      const out = JSON.parse(first.stdout.trim());
      assert.equal(out.status, 'published');
      assert.match(out.id, /^[0-9a-z]{26}$/);
      assert.equal(out.url, 'https://news.example.com/business/harbour-authority-orders-six-electric-cranes-to-cut-diesel-use');

      const article = await handle.db.selectFrom('articles').selectAll().where('id', '=', out.id).executeTakeFirstOrThrow();
      assert.equal(article.headline, 'Harbour authority orders six electric cranes to cut diesel use');
      assert.equal(article.dateline_place, 'Kochi');
      assert.equal(article.published_at, '2025-06-27T04:12:00.000Z', 'firstcreated becomes Published On');
      assert.equal(article.updated_at, '2025-06-27T06:45:30.000Z', 'versioncreated becomes Updated On');
      const authors = await handle.db.selectFrom('article_authors').innerJoin('people', 'people.id', 'article_authors.person_id').select('people.name').where('article_id', '=', out.id).orderBy('position').execute();
      assert.deepEqual(authors.map((a) => a.name), ['Asha Rao', 'Tom Field']);
      const hero = await handle.db.selectFrom('media').selectAll().where('id', '=', article.hero_media_id!).executeTakeFirstOrThrow();
      assert.equal(hero.credit, 'CoastWire/Meera Nair');
      assert.equal(hero.show_disclaimer, 1, 'an agency credit turns the disclaimer on');
      assert.equal(hero.width, 2400);
      assert.match(hero.caption, /diesel crane unloads containers/);
      assert.ok(!JSON.stringify(article.body).includes('<p>'), 'the body is stored as a document, not HTML');

      // The same item again updates the story instead of duplicating it.
      const again = await runCli(['ingest', '--json', join(work, 'v1.json')], env);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(JSON.parse(again.stdout).id, out.id);
      assert.equal(JSON.parse(again.stdout).updated, true);

      // A 2.x item with its picture on an (allow-listed) HTTP server, left as a draft.
      const v2 = fixture('ninjs-2x-story.json');
      for (const r of v2.associations.find?.((a: { name: string }) => a.name === 'featureimage')?.renditions ?? (Object.values(v2.associations)[0] as { renditions?: { href: string }[] } | undefined)?.renditions ?? []) r.href = `${base}/photo.jpg`;
      writeFileSync(join(work, 'v2.json'), JSON.stringify(v2));
      const draft = await runCli(['ingest', '--json', join(work, 'v2.json')], env);
      assert.equal(draft.code, 0, draft.stderr);
      assert.equal(JSON.parse(draft.stdout).status, 'draft');

      const articlesBefore = (await handle.db.selectFrom('articles').select('id').execute()).length;
      const filesBefore = filesUnder(join(work, 'data', 'media')).length;

      // Bad input: each is refused naming the file and the field, and nothing is written.
      const bad: [string, unknown, RegExp][] = [
        ['no-headline.json', fixture('ninjs-no-headline.json'), /no-headline\.json: field "headline/],
        ['bad-date.json', fixture('ninjs-bad-date.json'), /bad-date\.json: field "\w+/],
        ['js-href.json', fixture('ninjs-javascript-href.json'), /js-href\.json: field "associations\.featureimage\.renditions/],
        ['missing-picture.json', { ...v1, uri: 'urn:x:missing', associations: { featureimage: { ...v1.associations.featureimage, renditions: { original: { href: `${base}/gone.jpg` } } } } }, /missing-picture\.json: field "associations\.featureimage\.renditions\.href": .*gone\.jpg/],
        ['html-picture.json', { ...v1, uri: 'urn:x:html', associations: { featureimage: { ...v1.associations.featureimage, renditions: { original: { href: `${base}/page.jpg` } } } } }, /html-picture\.json: .*not a supported image/],
        ['outside.json', { ...v1, uri: 'urn:x:outside', associations: { featureimage: { ...v1.associations.featureimage, renditions: { original: { href: 'file:///etc/passwd' } } } } }, /outside\.json: field "associations\.featureimage\.renditions\.href"/],
      ];
      for (const [name, body] of bad) writeFileSync(join(work, name), JSON.stringify(body));
      writeFileSync(join(work, 'malformed.json'), '{"headline": "unterminated');
      for (const [name, , pattern] of bad) {
        const run = await runCli(['ingest', '--publish', join(work, name)], env);
        assert.equal(run.code, 1, `${name} fails`);
        assert.match(run.stderr, pattern);
        assert.match(run.stderr, /nothing was written/);
      }
      const malformed = await runCli(['ingest', join(work, 'malformed.json')], env);
      assert.equal(malformed.code, 1);
      assert.match(malformed.stderr, /malformed\.json: malformed JSON/);
      const missingFile = await runCli(['ingest', join(work, 'nope.json')], env);
      assert.match(missingFile.stderr, /nope\.json: file not found/);

      assert.equal((await handle.db.selectFrom('articles').select('id').execute()).length, articlesBefore, 'no article was written');
      assert.equal(filesUnder(join(work, 'data', 'media')).length, filesBefore, 'no media file was left behind');
    } finally {
      server.close();
      await handle.close();
    }
  });
}
