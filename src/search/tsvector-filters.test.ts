import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { testDatabases } from '../../test/support/databases.js';
import { createContentModule } from '../content/index.js';
import { publishedArticleRow } from '../db/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createSearchModule } from './index.js';
import { createSearchService } from './search-service.js';
import { createTsvectorSearchRepo, MAX_LISTED } from './tsvector-search-repo.js';

/**
 * PostgreSQL: a search in one section, or with one tag, reads the rows it keeps, not every match of
 * the words (migration 0029 and the section filter's `=`; the tag's stories as a list of ids):
 * 6,000 stories in six sections, "harbour" in every other one, so 3,000 match and 500 of them are
 * among the 1,000 of the section searched; one story in five has the tag "piers", 600 of them match.
 */
const STORIES = 6000;
/** Index rows this connection has read (with what it did before: the difference tells). */
const rowsRead = async (db: Kysely<Database>) =>
  Number((await sql<{ fetched: string }>`select idx_tup_fetch + seq_tup_read as fetched from pg_stat_xact_user_tables where relid = 'search_documents'::regclass`.execute(db)).rows[0]?.fetched ?? 0);
const SECTIONS = 6;
const postgres = (await testDatabases()).find((t) => t.name === 'postgres');

test('[postgres] a search in one section, or with one tag, reads only the rows it can keep', { skip: !postgres && 'PostgreSQL not reachable', timeout: 120_000 }, async () => {
  const handle = await postgres!.create();
  try {
    const clock = createManualClock('2025-06-01T00:00:00Z');
    const { directory } = createContentModule({ db: handle.db, clock, newId: createIdGenerator() });
    const sections: Awaited<ReturnType<typeof directory.createSection>>[] = [];
    for (let i = 0; i < SECTIONS; i++) sections.push(await directory.createSection({ name: `Desk ${i}` }));
    const start = Date.parse('2024-01-01T00:00:00Z');
    const rows = Array.from({ length: STORIES }, (_, n) => {
      const doc = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `A note on the ${n % 2 === 0 ? 'harbour' : 'hills'}.` }] }] });
      return publishedArticleRow({ id: `s${String(n).padStart(6, '0')}`, slug: `story-${n}`, sectionId: sections[Math.floor(n / 2) % SECTIONS]!.id, headline: `Story ${n}`, standfirst: '', body: doc, at: new Date(start + n * 3_600_000).toISOString() });
    });
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('articles').values(rows.slice(i, i + 500)).execute();
    });
    const piers = await directory.ensureTag('Piers');
    const tagged = rows.filter((_, n) => n % 5 === 0).map((row) => ({ article_id: row.id, tag_id: piers.id, position: 0 }));
    for (let i = 0; i < tagged.length; i += 500) await handle.db.insertInto('article_tags').values(tagged.slice(i, i + 500)).execute();
    const search = createSearchModule({ db: handle.db, capabilities: handle.capabilities });
    assert.equal(await search.catchUp(), STORIES);
    await sql`analyze search_documents`.execute(handle.db);

    // One connection (a transaction), so its own counters tell how many index rows the search read
    // (they hold what the connection did before too: the difference is the search's). Every match
    // is asked for (the GIN path): the way that read all 3,000 before.
    await handle.db.transaction().execute(async (trx) => {
      const before = await rowsRead(trx);
      const service = createSearchService({ db: trx, index: (db) => createTsvectorSearchRepo(db, { choosePath: () => ({ kind: 'gin' }) }) });
      const outcome = await service.search({ q: 'harbour', section: sections[2]!.slug, perPage: 10 });
      assert.ok(outcome.ok);
      assert.equal(outcome.hits.length, 10);
      assert.ok(outcome.hits.every((hit) => hit.sectionSlug === sections[2]!.slug));
      const fetched = (await rowsRead(trx)) - before;
      // At most the section's 1,000 stories (the planner may read them all from the section's index
      // and check the words on each, or only its 500 matches, ANDing both indexes, as it does at
      // 100,000 stories) and the page's 10 again for their highlights; before, the 3,000 matches twice.
      assert.ok(fetched >= 500 && fetched <= 1_020, `read ${fetched} index rows for a section of 1,000 stories with 500 matches (of 3,000)`);
    });

    // The tag: its 1,200 stories as a list of ids, so at most they are read (and the page's 10 again
    // for their highlights), never the 3,000 matches. At 100,000 stories the planner ANDs the list's
    // bitmap with the word's and reads only the stories in both (89 of a tag's 2,031 for monsoon).
    // Here, a table this small, it reads the tag's 1,200 and checks the word on each.
    const routes: string[] = [];
    await handle.db.transaction().execute(async (trx) => {
      const before = await rowsRead(trx);
      const service = createSearchService({ db: trx, index: (db) => createTsvectorSearchRepo(db, { onRoute: (route) => routes.push(route) }) });
      const outcome = await service.search({ q: 'harbour', tag: piers.slug, perPage: 10 });
      assert.ok(outcome.ok);
      assert.equal(outcome.hits.length, 10);
      const ids = new Set(tagged.map((t) => t.article_id));
      assert.ok(outcome.hits.every((hit) => ids.has(hit.articleId)));
      const fetched = (await rowsRead(trx)) - before;
      assert.ok(fetched >= 600 && fetched <= 1_220, `read ${fetched} index rows for a tag of 1,200 stories, 600 of them matching (of 3,000)`);
    });
    assert.deepEqual(routes, ['listed']);
    // Every match with the tag, newest first, and none for a tag no story has.
    const newest = await search.service.search({ q: 'harbour', tag: piers.slug, sort: 'newest', perPage: 50, page: 6 });
    assert.ok(newest.ok);
    assert.deepEqual(newest.hits.map((hit) => hit.slug), Array.from({ length: 50 }, (_, i) => `story-${5990 - 10 * (250 + i)}`));
    const none = await search.service.search({ q: 'harbour', tag: 'no-such-tag' });
    assert.ok(none.ok);
    assert.equal(none.hits.length, 0);

    // A tag on more stories than MAX_LISTED is a condition on each match again, with the same pages.
    const everywhere = await directory.ensureTag('Coast');
    const all = rows.map((row) => ({ article_id: row.id, tag_id: everywhere.id, position: 1 }));
    for (let i = 0; i < all.length; i += 500) await handle.db.insertInto('article_tags').values(all.slice(i, i + 500)).execute();
    assert.ok(all.length > MAX_LISTED);
    routes.length = 0;
    const wide = createSearchService({ db: handle.db, index: (db) => createTsvectorSearchRepo(db, { onRoute: (route) => routes.push(route) }) });
    const coast = await wide.search({ q: 'harbour', tag: everywhere.slug, sort: 'newest', perPage: 5, page: 2 });
    assert.ok(coast.ok);
    assert.deepEqual(coast.hits.map((hit) => hit.slug), ['story-5988', 'story-5986', 'story-5984', 'story-5982', 'story-5980']);
    assert.notDeepEqual(routes, ['listed']);
  } finally {
    await handle.close();
  }
});
