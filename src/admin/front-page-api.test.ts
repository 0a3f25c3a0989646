import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, testPhoto, type TestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';

/** Everything a refused request must leave alone, the stored front page and the content generation included. */
async function state(app: TestApp) {
  const rows = await app.database.db.selectFrom('site_state').select(['key', 'value']).where('key', 'in', ['front_page', 'content_generation']).orderBy('key').execute();
  return { ...(await fingerprint(app.database.db)), site_state: JSON.stringify(rows) };
}

/** One picture per app, shared by its stories: encoding a picture per story would slow the suite for nothing. */
async function picture(app: TestApp): Promise<string> {
  const found = await app.database.db.selectFrom('media').select('id').executeTakeFirst();
  if (found) return found.id;
  const prepared = await app.services.media.prepare(await testPhoto(800, 450), { alt: 'Rain', caption: 'Rain', credit: 'MNA' });
  await app.database.db.transaction().execute((trx) => prepared.commit(trx));
  return prepared.id;
}

/** A published story; `picture: false` makes a brief with no hero picture. */
async function story(app: TestApp, headline: string, options: { section?: string; picture?: boolean; publish?: boolean } = {}) {
  const section = await app.services.directory.ensureSection(options.section ?? 'News');
  const heroMediaId = options.picture === false ? null : await picture(app);
  const draft = await app.services.articles.create({ headline, body: paragraphs('One.', 'Two.'), sectionId: section.id, heroMediaId });
  app.clock.advance(60_000);
  return options.publish === false ? draft : app.services.articles.publish(draft.id);
}

