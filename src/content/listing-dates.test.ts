import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createArticleReadRepo, createArticleService, createDirectoryService } from './index.js';
import { createTopicRepo } from './topic-repo.js';
import type { DocNode } from '../doc/types.js';

// Each tag and byline holds its story's `published_at` while the story is published, and null
// otherwise (migrations 0026, 0027): topic and byline pages, their counts, feeds and related topics
// read those rows alone. Triggers keep the copy, so it must hold after every way a story, its tags
// or its bylines change, ours or not.
const body: DocNode = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Words.' }] }] };

for (const target of await testDatabases()) {
  test(`[${target.name}] a tag and a byline hold their story's date exactly while the story is published, whatever changes the story, its tags or its bylines`, async () => {
    const handle = await target.create();
    try {
      const db = handle.db;
      const clock = createManualClock('2025-06-27T04:30:00Z');
      const newId = createIdGenerator();
      const directory = createDirectoryService({ db, clock, newId });
      const articles = createArticleService({ db, clock, newId });
      const read = createArticleReadRepo(db);
      const topics = createTopicRepo(db);
      const section = await directory.createSection({ name: 'News' });
      const harbour = await directory.ensureTag('Harbour');
      const ferries = await directory.ensureTag('Ferries');
      const storms = await directory.ensureTag('Storms');

      const asha = await directory.createPerson({ name: 'Asha Rao' });
      const tom = await directory.createPerson({ name: 'Tom Field' });

      /** Every row of `table` checked: its date is its story's while published, else null. Returns the published rows as story:owner. */
      async function datedPairs(table: 'article_tags' | 'article_authors', owner: 'tag_id' | 'person_id') {
        const { rows } = await sql<{ article_id: string; owner: string; held: string | null; status: string; published_at: string | null }>`
          select l.article_id, l.${sql.ref(owner)} as owner, l.published_at as held, a.status, a.published_at
          from ${sql.table(table)} l join articles a on a.id = l.article_id`.execute(db);
        for (const row of rows) assert.equal(row.held, row.status === 'published' ? row.published_at : null, `${row.status} story ${row.article_id}, ${table} ${row.owner}`);
        return rows.filter((r) => r.held !== null).map((r) => `${r.article_id}:${r.owner}`).sort();
      }
      const bylineDates = () => datedPairs('article_authors', 'person_id');
      /** The published tags; the bylines are checked too. */
      async function tagDates() {
        await bylineDates();
        return datedPairs('article_tags', 'tag_id');
      }
      const pair = (storyId: string, tagId: string) => `${storyId}:${tagId}`;

      const a = await articles.create({ headline: 'Harbour reopens', body, sectionId: section.id, tagIds: [harbour.id, ferries.id], authorIds: [asha.id] });
      assert.deepEqual(await tagDates(), [], 'a draft is on no topic');
      await articles.publish(a.id);
      assert.deepEqual(await tagDates(), [pair(a.id, harbour.id), pair(a.id, ferries.id)].sort());

      // A live story's tags change when its working copy goes live.
      await articles.edit(a.id, { tagIds: [harbour.id, storms.id] });
      assert.deepEqual(await tagDates(), [pair(a.id, harbour.id), pair(a.id, ferries.id)].sort(), 'not before its changes are published');
      await articles.applyChanges(a.id);
      assert.deepEqual(await tagDates(), [pair(a.id, harbour.id), pair(a.id, storms.id)].sort());
      await articles.edit(a.id, { authorIds: [tom.id, asha.id] });
      assert.deepEqual(await bylineDates(), [pair(a.id, asha.id)]);
      await articles.applyChanges(a.id);
      assert.deepEqual(await bylineDates(), [pair(a.id, asha.id), pair(a.id, tom.id)].sort());

      // Scheduled, then published by the scheduler.
      const b = await articles.create({ headline: 'Storm warning lifted', body, sectionId: section.id, tagIds: [storms.id], authorIds: [tom.id] });
      await articles.schedule(b.id, new Date('2025-06-27T06:00:00Z'));
      assert.deepEqual(await tagDates(), [pair(a.id, harbour.id), pair(a.id, storms.id)].sort(), 'scheduled is not published');
      clock.set('2025-06-27T06:00:01Z');
      assert.deepEqual(await articles.publishDue(), [b.id]);
      assert.deepEqual(await tagDates(), [pair(a.id, harbour.id), pair(a.id, storms.id), pair(b.id, storms.id)].sort());
      assert.equal(await read.countPublished({ tagId: storms.id }), 2);
      assert.deepEqual((await read.latest({ tagId: storms.id }, 10)).map((t) => t.id), [b.id, a.id], 'newest first');
      assert.deepEqual(await bylineDates(), [pair(a.id, asha.id), pair(a.id, tom.id), pair(b.id, tom.id)].sort());
      assert.equal(await read.countPublished({ personId: tom.id }), 2);
      assert.deepEqual((await read.latest({ personId: tom.id }, 10)).map((t) => t.id), [b.id, a.id], 'a byline, newest first');
      assert.deepEqual((await read.latest({ personId: asha.id }, 10)).map((t) => t.id), [a.id]);

      // Withdrawn, then published again (keeping its first date).
      await articles.unpublish(a.id);
      assert.deepEqual(await tagDates(), [pair(b.id, storms.id)]);
      assert.deepEqual((await read.latest({ tagId: storms.id }, 10)).map((t) => t.id), [b.id]);
      assert.deepEqual(await topics.related(storms.id, 5), [], 'a withdrawn story relates no topics');
      clock.set('2025-06-28T09:00:00Z');
      await articles.publish(a.id);
      assert.deepEqual(await tagDates(), [pair(a.id, harbour.id), pair(a.id, storms.id), pair(b.id, storms.id)].sort());
      assert.deepEqual((await read.latest({ tagId: storms.id }, 10)).map((t) => t.id), [b.id, a.id]);
      assert.deepEqual((await topics.related(storms.id, 5)).map((t) => [t.slug, t.stories]), [['harbour', 1]]);

      // Written by hand, as an operator might: the database keeps the copy, not our code.
      await sql`update articles set status = 'draft' where id = ${b.id}`.execute(db);
      assert.deepEqual(await tagDates(), [pair(a.id, harbour.id), pair(a.id, storms.id)].sort());
      await sql`update articles set status = 'published', published_at = '2025-06-20T00:00:00.000Z' where id = ${b.id}`.execute(db);
      assert.deepEqual((await read.latest({ tagId: storms.id }, 10)).map((t) => t.id), [a.id, b.id], 'a story dated back goes down its topic');
      assert.deepEqual((await read.latest({ personId: tom.id }, 10)).map((t) => t.id), [a.id, b.id], 'and down its bylines');
      await sql`update articles set published_at = '2025-06-29T00:00:00.000Z' where id = ${b.id}`.execute(db);
      assert.deepEqual((await read.latest({ tagId: storms.id }, 10)).map((t) => t.id), [b.id, a.id]);
      assert.deepEqual((await read.latest({ personId: tom.id }, 1, 1)).map((t) => t.id), [a.id], "a byline's page further down");
      assert.deepEqual((await read.latest({ tagId: storms.id }, 1, 1)).map((t) => t.id), [a.id], 'a page further down');
      await sql`insert into article_tags (article_id, tag_id, position) values (${b.id}, ${harbour.id}, 1)`.execute(db);
      await sql`insert into article_authors (article_id, person_id, position) values (${b.id}, ${asha.id}, 1)`.execute(db);
      assert.deepEqual(await bylineDates(), [pair(a.id, asha.id), pair(a.id, tom.id), pair(b.id, tom.id), pair(b.id, asha.id)].sort());
      assert.deepEqual(await tagDates(), [pair(a.id, harbour.id), pair(a.id, storms.id), pair(b.id, storms.id), pair(b.id, harbour.id)].sort());

      // A tag removed, and a story deleted, take their rows along.
      await directory.removeTag(harbour.id);
      await articles.unpublish(b.id);
      await articles.remove(b.id);
      assert.deepEqual(await tagDates(), [pair(a.id, storms.id)]);
      assert.equal(await read.countPublished({ tagId: storms.id }), 1);
      assert.deepEqual(await bylineDates(), [pair(a.id, asha.id), pair(a.id, tom.id)].sort());
      assert.equal(await read.countPublished({ personId: tom.id }), 1);
    } finally {
      await handle.close();
    }
  });
}
