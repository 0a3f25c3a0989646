import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import GhostContentAPI from '@tryghost/content-api';
import { testDatabases } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { seedNewsroom, type Newsroom } from '../support/content-api-newsroom.js';

/**
 * Ghost's own JavaScript client (@tryghost/content-api), unchanged, against a listening
 * Dateline: if it reads us, front ends written for Ghost do too.
 */
for (const target of await testDatabases()) {
  describe(`[${target.name}] Ghost's official Content API client reads a Dateline site`, () => {
    let app: TestApp;
    let room: Newsroom;
    let api: ReturnType<typeof GhostContentAPI>;
    let base: string;
    before(async () => {
      app = await createTestApp(target, { PORT: '0' });
      room = await seedNewsroom(app);
      base = (await app.listen()).replace('[::1]', '127.0.0.1');
      api = GhostContentAPI({ url: base, key: room.key, version: 'v5.0' });
    });
    after(() => app.close());

    test('browses posts newest first, with meta.pagination', async () => {
      const posts = await api.posts.browse();
      assert.deepEqual(posts.map((p) => p.title), ['City budget passes after rain delay', 'A final over thriller', 'Harbour cranes stand idle', 'Monsoon reaches Kerala']);
      assert.deepEqual(posts.meta.pagination, { page: 1, limit: 15, pages: 1, total: 4, next: null, prev: null });
    });

    test('reads one post by slug and by id', async () => {
      const bySlug = await api.posts.read({ slug: 'monsoon-reaches-kerala' });
      assert.equal(bySlug.id, room.published.monsoon.id);
      assert.equal(bySlug.disclaimer, 'Disclaimer: This image is taken from ANI.');
      const byId = await api.posts.read({ id: room.published.harbour.id }, { formats: ['html', 'plaintext'] });
      assert.equal(byId.slug, 'harbour-cranes-stand-idle');
      assert.match(byId.plaintext, /^The first paragraph of the story\./);
      assert.match(byId.html, /^<p>/);
    });

    test('filters by tag, author and a published_at range', async () => {
      assert.deepEqual((await api.posts.browse({ filter: 'tag:weather' })).map((p) => p.slug), ['city-budget-passes-after-rain-delay', 'monsoon-reaches-kerala']);
      assert.deepEqual((await api.posts.browse({ filter: 'author:ben-ode+tag:harbour' })).map((p) => p.slug), ['harbour-cranes-stand-idle']);
      const range = await api.posts.browse({ filter: "published_at:>='2025-06-21'+published_at:<'2025-06-25'", order: 'published_at asc' });
      assert.deepEqual(range.map((p) => p.slug), ['harbour-cranes-stand-idle', 'a-final-over-thriller']);
      const drafts = await api.posts.browse({ filter: 'status:draft,published_at:null,tag:secret' });
      assert.deepEqual([...drafts], [], 'no filter reaches an unpublished story');
    });

    test('includes authors and tags, and selects fields', async () => {
      const [post] = await api.posts.browse({ include: ['authors', 'tags'], limit: 1 });
      assert.equal(post.primary_author.name, 'Ben Ode');
      assert.deepEqual(post.tags.map((t: { slug: string }) => t.slug), ['weather', 'budget']);
      assert.equal(post.primary_tag.url, 'https://news.example.com/topic/weather');
      const [slim] = await api.posts.browse({ fields: ['title', 'url'], limit: 1 });
      assert.deepEqual(Object.keys(slim).sort(), ['id', 'title', 'url']);
    });

    test('paginates with limit and page', async () => {
      const second = await api.posts.browse({ limit: 2, page: 2 });
      assert.deepEqual(second.map((p) => p.slug), ['harbour-cranes-stand-idle', 'monsoon-reaches-kerala']);
      assert.deepEqual(second.meta.pagination, { page: 2, limit: 2, pages: 2, total: 4, next: null, prev: 1 });
    });

    test('reads authors, tags, settings, pages and tiers', async () => {
      const authors = await api.authors.browse({ include: 'count.posts' });
      assert.deepEqual(authors.map((a) => [a.slug, a.count.posts]), [['asha-rao', 2], ['ben-ode', 2]]);
      assert.equal((await api.authors.read({ slug: 'asha-rao' })).name, 'Asha Rao');
      const tags = await api.tags.browse({ limit: 'all', filter: 'slug:[weather,kerala]' });
      assert.deepEqual(tags.map((t) => t.slug), ['kerala', 'weather']);
      assert.equal((await api.tags.read({ slug: 'weather' }, { include: 'count.posts' })).count.posts, 2);
      const settings = await api.settings.browse();
      assert.equal(settings.title, 'The Test Times');
      assert.equal(settings.url, 'https://news.example.com/');
      const pages = await api.pages.browse();
      assert.deepEqual(pages.map((p) => p.slug), ['about-us']);
      const tiers = await api.tiers.browse();
      assert.deepEqual([...tiers], []);
      assert.equal(tiers.meta.pagination.total, 0);
    });

    test('the default Accept-Version of the client (v6.0) is served too', async () => {
      const latest = GhostContentAPI({ url: base, key: room.key, version: true });
      assert.equal((await latest.posts.browse({ limit: 1 })).length, 1);
    });

    test('is refused with a wrong key: the client rejects with Ghost’s UnauthorizedError', async () => {
      const wrong = GhostContentAPI({ url: base, key: '0123456789abcdef0123456789', version: 'v5.0' });
      await assert.rejects(wrong.posts.browse(), (err: Error & { type?: string; response?: { status: number } }) => {
        assert.equal(err.name, 'UnauthorizedError');
        assert.equal(err.message, 'Unknown Content API Key');
        assert.equal(err.response?.status, 401);
        return true;
      });
      await assert.rejects(api.posts.read({ slug: 'secret-draft-about-the-storm' }), (err: Error) => err.name === 'NotFoundError');
      // The client itself refuses any key that is not 26 hex characters, which is why content keys take that form.
      assert.throws(() => GhostContentAPI({ url: base, key: room.adminKey, version: 'v5.0' }), /26 hex characters/);
    });
  });
}
