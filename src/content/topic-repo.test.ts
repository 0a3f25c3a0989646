import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledQuery, sql } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, type TestApp } from '../../test/support/test-app.js';
import { insertStories } from '../../test/support/bulk-stories.js';
import { createTopicRepo, recencyWeight } from './topic-repo.js';

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
      // Big's three newest published are main, newest and newer; Small brings the old story, which
      // is scored with both of its tags all the same.
      assert.deepEqual(bounded.map((r) => r.id), [oldBoth.id, newest.id, newer.id]);
      assert.ok(Math.abs(bounded[0]!.score - full[0]!.score) < 1e-12, 'the same score as the full ranking');
      await app.services.articles.unpublish(newest.id);
      assert.deepEqual((await topics.relatedStories(main.id, { limit: 5, now, candidatesPerTag: 3 })).map((r) => r.id), [oldBoth.id, newer.id, older.id], 'a withdrawn story drops out, and the next published one comes in');
    } finally {
      await app.close();
    }
  });

  test(name('the ranking stops reading a list only where nothing further could enter: the same as scoring every story'), async () => {
    const app = await createTestApp(target);
    try {
      const { directory, articles } = app.services;
      const topics = createTopicRepo(app.database.db);
      const section = await directory.ensureSection('News');
      const tagIds: string[] = [];
      for (const tag of ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon']) tagIds.push((await directory.ensureTag(tag)).id);
      // A fixed pseudo-random walk, so that a failure repeats.
      let seed = 7;
      const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
      app.clock.set('2025-01-01T00:00:00Z');
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) {
        const mine = tagIds.filter(() => random() < 0.4);
        ids.push((await articles.create({ headline: `Story ${i}`, body: paragraphs('Words.'), sectionId: section.id, tagIds: mine.length ? mine : [tagIds[i % 5]!] })).id);
      }
      // Published over a year in an order unrelated to their ids, which the tag lists are read by.
      for (const id of ids) {
        app.clock.set(new Date(Date.parse('2025-01-02T00:00:00Z') + Math.floor(random() * 360) * 86_400_000).toISOString());
        await articles.publish(id);
      }
      const db = app.database.db;
      const tagsOf = new Map<string, string[]>();
      for (const row of await db.selectFrom('article_tags').select(['article_id', 'tag_id']).execute()) tagsOf.set(row.article_id, [...(tagsOf.get(row.article_id) ?? []), row.tag_id]);
      const stories = (await db.selectFrom('articles').select(['id', 'published_at']).where('status', '=', 'published').execute()).map((r) => ({ id: r.id, publishedMs: Date.parse(r.published_at!) }));
      const carrying = new Map<string, number>();
      for (const story of stories) for (const tagId of tagsOf.get(story.id)!) carrying.set(tagId, (carrying.get(tagId) ?? 0) + 1);
      const now = new Date('2026-01-15T00:00:00Z');
      const weight = recencyWeight(now);
      let compared = 0;
      for (const id of ids) {
        const mine = tagsOf.get(id)!;
        // Every other story scored, no list read partly.
        const everyScore = stories
          .filter((s) => s.id !== id)
          .map((s) => ({ id: s.id, score: tagsOf.get(s.id)!.filter((t) => mine.includes(t)).reduce((sum, t) => sum + 1 / carrying.get(t)!, 0) * weight(s.publishedMs) }))
          .filter((s) => s.score > 0);
        const expected = everyScore.map((s) => s.score).sort((a, b) => b - a).slice(0, 4);
        const ranked = await topics.relatedStories(id, { limit: 4, now, candidatesPerTag: 1000 });
        assert.equal(ranked.length, expected.length);
        ranked.forEach((r, i) => {
          assert.ok(Math.abs(r.score - expected[i]!) < 1e-12, `story ${ids.indexOf(id)}, place ${i}: ${r.score} against ${expected[i]}`);
          assert.ok(Math.abs(r.score - everyScore.find((s) => s.id === r.id)!.score) < 1e-12, 'each story keeps its own score');
        });
        compared += ranked.length;
      }
      assert.ok(compared > 200, `rankings compared: ${compared}`);
    } finally {
      await app.close();
    }
  });

  test(name('related topics count the published stories each tag shares with the topic, most first, then by name'), async () => {
    const app = await createTestApp(target);
    try {
      const db = app.database.db;
      const { directory } = app.services;
      const section = await directory.ensureSection('News');
      const person = await directory.createPerson({ name: 'Asha Rao' });
      const tagIds: string[] = [];
      for (let n = 0; n < 24; n++) tagIds.push((await directory.ensureTag(`Topic ${String(n).padStart(2, '0')}`)).id);
      // Each story one tag in turn, then one or two more drawn unevenly (a fixed walk, so that a
      // failure repeats); every tenth a draft.
      await insertStories(db, { count: 3000, start: new Date('2024-01-01T00:00:00Z'), stepMs: 3_600_000, sectionIds: [section.id], personIds: [person.id], tagIds, status: (n) => (n % 10 === 3 ? 'draft' : 'published') });
      const stories = await db.selectFrom('articles').select(['id', 'slug', 'status']).execute();
      let seed = 11;
      const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
      const extra = stories.flatMap((story) => {
        const n = Number(story.slug.slice('story-'.length));
        const more = [tagIds[Math.floor(random() ** 2 * 24)]!, ...(random() < 0.3 ? [tagIds[Math.floor(random() * 24)]!] : [])];
        return [...new Set(more)].filter((tagId) => tagId !== tagIds[n % 24]).map((tagId, i) => ({ article_id: story.id, tag_id: tagId, position: i + 1 }));
      });
      for (let at = 0; at < extra.length; at += 500) await db.insertInto('article_tags').values(extra.slice(at, at + 500)).execute();
      if (target.name === 'postgres') await sql`analyze`.execute(db);

      const published = new Set(stories.filter((s) => s.status === 'published').map((s) => s.id));
      const links = await db.selectFrom('article_tags').select(['article_id', 'tag_id']).execute();
      const tagsOf = new Map<string, string[]>();
      for (const link of links) tagsOf.set(link.article_id, [...(tagsOf.get(link.article_id) ?? []), link.tag_id]);
      const names = new Map((await db.selectFrom('tags').select(['id', 'name']).execute()).map((t) => [t.id, t.name]));
      const topics = createTopicRepo(db);
      for (const tagId of [tagIds[0]!, tagIds[13]!]) {
        const shared = new Map<string, number>();
        for (const [storyId, tags] of tagsOf) {
          if (!published.has(storyId) || !tags.includes(tagId)) continue;
          for (const other of tags) if (other !== tagId) shared.set(other, (shared.get(other) ?? 0) + 1);
        }
        const expected = [...shared].sort((a, b) => b[1] - a[1] || (names.get(a[0])! < names.get(b[0])! ? -1 : 1)).slice(0, 8);
        assert.ok(expected.length === 8 && expected[0]![1] > expected[7]![1], 'a ranking with counts that differ');
        assert.deepEqual((await topics.related(tagId, 8)).map((t) => [t.id, t.stories]), expected);
      }

      if (target.name === 'postgres') {
        // Planned on this archive, the plain join hashed every tag link to meet the topic's stories
        // (a sequential scan of article_tags); the look-up per story reads only theirs.
        const statements: CompiledQuery[] = [];
        const executor = db.getExecutor();
        const watched = db.withPlugin({ transformQuery: (args) => (statements.push(executor.compileQuery(args.node, args.queryId)), args.node), transformResult: async (args) => args.result });
        await createTopicRepo(watched).related(tagIds[0]!, 8);
        // The plugin is shown the grouped subquery, then the statement sent.
        const statement = statements.at(-1)!;
        assert.match(statement.sql, /^select "t"\."id"/);
        const plan = (await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${statement.sql}`, [...statement.parameters]))).rows.map((r) => r['QUERY PLAN']).join('\n');
        assert.doesNotMatch(plan, /Seq Scan on article_tags/, plan);
        assert.match(plan, /Index Cond: \(article_id = mine\.article_id\)/, plan);
      }
    } finally {
      await app.close();
    }
  });
}
