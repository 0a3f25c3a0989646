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
      v1.associations.editor_0.renditions.original.href = `file://${join(work, 'harbour-crane.jpg')}`;
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
      assert.equal((await handle.db.selectFrom('media').select('id').execute()).length, 2, 'the inline picture went to the library');

      // The same item again updates the story instead of duplicating it.
      const again = await runCli(['ingest', '--json', join(work, 'v1.json')], env);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(JSON.parse(again.stdout).id, out.id);
      assert.equal(JSON.parse(again.stdout).updated, true);
      assert.equal((await handle.db.selectFrom('media').select('id').execute()).length, 2, 'the same pictures again are reused, not copied');

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
        ['missing-picture.json', { ...v1, uri: 'urn:x:missing', associations: { featureimage: { ...v1.associations.featureimage, renditions: { original: { href: `${base}/gone.jpg` } } } } }, /missing-picture\.json: field "associations\.featureimage\.renditions\.original\.href": .*gone\.jpg/],
        ['html-picture.json', { ...v1, uri: 'urn:x:html', associations: { featureimage: { ...v1.associations.featureimage, renditions: { original: { href: `${base}/page.jpg` } } } } }, /html-picture\.json: .*not a supported image/],
        ['outside.json', { ...v1, uri: 'urn:x:outside', associations: { featureimage: { ...v1.associations.featureimage, renditions: { original: { href: 'file:///etc/passwd' } } } } }, /outside\.json: field "associations\.featureimage\.renditions\.original\.href"/],
        ['inline-missing.json', { ...v1, uri: 'urn:x:inline', associations: { ...v1.associations, editor_0: { type: 'picture', renditions: { original: { href: `${base}/gone.jpg` } } } } }, /inline-missing\.json: field "associations\.editor_0\.renditions\.original\.href"/],
        ['no-uri.json', { ...v1, uri: undefined }, /no-uri\.json: field "uri": a uri is required/],
        ['no-text.json', { uri: 'urn:x:empty', type: 'composite', headline: 'Gallery only' }, /no-text\.json: field "body_html": the item carries no text/],
        ['video.json', { uri: 'urn:x:video', type: 'video', headline: 'Clip' }, /video\.json: field "type": .*this is a "video" item/],
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

  test(`[${target.name}] dateline ingest imports IPTC-shaped composite, 2.x and 3.x items with their heroes, and kills a withheld story`, async () => {
    const handle = await target.create();
    const work = mkdtempSync(join(tmpdir(), 'dateline-ingest-iptc-'));
    writeFileSync(join(work, 'photo.jpg'), await testPhoto(1800, 1200));
    const env = { DATA_DIR: join(work, 'data'), DATABASE_URL: databaseUrl(handle.target), SITE_URL: 'https://news.example.com' };
    try {
      for (const name of ['ninjs-1x-composite.json', 'ninjs-2x-composite.json', 'ninjs-3x-story.json']) {
        writeFileSync(join(work, name), JSON.stringify(withLocalPictures(fixture(name), `file://${join(work, 'photo.jpg')}`)));
      }
      const names = ['ninjs-1x-composite.json', 'ninjs-2x-composite.json', 'ninjs-3x-story.json'];
      const run = await runCli(['ingest', '--publish', '--json', ...names.map((n) => join(work, n))], env);
      assert.equal(run.code, 0, run.stderr);
      const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((l) => [l.status, l.killed, l.pubStatus]), names.map(() => ['published', false, 'usable']));
      for (const line of lines) {
        const article = await handle.db.selectFrom('articles').selectAll().where('id', '=', line.id).executeTakeFirstOrThrow();
        assert.ok(article.hero_media_id, `${line.file} has its hero`);
      }
      // Hero + portrait, hero + photo_2, a001: five pictures; the logos are graphics, not pictures.
      const media = await handle.db.selectFrom('media').select(['credit', 'show_disclaimer']).execute();
      assert.equal(media.length, 5);
      assert.ok(media.some((m) => m.credit === 'AFP' && Number(m.show_disclaimer) === 1), 'a further picture keeps its agency credit');
      const authors = await handle.db.selectFrom('people').select('name').orderBy('name').execute();
      assert.deepEqual(authors.map((a) => a.name), ['Astrid Holm', 'Camille Roche', 'Idris Bello', 'Noor Siddiqui']);

      // The agency withholds the 3.x story: it is taken down, said so, and nothing else changes.
      writeFileSync(join(work, 'withheld.json'), JSON.stringify(fixture('ninjs-3x-withheld.json')));
      const kill = await runCli(['ingest', '--publish', '--json', join(work, 'withheld.json')], env);
      assert.equal(kill.code, 0, kill.stderr);
      const killed = JSON.parse(kill.stdout);
      assert.deepEqual([killed.id, killed.status, killed.killed, killed.pubStatus], [lines[2].id, 'unpublished', true, 'withheld']);
      const human = await runCli(['ingest', join(work, 'withheld.json')], env);
      assert.match(human.stdout, /withheld\.json → unpublished \(withheld by the agency, so not published\)/);

      // A withheld item with no story behind it is refused, and writes nothing.
      writeFileSync(join(work, 'orphan.json'), JSON.stringify({ ...fixture('ninjs-3x-withheld.json'), uri: 'http://nordvik.example/text/never-sent' }));
      const before = (await handle.db.selectFrom('articles').select('id').execute()).length;
      const orphan = await runCli(['ingest', '--publish', join(work, 'orphan.json')], env);
      assert.equal(orphan.code, 1);
      assert.match(orphan.stderr, /orphan\.json: field "pubStatus": The agency withheld this item, and no story was imported from it/);
      assert.equal((await handle.db.selectFrom('articles').select('id').execute()).length, before);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] dateline ingest says "Killed" for a withheld live story, reads arrays item by item, and survives a NUL byte`, async () => {
    const handle = await target.create();
    const work = mkdtempSync(join(tmpdir(), 'dateline-ingest-pkg-'));
    const env = { DATA_DIR: join(work, 'data'), DATABASE_URL: databaseUrl(handle.target), SITE_URL: 'https://news.example.com' };
    try {
      const live = fixture('ninjs-2x-description-text.json');
      writeFileSync(join(work, 'live.json'), JSON.stringify(live));
      writeFileSync(join(work, 'kill.json'), JSON.stringify({ ...live, pubstatus: 'canceled' }));
      assert.equal((await runCli(['ingest', '--publish', join(work, 'live.json')], env)).code, 0);
      const kill = await runCli(['ingest', '--publish', join(work, 'kill.json')], env);
      assert.equal(kill.code, 0, kill.stderr);
      assert.match(kill.stdout, /^Killed .*kill\.json → unpublished \(cancelled by the agency\): https:\/\/news\.example\.com\//);

      // An array of items: each imports or fails on its own, reported as file#index.
      writeFileSync(join(work, 'package.json'), readFileSync(join(fixtures, 'ninjs-package.json')));
      const pkg = await runCli(['ingest', '--json', join(work, 'package.json')], env);
      assert.equal(pkg.code, 1);
      const results = pkg.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(results.map((r) => [r.file.replace(work, ''), r.ok]), [['/package.json#0', true], ['/package.json#1', false], ['/package.json#2', true]]);
      assert.equal(results[1].error.field, 'headlines');
      assert.match(pkg.stderr, /package\.json#1: field "headlines"/);

      // A NUL byte (which PostgreSQL refuses in text) is stripped, and the next file still imports.
      writeFileSync(join(work, 'nul.json'), JSON.stringify({ uri: 'urn:x:nul', type: 'text', headline: 'Dock\u0000 strike ends', body_text: 'Cranes\u0000 moved again at noon.', byline: 'By Ravi\u0000 Menon' }));
      writeFileSync(join(work, 'after.json'), JSON.stringify({ uri: 'urn:x:after', type: 'text', headline: 'Harbour fees frozen', body_text: 'Fees stay as they are.' }));
      const nul = await runCli(['ingest', '--json', join(work, 'nul.json'), join(work, 'after.json')], env);
      assert.equal(nul.code, 0, nul.stderr);
      const [first, second] = nul.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.ok(first.ok && second.ok);
      const stored = await handle.db.selectFrom('articles').select(['headline', 'body']).where('id', '=', first.id).executeTakeFirstOrThrow();
      assert.equal(stored.headline, 'Dock strike ends');
      assert.ok(!JSON.stringify(stored.body).includes('\\u0000'));
      const person = await handle.db.selectFrom('people').select('name').where('name', 'like', 'Ravi%').executeTakeFirstOrThrow();
      assert.equal(person.name, 'Ravi Menon');
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] dateline ingest files an item with no section of its own in the desk's default section`, async () => {
    const handle = await target.create();
    const work = mkdtempSync(join(tmpdir(), 'dateline-ingest-'));
    const env = { DATA_DIR: join(work, 'data'), DATABASE_URL: databaseUrl(handle.target), SITE_URL: 'https://news.example.com', SITE_DEFAULT_SECTION: 'news' };
    try {
      // An editor picked "World" as the default section in the desk's settings.
      await handle.db.insertInto('sections').values({ id: '01jyqsection0000000000world', slug: 'world', name: 'World', description: '', position: 0, created_at: '2025-06-27T04:30:00.000Z' }).execute();
      await handle.db.insertInto('site_state').values({ key: 'setting:defaultSection', value: 'world' }).execute();
      writeFileSync(join(work, 'item.json'), JSON.stringify({ uri: 'urn:test:default-section', type: 'text', headline: 'A story that names no section', body_text: 'One paragraph of copy.' }));
      const run = await runCli(['ingest', '--json', join(work, 'item.json')], env);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(JSON.parse(run.stdout).url, 'https://news.example.com/world/a-story-that-names-no-section');
      assert.equal((await handle.db.selectFrom('sections').select('slug').execute()).length, 1, 'no "news" section was made from the environment default');
    } finally {
      await handle.close();
    }
  });

}

/** Points every rendition of every association at a local picture, as a newsroom's mirror would. */
function withLocalPictures(item: Record<string, any>, href: string): Record<string, any> {
  const list = (value: unknown): Record<string, any>[] => (Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : []);
  for (const association of list(item.associations)) {
    if (association.type === 'picture') for (const rendition of list(association.renditions)) rendition.href = href;
  }
  return item;
}
