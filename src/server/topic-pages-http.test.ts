import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, type TestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';

/** A story with `tags`, published at `at` (or left a draft), without a picture: fast to make many. */
async function story(app: TestApp, headline: string, tags: string[], at: string, options: { publish?: boolean; section?: string } = {}) {
  const { directory, articles } = app.services;
  app.clock.set(at);
  const section = await directory.ensureSection(options.section ?? 'News');
  const tagIds = [];
  for (const tag of tags) tagIds.push((await directory.ensureTag(tag)).id);
  const draft = await articles.create({ headline, standfirst: `About ${headline}.`, body: paragraphs('Words.'), sectionId: section.id, tagIds });
  return options.publish === false ? draft : articles.publish(draft.id);
}

async function page(app: TestApp, url: string): Promise<string> {
  await app.services.cache.invalidate();
  const res = await app.app.inject(url);
  assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
  return res.body;
}

/** The headlines in one rail or block of a page, in order. */
function headlinesIn(block: string): string[] {
  return [...block.matchAll(/class="teaser-title"><a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]!);
}

function relatedRail(html: string): string | null {
  return /<section class="rail" aria-labelledby="related-h">[\s\S]*?<\/section>/.exec(html)?.[0] ?? null;
}

function jsonLd(html: string): Record<string, any>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

