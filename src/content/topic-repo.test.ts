import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, type TestApp } from '../../test/support/test-app.js';
import { createTopicRepo } from './topic-repo.js';

async function story(app: TestApp, headline: string, tags: string[], at: string) {
  const { directory, articles } = app.services;
  app.clock.set(at);
  const section = await directory.ensureSection('News');
  const tagIds = [];
  for (const tag of tags) tagIds.push((await directory.ensureTag(tag)).id);
  return articles.publish((await articles.create({ headline, body: paragraphs('Words.'), sectionId: section.id, tagIds })).id);
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('scores add 1/(stories with the tag) per shared tag, weighted by age'), async () => {
    const app = await createTestApp(target);
    try {
      const topics = createTopicRepo(app.database.db);
      const both = await story(app, 'Shares both', ['Common', 'Rare'], '2025-06-10T00:00:00Z');
      const common = await story(app, 'Shares common', ['Common'], '2025-06-10T00:00:00Z');
      const main = await story(app, 'Main', ['Common', 'Rare'], '2025-06-10T00:00:00Z');
      const now = new Date('2025-06-10T12:00:00Z');
      const ranked = await topics.relatedStories(main.id, { limit: 5, now });
      // Common is on 3 stories, Rare on 2: 1/3 + 1/2 and 1/3, all under a day old (weight 1).
      assert.deepEqual(ranked.map((r) => r.id), [both.id, common.id]);
      assert.ok(Math.abs(ranked[0]!.score - (1 / 3 + 1 / 2)) < 1e-9, String(ranked[0]!.score));
      assert.ok(Math.abs(ranked[1]!.score - 1 / 3) < 1e-9, String(ranked[1]!.score));
      const monthLater = await topics.relatedStories(main.id, { limit: 5, now: new Date('2025-07-20T00:00:00Z') });
      assert.ok(Math.abs(monthLater[1]!.score - (1 / 3) * 0.5) < 1e-9, `30–60 days old counts half (${monthLater[1]!.score})`);
      assert.deepEqual(await topics.relatedStories(main.id, { limit: 5, now, excludeIds: [both.id] }).then((r) => r.map((x) => x.id)), [common.id], 'excluded stories stay out');
    } finally {
      await app.close();
    }
  });

  test(name('a tag on more stories than the limit brings candidates only when the story has nothing rarer'), async () => {
    const app = await createTestApp(target);
    try {
      const topics = createTopicRepo(app.database.db);
      for (let i = 0; i < 3; i++) await story(app, `Everywhere ${i}`, ['Everywhere'], `2025-06-0${i + 1}T00:00:00Z`);
      const rare = await story(app, 'Rare sharer', ['Rare'], '2025-06-05T00:00:00Z');
      const main = await story(app, 'Main', ['Everywhere', 'Rare'], '2025-06-06T00:00:00Z');
      const onlyCommon = await story(app, 'Only common', ['Everywhere'], '2025-06-07T00:00:00Z');
      const now = new Date('2025-06-08T00:00:00Z');
      assert.deepEqual((await topics.relatedStories(main.id, { limit: 5, now, commonTagLimit: 2 })).map((r) => r.id), [rare.id], 'the common tag is passed over');
      assert.equal((await topics.relatedStories(main.id, { limit: 5, now })).length, 5, 'under the default limit it counts');
      assert.equal((await topics.relatedStories(onlyCommon.id, { limit: 5, now, commonTagLimit: 2 })).length, 4, 'the rarest tag a story has always counts');
    } finally {
      await app.close();
    }
  });

  test(name('what is read about each tag is read once when remembered, and ranks the same as read anew'), async () => {
    const app = await createTestApp(target);
    try {
      const topics = createTopicRepo(app.database.db);
      for (let i = 0; i < 3; i++) await story(app, `Monsoon ${i}`, ['Monsoon'], `2025-06-0${i + 1}T00:00:00Z`);
      const both = await story(app, 'Monsoon and dams', ['Monsoon', 'Dams'], '2025-06-05T00:00:00Z');
      const dams = await story(app, 'Dams only', ['Dams'], '2025-06-06T00:00:00Z');
      const now = new Date('2025-06-07T00:00:00Z');
      // A remembering map, as the page builder's generation memo is, counting each load.
      const kept = new Map<string, Promise<unknown>>();
      const loads: string[] = [];
      const remember = <T>(key: string, load: () => Promise<T>): Promise<T> => {
        if (!kept.has(key)) {
          loads.push(key);
          kept.set(key, load());
        }
        return kept.get(key) as Promise<T>;
      };
      for (const s of [both, dams, both]) {
        const anew = await topics.relatedStories(s.id, { limit: 5, now });
        assert.deepEqual(await topics.relatedStories(s.id, { limit: 5, now, remember }), anew, `${s.headline}: the same ranking, scores included`);
        assert.deepEqual(await topics.relatedStories(s.id, { limit: 5, now, remember, tagIds: s.tagIds }), anew, `${s.headline}: the same with the tags handed in`);
      }
      assert.ok((await topics.relatedStories(dams.id, { limit: 5, now, remember })).some((r) => r.id === both.id), 'a story sharing a remembered tag is still found');
      // Two tags: each one's published count and newest stories read once for all the stories above.
      assert.deepEqual(loads.sort(), [`tag-candidates:${dams.tagIds[0]}:200`, `tag-candidates:${both.tagIds[0]}:200`, `tag-published:${dams.tagIds[0]}`, `tag-published:${both.tagIds[0]}`].sort());
    } finally {
      await app.close();
    }
  });

  test(name('on a big tag only its newest stories are candidates, each scored with every tag it shares'), async () => {
    const app = await createTestApp(target);
    try {
      const topics = createTopicRepo(app.database.db);
      const oldBoth = await story(app, 'Old, shares both', ['Big', 'Small'], '2025-06-01T00:00:00Z');
      const older = await story(app, 'Older big', ['Big'], '2025-06-02T00:00:00Z');
      const newer = await story(app, 'Newer big', ['Big'], '2025-06-03T00:00:00Z');
      const newest = await story(app, 'Newest big', ['Big'], '2025-06-04T00:00:00Z');
      const main = await story(app, 'Main', ['Big', 'Small'], '2025-06-05T00:00:00Z');
      const now = new Date('2025-06-05T12:00:00Z');
      const full = await topics.relatedStories(main.id, { limit: 5, now });
      assert.deepEqual(full.map((r) => r.id), [oldBoth.id, newest.id, newer.id, older.id], 'every story when the tag is small enough');
      const bounded = await topics.relatedStories(main.id, { limit: 5, now, candidatesPerTag: 3 });
      // Big's three newest by id are main, newest and newer; Small brings the old story, which
      // is scored with both of its tags all the same.
      assert.deepEqual(bounded.map((r) => r.id), [oldBoth.id, newest.id, newer.id]);
      assert.ok(Math.abs(bounded[0]!.score - full[0]!.score) < 1e-12, 'the same score as the full ranking');
      await app.services.articles.unpublish(newest.id);
      assert.deepEqual((await topics.relatedStories(main.id, { limit: 5, now, candidatesPerTag: 3 })).map((r) => r.id), [oldBoth.id, newer.id], 'a withdrawn story drops out');
    } finally {
      await app.close();
    }
  });
}
