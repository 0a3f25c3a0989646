import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { seedNewsroom, type Newsroom } from '../../test/support/content-api-newsroom.js';

type Answer = { status: number; json: any; headers: Record<string, unknown> };

for (const target of await testDatabases()) {
  describe(`[${target.name}] Content API over HTTP`, () => {
    let app: TestApp;
    let room: Newsroom;
    before(async () => {
      app = await createTestApp(target);
      room = await seedNewsroom(app);
    });
    after(() => app.close());

    async function get(path: string, query: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<Answer> {
      const search = new URLSearchParams({ key: room.key, ...query });
      const res = await app.app.inject({ url: `/ghost/api/content${path}?${search}`, headers });
      return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : null, headers: res.headers };
    }
    const slugs = (answer: Answer) => answer.json.posts.map((p: { slug: string }) => p.slug);
    const hiddenIds = () => Object.values(room.hidden).map((a) => a.id);

    test('a published story reads in Ghost’s post shape, with Dateline’s extras beside it', async () => {
      const { status, json, headers } = await get('/posts/slug/monsoon-reaches-kerala/', { include: 'authors,tags' });
      assert.equal(status, 200);
      assert.equal(headers['content-version'], 'v6.0');
      assert.equal(json.meta, undefined, 'a read has no pagination');
      const [post] = json.posts;
      assert.equal(post.id, room.published.monsoon.id);
      assert.match(post.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(post.title, 'Monsoon reaches Kerala');
      assert.equal(post.html, '<p>The first paragraph of the story.</p><p>The second paragraph of the story.</p>');
      assert.equal(post.plaintext, undefined, 'plaintext only with formats=plaintext');
      assert.match(post.feature_image, /^https:\/\/news\.example\.com\/media\/.+\.jpg$/);
      assert.equal(post.feature_image_alt, 'Rain over the harbour');
      assert.equal(post.feature_image_caption, 'Rain over the harbour on Friday.');
      assert.equal(post.published_at, '2025-06-20T06:00:00.000Z');
      assert.equal(post.url, 'https://news.example.com/news/monsoon-reaches-kerala');
      assert.equal(post.custom_excerpt, 'The rains arrived two days early.');
      assert.equal(post.excerpt, 'The rains arrived two days early.');
      assert.equal(post.featured, false);
      assert.equal(post.visibility, 'public');
      assert.equal(post.reading_time, 1);
      assert.deepEqual(post.authors.map((a: { slug: string }) => a.slug), ['asha-rao']);
      assert.equal(post.primary_author.url, 'https://news.example.com/author/asha-rao');
      assert.deepEqual(post.tags.map((t: { slug: string }) => t.slug), ['weather', 'kerala']);
      assert.equal(post.primary_tag.slug, 'weather');
      assert.equal(post.standfirst, 'The rains arrived two days early.');
      assert.equal(post.views, 0);
      assert.equal(post.credit, 'ANI');
      assert.equal(post.disclaimer, 'Disclaimer: This image is taken from ANI.');
      assert.deepEqual(post.section, { slug: 'news', name: 'News', url: 'https://news.example.com/news' });
      const byId = await get(`/posts/${room.published.monsoon.id}/`);
      assert.equal(byId.json.posts[0].slug, 'monsoon-reaches-kerala');
      assert.equal(byId.json.posts[0].authors, undefined, 'authors only with include');
      const staff = (await get('/posts/slug/harbour-cranes-stand-idle/')).json.posts[0];
      assert.equal(staff.disclaimer, null, 'a staff picture carries no disclaimer');
    });

    test('browse lists published stories newest first, in pages with Ghost’s meta.pagination', async () => {
      const all = await get('/posts/');
      assert.deepEqual(slugs(all), ['city-budget-passes-after-rain-delay', 'a-final-over-thriller', 'harbour-cranes-stand-idle', 'monsoon-reaches-kerala']);
      assert.deepEqual(all.json.meta.pagination, { page: 1, limit: 15, pages: 1, total: 4, next: null, prev: null });
      const second = await get('/posts/', { limit: '3', page: '2' });
      assert.deepEqual(slugs(second), ['monsoon-reaches-kerala']);
      assert.deepEqual(second.json.meta.pagination, { page: 2, limit: 3, pages: 2, total: 4, next: null, prev: 1 });
      const beyond = await get('/posts/', { limit: '3', page: '9' });
      assert.deepEqual(beyond.json.posts, []);
      assert.deepEqual(beyond.json.meta.pagination, { page: 9, limit: 3, pages: 2, total: 4, next: null, prev: 8 });
      assert.deepEqual(slugs(await get('/posts/', { order: 'title asc', limit: '2' })), ['a-final-over-thriller', 'city-budget-passes-after-rain-delay']);
      assert.equal((await get('/posts/', { limit: 'all' })).json.meta.pagination.limit, 100);
    });

    test('every later page is the slice of the whole list, for filters and orders, and never holds an unpublished story', async () => {
      // Pages past the first find their ids first, without the sections join unless the filter
      // names the section (post-repo.ts): the same stories as the whole list, in its order.
      const filters = ['', 'tag:weather', 'section:sport,tag:harbour', 'author:ben-ode', 'tag:weather,status:draft', 'published_at:>2000-01-01,published_at:null'];
      for (const filter of filters) {
        for (const order of ['published_at desc', 'title asc', 'views desc', 'published_at asc']) {
          const query = { ...(filter ? { filter } : {}), order, fields: 'id' };
          const whole = (await get('/posts/', { ...query, limit: 'all' })).json.posts.map((p: { id: string }) => p.id);
          assert.ok(whole.every((id: string) => !hiddenIds().includes(id)));
          for (const limit of [1, 3]) {
            for (let page = 1; page <= whole.length + 1; page++) {
              const answer = await get('/posts/', { ...query, limit: String(limit), page: String(page) });
              assert.deepEqual(answer.json.posts.map((p: { id: string }) => p.id), whole.slice((page - 1) * limit, page * limit), `${filter} ${order} limit ${limit} page ${page}`);
              assert.equal(answer.json.meta.pagination.total, whole.length, `${filter}: the count`);
            }
          }
        }
      }
    });

    test('filters narrow the list as Ghost’s do', async () => {
      const cases: [string, string[]][] = [
        ['tag:weather', ['city-budget-passes-after-rain-delay', 'monsoon-reaches-kerala']],
        ['tags:[harbour,cricket]', ['a-final-over-thriller', 'harbour-cranes-stand-idle']],
        ['tag:-weather', ['a-final-over-thriller', 'harbour-cranes-stand-idle']],
        ['tags:[weather+budget]', ['city-budget-passes-after-rain-delay']],
        ['author:ben-ode', ['city-budget-passes-after-rain-delay', 'harbour-cranes-stand-idle']],
        ['primary_author:asha-rao+tag:kerala', ['monsoon-reaches-kerala']],
        ["published_at:>'2025-06-21 00:00:00'+published_at:<=2025-06-24T06:00:00Z", ['a-final-over-thriller', 'harbour-cranes-stand-idle']],
        ['published_at:>now-2d', ['city-budget-passes-after-rain-delay']],
        ["title:~'rain'", ['city-budget-passes-after-rain-delay']],
        ["title:~^'monsoon'", ['monsoon-reaches-kerala']],
        ['section:sport', ['a-final-over-thriller']],
        ['slug:harbour-cranes-stand-idle,slug:a-final-over-thriller', ['a-final-over-thriller', 'harbour-cranes-stand-idle']],
        ['views:>=0+featured:false+visibility:public+status:published', ['city-budget-passes-after-rain-delay', 'a-final-over-thriller', 'harbour-cranes-stand-idle', 'monsoon-reaches-kerala']],
        ['featured:true', []],
      ];
      for (const [filter, expected] of cases) {
        const answer = await get('/posts/', { filter, fields: 'slug' });
        assert.equal(answer.status, 200, `${filter}: ${JSON.stringify(answer.json)}`);
        assert.deepEqual(slugs(answer), expected, filter);
        assert.equal(answer.json.meta.pagination.total, expected.length, filter);
      }
    });

    test('no filter, read or listing ever reaches a draft, a submitted, scheduled or unpublished story', async () => {
      const sneaky = [
        'status:draft', 'status:[draft,submitted,scheduled,unpublished]', 'status:-published', 'published_at:null', 'published_at:-null+tag:secret',
        '(status:draft,published_at:null)+tag:weather', 'tag:weather,status:draft', 'status:published,status:draft', 'tag:secret', 'author:hidden-writer',
        "title:~'storm'", 'slug:secret-draft-about-the-storm', `id:${room.hidden.draft.id}`, `id:[${hiddenIds().join(',')}]`, 'published_at:>2000-01-01,published_at:null',
        'updated_at:>2000-01-01', 'tag:weather,tag:-weather', 'slug:-nothing', '((status:draft,slug:-xyz),(published_at:null,visibility:public))',
      ];
      for (const filter of sneaky) {
        const answer = await get('/posts/', { filter, limit: 'all' });
        assert.equal(answer.status, 200, `${filter}: ${JSON.stringify(answer.json)}`);
        const ids: string[] = answer.json.posts.map((p: { id: string }) => p.id);
        assert.ok(ids.every((id) => !hiddenIds().includes(id)), `${filter} reached an unpublished story`);
        assert.ok(answer.json.meta.pagination.total <= 4, `${filter} counted unpublished stories`);
      }
      for (const hidden of Object.values(room.hidden)) {
        assert.equal((await get(`/posts/${hidden.id}/`)).status, 404);
        assert.equal((await get(`/posts/slug/${hidden.slug}/`)).json.errors[0].type, 'NotFoundError');
      }
      assert.ok(!(await get('/authors/', { limit: 'all' })).json.authors.some((a: { slug: string }) => a.slug === 'hidden-writer'));
      assert.ok(!(await get('/tags/', { limit: 'all' })).json.tags.some((t: { slug: string }) => t.slug === 'secret'));
      assert.equal((await get('/authors/slug/hidden-writer/')).status, 404);
      assert.equal((await get('/tags/slug/secret/')).status, 404);
      const weather = await get('/tags/slug/weather/', { include: 'count.posts' });
      assert.equal(weather.json.tags[0].count.posts, 2, 'a tag counts only published stories');
    });

    test('authors and tags list only those with published stories, with count.posts on request', async () => {
      const authors = await get('/authors/', { include: 'count.posts' });
      assert.deepEqual(authors.json.authors.map((a: any) => [a.slug, a.count.posts]), [['asha-rao', 2], ['ben-ode', 2]]);
      assert.deepEqual(authors.json.meta.pagination.total, 2);
      const tags = await get('/tags/', { include: 'count.posts', order: 'count.posts desc', limit: '2' });
      assert.deepEqual(tags.json.tags.map((t: any) => t.slug)[0], 'weather');
      assert.equal(tags.json.meta.pagination.total, 5);
      assert.equal((await get('/tags/', { filter: 'slug:[kerala,harbour]' })).json.tags.length, 2);
      const author = await get('/authors/slug/ben-ode/', { fields: 'name,url' });
      assert.deepEqual(author.json.authors[0], { id: author.json.authors[0].id, name: 'Ben Ode', url: 'https://news.example.com/author/ben-ode' });
    });

    test('pages, settings and tiers answer as Ghost’s clients expect', async () => {
      const pages = await get('/pages/', { formats: 'html,plaintext' });
      assert.equal(pages.json.pages.length, 1);
      assert.equal(pages.json.pages[0].url, 'https://news.example.com/about-us');
      assert.equal(pages.json.pages[0].plaintext, 'We report the city.');
      assert.equal((await get('/pages/slug/about-us/')).json.pages[0].title, 'About us');
      const { json } = await get('/settings/');
      assert.equal(json.settings.title, 'The Test Times');
      assert.equal(json.settings.timezone, 'Asia/Kolkata');
      assert.deepEqual(json.settings.navigation.map((n: { label: string }) => n.label).sort(), ['Business', 'News', 'Sport']);
      assert.equal(json.settings.url, 'https://news.example.com/');
      const tiers = await get('/tiers/');
      assert.deepEqual(tiers.json, { tiers: [], meta: { pagination: { page: 1, limit: 15, pages: 1, total: 0, next: null, prev: null } } });
    });

    test('/api/content is the same API, with or without Ghost’s trailing slash', async () => {
      const res = await app.app.inject({ url: `/api/content/posts?key=${room.key}&filter=tag:kerala` });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().posts.map((p: { slug: string }) => p.slug), ['monsoon-reaches-kerala']);
    });
  });
}