/** What the home page shows where: the lead, the top stories, the banner and the rails, by headline and slug. */
async function home(app: TestApp) {
  const html = (await app.app.inject('/')).body;
  const titles = (part: string) => [...part.matchAll(/class="teaser-title"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
  const between = (start: string, end: string) => {
    const from = html.indexOf(start);
    return from < 0 ? '' : html.slice(from, html.indexOf(end, from));
  };
  return {
    html,
    lead: titles(between('teaser--lead', '</article>'))[0],
    top: titles(between('class="front-top"', '</section>')),
    latest: titles(between('class="front-latest"', '</section>')),
    banner: between('class="breaking"', '</div>'),
    rails: [...html.matchAll(/<section class="rail rail--compact" aria-labelledby="rail-([^"]+)"/g)].map((m) => m[1]),
  };
}

const save = (version: number, change: object = {}) => ({ version, lead: null, top: [], breaking: null, rails: [], ...change });

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('contributors and authors may neither see nor arrange the front page, and a refusal changes nothing'), async () => {
    const app = await createTestApp(target);
    try {
      const lead = await story(app, 'Harbour floods');
      const editor = await signIn(app, 'editor');
      const admin = await signIn(app, 'admin');
      const readOnly = (await admin.request('POST', '/api/admin/api-keys', { name: 'Feeds', scope: 'content-read' })).json.key;
      const clients = { contributor: await signIn(app, 'contributor'), author: await signIn(app, 'author') };
      const before = await state(app);
      for (const [role, client] of Object.entries(clients)) {
        for (const [method, url, body] of [
          ['GET', '/api/admin/front-page', undefined],
          ['GET', '/api/admin/front-page/stories', undefined],
          ['PUT', '/api/admin/front-page', save(0, { lead: { articleId: lead.id, expiresAt: null } })],
        ] as const) {
          const res = await client.request(method, url, body);
          assert.equal(res.status, 403, `${role} ${method} ${url}: ${res.body}`);
          assert.equal(res.json.error.code, 'FORBIDDEN');
        }
        assertUnchanged(before, await state(app));
      }
      const bearer = { authorization: `Bearer ${readOnly}` };
      const keyPut = await app.app.inject({ method: 'PUT', url: '/api/admin/front-page', headers: bearer, payload: save(0) });
      assert.equal(keyPut.statusCode, 403, 'a read-only key may not arrange the front page, whoever owns it');
      assert.equal((await app.app.inject({ url: '/api/admin/front-page', headers: bearer })).statusCode, 200, 'but may read it');
      assert.equal((await state(app)).site_state, before.site_state, 'the front page and the content generation are as they were');
      assert.equal((await editor.request('GET', '/api/admin/front-page')).status, 200, 'an editor may');
    } finally {
      await app.close();
    }
  });

  test(name('bad input is refused with 400 naming the field, a stale version with 409, and nothing changes'), async () => {
    const app = await createTestApp(target);
    try {
      const a = await story(app, 'Harbour floods');
      const draft = await story(app, 'Not yet', { publish: false });
      const editor = await signIn(app, 'editor');
      assert.equal((await editor.request('PUT', '/api/admin/front-page', save(0, { lead: { articleId: a.id, expiresAt: null } }))).status, 200);
      const before = await state(app);
      const pin = (articleId: string, expiresAt: string | null = null) => ({ articleId, expiresAt });
      const cases: [string, unknown, string][] = [
        ['no version', { lead: null, top: [], breaking: null, rails: [] }, 'version'],
        ['seven top stories', save(1, { top: Array.from({ length: 7 }, (_, i) => pin(String(i).padStart(26, 'a'))) }), 'top'],
        ['a story pinned twice', save(1, { lead: pin(a.id), top: [pin(a.id)] }), 'top.0.articleId'],
        ['an expiry that is no date', save(1, { top: [pin(a.id, 'tomorrow')] }), 'top.0.expiresAt'],
        ['a script URL in the banner', save(1, { breaking: { text: 'Polls close', url: 'javascript:alert(1)', expiresAt: null } }), 'breaking.url'],
        ['a banner of two lines', save(1, { breaking: { text: 'Polls\nclose', url: '/news', expiresAt: null } }), 'breaking.text'],
        ['a story that does not exist', save(1, { lead: pin('z'.repeat(26)) }), 'lead.articleId'],
        ['a section that does not exist', save(1, { rails: [{ sectionId: 'z'.repeat(26), visible: true }] }), 'rails.0.sectionId'],
        ['an unknown field', { ...save(1), sticky: true }, 'sticky'],
      ];
      for (const [what, body, field] of cases) {
        const res = await editor.request('PUT', '/api/admin/front-page', body);
        assert.equal(res.status, 400, `${what}: ${res.body}`);
        assert.equal(res.json.error.field, field, what);
      }
      const stale = await editor.request('PUT', '/api/admin/front-page', save(0, { lead: pin(draft.id) }));
      assert.equal(stale.status, 409, stale.body);
      assert.equal(stale.json.error.code, 'FRONT_PAGE_CHANGED');
      assertUnchanged(before, await state(app));
    } finally {
      await app.close();
    }
  });

  test(name('the home page follows a save at once, even with the page cache warm'), async () => {
    const app = await createTestApp(target);
    try {
      const older = await story(app, 'Older story with a picture');
      const pinned = await story(app, 'Pinned top story');
      await story(app, 'Newest story');
      const warm = await home(app);
      assert.equal(warm.lead, 'Newest story');
      assert.equal(warm.banner, '');
      const editor = await signIn(app, 'editor');
      const res = await editor.request(
        'PUT',
        '/api/admin/front-page',
        save(0, { lead: { articleId: older.id, expiresAt: null }, top: [{ articleId: pinned.id, expiresAt: null }], breaking: { text: 'Polls close at six', url: '/news', expiresAt: null } }),
      );
      assert.equal(res.status, 200, res.body);
      assert.deepEqual([res.json.version, typeof res.json.savedBy, res.json.inactive], [1, 'string', []]);
      const after = await home(app);
      assert.equal(after.lead, 'Older story with a picture');
      assert.deepEqual(after.top, ['Pinned top story', 'Newest story']);
      assert.match(after.banner, /role="region" aria-label="Breaking news".*href="\/news">Polls close at six<\/a>/);
      assert.equal((after.html.match(/class="teaser-title"><a href="[^"]+">Pinned top story</g) ?? []).length, 1, 'no story twice among the teasers (Most read is its own list)');
    } finally {
      await app.close();
    }
  });

  test(name('a brief without a picture never takes the lead or a picture slot; it shows in Latest'), async () => {
    const app = await createTestApp(target);
    try {
      await story(app, 'Story with a picture');
      await story(app, 'Two-paragraph brief', { picture: false });
      const page = await home(app);
      assert.equal(page.lead, 'Story with a picture', 'before: the newest story led, picture or not');
      assert.deepEqual([page.top, page.latest], [[], ['Two-paragraph brief']]);
      const editor = await signIn(app, 'editor');
      const brief = (await editor.request('GET', '/api/admin/front-page/stories?q=brief')).json.items[0];
      assert.deepEqual([brief.headline, brief.hasPicture], ['Two-paragraph brief', false]);
      const res = await editor.request('PUT', '/api/admin/front-page', save(0, { lead: { articleId: brief.id, expiresAt: null } }));
      assert.deepEqual(res.json.inactive.map((p: { slot: string; reason: string }) => `${p.slot}:${p.reason}`), ['lead:no-picture']);
      assert.equal((await home(app)).lead, 'Story with a picture', 'a pinned lead without a picture does not lead either');
    } finally {
      await app.close();
    }
  });

  test(name('pins to unpublished stories are skipped, and lapsed pins and banners leave at their time without a save'), async () => {
    const app = await createTestApp(target);
    try {
      const pinned = await story(app, 'Pinned until noon');
      await story(app, 'Newest story');
      const draft = await story(app, 'A draft', { publish: false });
      const editor = await signIn(app, 'editor');
      const until = new Date(app.clock.now().getTime() + 3_600_000).toISOString();
      const res = await editor.request(
        'PUT',
        '/api/admin/front-page',
        save(0, { lead: { articleId: pinned.id, expiresAt: until }, top: [{ articleId: draft.id, expiresAt: null }], breaking: { text: 'Storm warning', url: 'https://weather.example.org/', expiresAt: until } }),
      );
      assert.deepEqual(res.json.inactive.map((p: { slot: string; reason: string }) => `${p.slot}:${p.reason}`), ['top.0:not-published']);
      const during = await home(app);
      assert.deepEqual([during.lead, during.top.includes('A draft'), /Storm warning/.test(during.banner)], ['Pinned until noon', false, true]);
      app.clock.advance(3_600_000);
      const after = await home(app);
      assert.deepEqual([after.lead, after.banner], ['Newest story', ''], 'the cached page was not served past the expiry');
      const details = (await editor.request('GET', '/api/admin/front-page')).json;
      assert.deepEqual(details.inactive.map((p: { slot: string; reason: string }) => `${p.slot}:${p.reason}`), ['lead:expired', 'top.0:not-published', 'breaking:expired']);
    } finally {
      await app.close();
    }
  });

  test(name('"More from" a section with one other story is one wide card, not a row of four with three empty'), async () => {
    const app = await createTestApp(target);
    try {
      await story(app, 'Bird count in the wetlands', { section: 'Science' });
      const latest = await story(app, 'Aquifer map redrawn', { section: 'Science' });
      const page = (await app.app.inject(`/science/${latest.slug}`)).body;
      const more = page.slice(page.indexOf('id="more-h"'));
      assert.match(more, /^[^]*?<div class="grid grid--n1"><article class="teaser teaser--card"/, 'one card, one column');
      assert.ok(!page.includes('grid--4'), 'no fixed four-column row');
    } finally {
      await app.close();
    }
  });

  test(name('rails follow the editors order and hidden ones are left out; with nothing saved every section shows'), async () => {
    const app = await createTestApp(target);
    try {
      // Enough stories that each section keeps some for its rail after the lead, top stories and Latest.
      for (let i = 0; i < 12; i++) await story(app, `Filler ${i}`, { section: 'News' });
      for (const section of ['World', 'Sport', 'Culture']) for (let i = 0; i < 2; i++) await story(app, `${section} ${i}`, { section });
      for (let i = 12; i < 24; i++) await story(app, `Filler ${i}`, { section: 'News' });
      // Sections reach the pages when the cache next reads the content generation (within a second); now, here.
      await app.services.cache.invalidate();
      assert.deepEqual((await home(app)).rails, ['culture', 'news', 'sport', 'world'], 'section order (all at position 0, so by name)');
      const editor = await signIn(app, 'editor');
      const { rails, version } = (await editor.request('GET', '/api/admin/front-page')).json;
      const bySlug = Object.fromEntries((await app.database.db.selectFrom('sections').select(['slug', 'id']).execute()).map((s) => [s.slug, s.id]));
      assert.equal(rails.length, 4);
      const order = [
        { sectionId: bySlug.sport, visible: true },
        { sectionId: bySlug.news, visible: false },
        { sectionId: bySlug.culture, visible: true },
        { sectionId: bySlug.world, visible: true },
      ];
      assert.equal((await editor.request('PUT', '/api/admin/front-page', save(version, { rails: order }))).status, 200);
      assert.deepEqual((await home(app)).rails, ['sport', 'culture', 'world']);
    } finally {
      await app.close();
    }
  });
}
