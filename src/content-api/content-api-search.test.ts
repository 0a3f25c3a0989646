import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { seedNewsroom, type Newsroom } from '../../test/support/content-api-newsroom.js';

for (const target of await testDatabases()) {
  describe(`[${target.name}] Content API: q on posts`, () => {
    let app: TestApp;
    let room: Newsroom;
    before(async () => {
      app = await createTestApp(target);
      room = await seedNewsroom(app);
    });
    after(() => app.close());

    async function get(path: string, query: Record<string, string>) {
      const res = await app.app.inject({ url: `/ghost/api/content${path}?${new URLSearchParams({ key: room.key, ...query })}` });
      return { status: res.statusCode, json: JSON.parse(res.body) };
    }
    const slugs = (json: any) => json.posts.map((p: { slug: string }) => p.slug);

    test('q narrows posts to the stories that match, with pagination counting only them', async () => {
      // No stemming: "rain OR rains" finds the standfirst's "rains" as well.
      const rain = await get('/posts/', { q: 'rain OR rains' });
      assert.equal(rain.status, 200);
      assert.deepEqual(slugs(rain.json).sort(), ['city-budget-passes-after-rain-delay', 'monsoon-reaches-kerala'], 'the headline and the standfirst match');
      assert.equal(rain.json.meta.pagination.total, 2);
      const withFilter = await get('/posts/', { q: 'rain', filter: 'tag:budget' });
      assert.deepEqual(slugs(withFilter.json), ['city-budget-passes-after-rain-delay'], 'q and filter combine');
      assert.deepEqual(slugs((await get('/posts/', { q: 'rain OR rains -budget' })).json), ['monsoon-reaches-kerala']);
      assert.deepEqual(slugs((await get('/posts/', { q: '"final over"' })).json), ['a-final-over-thriller']);
    });

    test('q never reaches a story readers cannot see', async () => {
      for (const q of ['storm', 'secret', '"storm story"', 'withdrawn']) {
        const answer = await get('/posts/', { q });
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.json.posts, [], `${q} finds nothing unpublished`);
      }
    });

    test('a q with nothing to search for is refused naming q; hostile input never errors', async () => {
      const refused = await get('/posts/', { q: 'AND OR *' });
      assert.equal(refused.status, 422);
      assert.equal(refused.json.errors[0].property, 'q');
      for (const q of ['x'.repeat(10_000), 'S-400', 'NEAR(', '"', '-']) {
        const answer = await get('/posts/', { q });
        assert.ok(answer.status === 200 || (answer.status === 422 && answer.json.errors[0].property === 'q'), `${q.slice(0, 10)} → ${answer.status}`);
      }
    });
  });
}