function relatedTopics(html: string): [string, number][] {
  const block = /<section class="rail topic-related"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...block.matchAll(/href="\/topic\/([^"]+)">[^<]*<span class="chip-count">(\d+)/g)].map((m) => [m[1]!, Number(m[2])]);
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('a topic page shows its kind, escaped description and aliases, edited in the admin; bad descriptions are refused by name'), async () => {
    const app = await createTestApp(target);
    try {
      await story(app, 'Minister visits the harbour', ['Rajnath Singh'], '2025-06-20T05:00:00Z');
      const editor = await signIn(app, 'editor');
      const tag = (await editor.request('GET', '/api/admin/tags?q=rajnath')).json.items[0];
      assert.equal(tag.description, '', 'a new tag has no description');
      const description = 'Defence minister <script>alert(1)</script> & "MP" for Lucknow';
      const patched = await editor.request('PATCH', `/api/admin/tags/${tag.id}`, { kind: 'person', aliases: ['Rajnath', 'R. Singh'], description });
      assert.equal(patched.status, 200, patched.body);
      assert.equal(patched.json.description, description);

      const html = await page(app, '/topic/rajnath-singh');
      assert.ok(html.includes('<p class="kicker">Person</p>'), 'the kind is shown');
      assert.ok(html.includes('Defence minister &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;MP&quot; for Lucknow'), 'the description is escaped');
      assert.ok(!html.includes('<script>alert(1)'), 'never as markup');
      assert.match(html, /Also known as<\/span> <span>Rajnath<\/span>, <span>R\. Singh<\/span>/);
      const collection = jsonLd(html).find((d) => d['@type'] === 'CollectionPage')!;
      assert.deepEqual(collection.about, { '@type': 'Person', name: 'Rajnath Singh', alternateName: ['Rajnath', 'R. Singh'], description });
      assert.deepEqual(jsonLd(html).find((d) => d['@type'] === 'BreadcrumbList')!.itemListElement.map((i: { name: string }) => i.name), ['The Test Times', 'Rajnath Singh']);
      assert.match(html, /<link rel="alternate" type="application\/rss\+xml"[^>]*href="https:\/\/news\.example\.com\/topic\/rajnath-singh\/rss"/, 'its feed is announced');

      await editor.request('PATCH', `/api/admin/tags/${tag.id}`, { kind: 'organisation' });
      assert.equal(jsonLd(await page(app, '/topic/rajnath-singh')).find((d) => d['@type'] === 'CollectionPage')!.about['@type'], 'Organization');
      await editor.request('PATCH', `/api/admin/tags/${tag.id}`, { kind: 'event' });
      assert.equal(jsonLd(await page(app, '/topic/rajnath-singh')).find((d) => d['@type'] === 'CollectionPage')!.about, undefined, 'no schema.org type for an event topic page');

      const before = await fingerprint(app.database.db);
      for (const [body, why] of [
        [{ description: 'x'.repeat(1001) }, 'too long'],
        [{ description: 'a\u0000b' }, 'a NUL'],
        [{ description: 42 }, 'not text'],
      ] as const) {
        const res = await editor.request('PATCH', `/api/admin/tags/${tag.id}`, body);
        assert.equal(res.status, 400, `${why}: ${res.body}`);
        assert.equal(res.json.error.field, 'description', why);
      }
      const created = await editor.request('POST', '/api/admin/tags', { name: 'Long one', description: 'y'.repeat(1001) });
      assert.equal(created.status, 400);
      assert.equal(created.json.error.field, 'description');
      assertUnchanged(before, await fingerprint(app.database.db));

      const long = 'The minister spoke at length about the harbour. '.repeat(20).trim();
      assert.equal((await editor.request('PATCH', `/api/admin/tags/${tag.id}`, { description: long })).status, 200);
      const longPage = await page(app, '/topic/rajnath-singh');
      assert.ok(longPage.includes(`<p class="standfirst">${long}</p>`), 'the page shows the whole description');
      const meta = /<meta name="description" content="([^"]*)">/.exec(longPage)![1]!;
      assert.ok(meta.length <= 300 && long.startsWith(meta), `the meta description keeps whole sentences within 300 characters (${meta.length})`);

      const withDescription = await editor.request('POST', '/api/admin/tags', { name: 'Shanghai Cooperation Organisation', kind: 'organisation', description: 'A regional bloc.' });
      assert.equal(withDescription.status, 201, withDescription.body);
      assert.equal(withDescription.json.description, 'A regional bloc.');
    } finally {
      await app.close();
    }
  });

  test(name('the timeline groups stories by month in the site time zone, newest first, and paginates'), async () => {
    const app = await createTestApp(target);
    try {
      await story(app, 'April story', ['Monsoon'], '2025-04-10T06:00:00Z');
      // 20:00 UTC on 31 May is 1 June in Kolkata: the site's month, not UTC's.
      await story(app, 'Late May in UTC', ['Monsoon'], '2025-05-31T20:00:00Z');
      await story(app, 'Mid May story', ['Monsoon'], '2025-05-15T06:00:00Z');
      await story(app, 'June story', ['Monsoon'], '2025-06-20T06:00:00Z');
      await story(app, 'A draft in June', ['Monsoon'], '2025-06-21T06:00:00Z', { publish: false });

      const html = await page(app, '/topic/monsoon');
      const months = [...html.matchAll(/<h2 class="timeline-when" id="month-([0-9-]+)"><time datetime="[0-9-]+">([^<]+)<\/time><\/h2>/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(months, [['2025-06', 'June 2025'], ['2025-05', 'May 2025'], ['2025-04', 'April 2025']]);
      const june = html.slice(html.indexOf('id="month-2025-06"'), html.indexOf('id="month-2025-05"'));
      assert.deepEqual(headlinesIn(june), ['June story', 'Late May in UTC']);
      assert.deepEqual(headlinesIn(html), ['June story', 'Late May in UTC', 'Mid May story', 'April story'], 'newest first; the draft never shows');
      assert.match(june, /<time class="timeline-day" datetime="2025-05-31T20:00:00.000Z">1 Jun<\/time>/, 'each story shows its day');

      for (let i = 0; i < 10; i++) await story(app, `March story ${i}`, ['Monsoon'], `2025-03-${String(10 + i).padStart(2, '0')}T06:00:00Z`);
      const first = await page(app, '/topic/monsoon');
      assert.equal(headlinesIn(first).length, 12);
      assert.ok(first.includes('href="/topic/monsoon?page=2" rel="next"'));
      const second = await page(app, '/topic/monsoon?page=2');
      assert.deepEqual(headlinesIn(second), ['March story 1', 'March story 0']);
      assert.match(second, /id="month-2025-03"/);
      assert.equal((await app.app.inject('/topic/monsoon?page=3')).statusCode, 404);
    } finally {
      await app.close();
    }
  });

  test(name('related topics count the published stories they share, most first, and never a draft'), async () => {
    const app = await createTestApp(target);
    try {
      await story(app, 'One', ['Monsoon', 'Kerala', 'Fishing'], '2025-06-01T06:00:00Z');
      await story(app, 'Two', ['Monsoon', 'Kerala'], '2025-06-02T06:00:00Z');
      await story(app, 'Three', ['Monsoon', 'Kerala', 'Budget'], '2025-06-03T06:00:00Z');
      await story(app, 'Four', ['Monsoon', 'Budget'], '2025-06-04T06:00:00Z');
      await story(app, 'Unrelated', ['Cricket', 'Kerala'], '2025-06-05T06:00:00Z');
      await story(app, 'Secret draft', ['Monsoon', 'Secret Merger', 'Kerala'], '2025-06-06T06:00:00Z', { publish: false });
      const withdrawn = await story(app, 'Withdrawn', ['Monsoon', 'Withdrawn Tag'], '2025-06-07T06:00:00Z');
      await app.services.articles.unpublish(withdrawn.id);

      const html = await page(app, '/topic/monsoon');
      assert.deepEqual(relatedTopics(html), [['kerala', 3], ['budget', 2], ['fishing', 1]]);
      assert.ok(!html.includes('Secret Merger') && !html.includes('secret-merger'), "a draft's tags never leak");
      assert.ok(!html.includes('withdrawn-tag'), "an unpublished story's tags do not count");
      assert.deepEqual(relatedTopics(await page(app, '/topic/cricket')), [['kerala', 1]]);
    } finally {
      await app.close();
    }
  });

  test(name('related stories rank rarer shared tags above common ones and newer above older, and never show unpublished stories'), async () => {
    const app = await createTestApp(target);
    try {
      // "India" is on many stories, "Submarine deal" on two: sharing the rare one says more.
      for (let i = 0; i < 5; i++) await story(app, `India filler ${i}`, ['India'], `2025-05-0${i + 1}T06:00:00Z`);
      await story(app, 'Shares the rare tag', ['Submarine deal'], '2025-06-10T06:00:00Z', { section: 'Sport' });
      await story(app, 'Shares the common tag', ['India'], '2025-06-11T06:00:00Z', { section: 'Sport' });
      const main = await story(app, 'The main story', ['India', 'Submarine deal'], '2025-06-12T06:00:00Z');
      await story(app, 'A draft on the deal', ['Submarine deal'], '2025-06-12T07:00:00Z', { publish: false });
      const gone = await story(app, 'Withdrawn deal story', ['Submarine deal'], '2025-06-12T08:00:00Z');
      await app.services.articles.unpublish(gone.id);

      const rail = relatedRail(await page(app, `/news/${main.slug}`));
      assert.ok(rail, 'the rail is shown');
      const order = headlinesIn(rail);
      assert.equal(order[0], 'Shares the rare tag', `rare beats common although older (${order.join(' | ')})`);
      assert.equal(order[1], 'Shares the common tag', 'then the newest story sharing the common tag');
      assert.deepEqual(order.slice(2), ['India filler 4', 'India filler 3'], 'at equal overlap, newer first');
      assert.equal(order.length, 4);
      assert.ok(!order.includes('The main story'), 'never the story itself');

      const html = await page(app, `/news/${main.slug}`);
      assert.ok(!html.includes('A draft on the deal') && !html.includes('Withdrawn deal story'), 'no unpublished story anywhere on the page');
      const more = /<section class="rail" aria-labelledby="more-h">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
      assert.deepEqual(headlinesIn(more), ['India filler 2', 'India filler 1', 'India filler 0'], '"More from" leaves out what the related rail shows');
    } finally {
      await app.close();
    }
  });

  test(name('the rails pages share are read once per content generation and follow the next change'), async () => {
    const app = await createTestApp(target);
    try {
      const early = await story(app, 'Cyclone warning issued', ['Cyclone'], '2025-06-10T06:00:00Z');
      const first = await story(app, 'Cyclone makes landfall', ['Cyclone'], '2025-06-11T06:00:00Z');
      const second = await story(app, 'Cyclone relief reaches the coast', ['Cyclone'], '2025-06-12T06:00:00Z');
      assert.ok(headlinesIn(relatedRail(await page(app, `/news/${first.slug}`)) ?? '').includes(early.headline));

      // Taken down behind the app's back: no change is announced, so the generation stands.
      await sql`update articles set status = 'draft' where id = ${early.id}`.execute(app.database.db);
      // Another story's page is built from what the first one read about the tag and its stories.
      const stale = await page(app, `/news/${second.slug}`);
      assert.ok(headlinesIn(relatedRail(stale) ?? '').includes(early.headline), 'the tag\'s stories are remembered, not read again for each page');

      // Any change made through the app bumps the generation; every page reads afresh.
      await app.services.siteState.bumpContentGeneration();
      const fresh = await page(app, `/news/${second.slug}`);
      assert.ok(!fresh.includes(early.headline), 'gone from the related rail and from "More from"');
      assert.deepEqual(headlinesIn(relatedRail(fresh) ?? ''), [first.headline]);
    } finally {
      await app.close();
    }
  });

  test(name('newer beats older at equal overlap, and a story sharing no tags has no related rail'), async () => {
    const app = await createTestApp(target);
    try {
      await story(app, 'Older cyclone story', ['Cyclone'], '2025-01-10T06:00:00Z');
      await story(app, 'Newer cyclone story', ['Cyclone'], '2025-06-10T06:00:00Z');
      const main = await story(app, 'Cyclone makes landfall', ['Cyclone'], '2025-06-12T06:00:00Z');
      const lonely = await story(app, 'A story about nothing shared', ['Lonely'], '2025-06-12T07:00:00Z');
      const untagged = await story(app, 'A story without tags', [], '2025-06-12T08:00:00Z');

      assert.deepEqual(headlinesIn(relatedRail(await page(app, `/news/${main.slug}`)) ?? ''), ['Newer cyclone story', 'Older cyclone story']);
      for (const s of [lonely, untagged]) {
        const html = await page(app, `/news/${s.slug}`);
        assert.equal(relatedRail(html), null, `${s.headline}: no related rail`);
        assert.ok(!html.includes('Related stories'));
      }
    } finally {
      await app.close();
    }
  });
}
