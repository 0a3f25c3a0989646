import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledQuery, sql } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';
import { allWordsIn, allWordsInStoryText, publishedArticleRow } from '../db/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createArticleAdminRepo } from './article-admin-repo.js';
import { createContentModule } from './index.js';

/**
 * The desk's text search: every word somewhere in the headline or standfirst, any part of a word,
 * case folded, wildcards literal. On SQLite it is answered from a trigram index kept by triggers
 * (migration 0017), so it must follow every insert, edit and delete as the plain scan does; on
 * PostgreSQL from pg_trgm's GIN indexes (migration 0018).
 */
const STORIES: [string, string, string][] = [
  ['a', 'Harbour cranes stand idle', 'A strike at the port'],
  ['b', 'City budget passed', 'The harbour fund doubles'],
  ['c', 'Rain in the hills', 'Farmers wait for the monsoon'],
  ['d', 'Shops offer 50% off', 'A sale across the city'],
  ['e', 'Shops offer 500 off', 'Another sale'],
  ['f', 'मानसून जल्दी आया', 'केरल में बारिश'],
  ['g', 'Go to the harbour', 'On foot'],
];

for (const target of await testDatabases()) {
  test(`[${target.name}] the desk's text search finds words in headlines and standfirsts, and follows every edit and delete`, async () => {
    const handle = await target.create();
    try {
      const { directory } = createContentModule({ db: handle.db, clock: createManualClock('2025-06-01T00:00:00Z'), newId: createIdGenerator() });
      const section = await directory.createSection({ name: 'News' });
      await handle.db
        .insertInto('articles')
        .values(STORIES.map(([id, headline, standfirst], n) => publishedArticleRow({ id, slug: `story-${id}`, sectionId: section.id, headline, standfirst, body: '{"type":"doc","content":[]}', at: new Date(Date.UTC(2025, 0, 1 + n)).toISOString() })))
        .execute();
      const admin = createArticleAdminRepo(handle.db);
      const find = async (text: string) => {
        const { items, total } = await admin.list({ text }, 'modifiedAt', 'desc', 1, 50);
        assert.equal(total, items.length);
        return items.map((i) => i.id).sort().join('');
      };

      assert.equal(await find('harbour'), 'abg', 'headline or standfirst, any case');
      assert.equal(await find('HARB'), 'abg', 'part of a word');
      assert.equal(await find('harbour fund'), 'b', 'every word, across the two fields');
      assert.equal(await find('harbour strike'), 'a');
      assert.equal(await find('to'), 'g', 'a two-letter word (matched without the index)');
      assert.equal(await find('50%'), 'd', 'a wildcard is a character');
      assert.equal(await find('500'), 'e');
      assert.equal(await find('मानसून'), 'f');
      assert.equal(await find('monsoon nowhere'), '');

      // Edits, however they are written, and deletes.
      await handle.db.updateTable('articles').set({ headline: 'Ferry timetable changes' }).where('id', '=', 'a').execute();
      assert.equal(await find('harbour'), 'bg');
      assert.equal(await find('ferry'), 'a');
      await handle.db.updateTable('articles').set({ standfirst: 'Harbour buses too' }).where('id', '=', 'a').execute();
      assert.equal(await find('harbour'), 'abg');
      await handle.db.updateTable('articles').set({ views: 12, modified_at: '2025-02-01T00:00:00.000Z' }).where('id', '=', 'b').execute();
      assert.equal(await find('harbour fund'), 'b', 'an edit of other columns keeps it');
      await handle.db.deleteFrom('articles').where('id', '=', 'g').execute();
      assert.equal(await find('harbour'), 'ab');

      if (target.name === 'sqlite') {
        // Answered from the index, not by reading every story.
        const compiled = handle.db.selectFrom('articles').select('id').where(allWordsInStoryText('articles.id', 'harbour')).compile();
        const plan = await handle.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
        assert.match(plan.rows.map((r) => r.detail).join(' | '), /article_text_fts VIRTUAL TABLE INDEX/);
      } else {
        // The same LIKE as the scan, answered from pg_trgm's indexes (migration 0018). Seven stories
        // are cheaper to read than an index, so the planner is told to avoid reading them all.
        const compiled = handle.db.selectFrom('articles').select('id').where(allWordsIn(['articles.headline', 'articles.standfirst'], 'harbour')).compile();
        const plan = await handle.db.transaction().execute(async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          return trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
        });
        const text = plan.rows.map((r) => r['QUERY PLAN']).join(' | ');
        assert.match(text, /Bitmap Index Scan on articles_headline_trigrams/, text);
        assert.match(text, /Bitmap Index Scan on articles_standfirst_trigrams/, text);
      }
    } finally {
      await handle.close();
    }
  });
}
