import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import type { Database } from './index.js';
import { createDatabase } from './index.js';
import { migrations } from './migrations.js';
import { SqliteDatabase } from './sqlite-driver.js';
import { createContentModule } from '../content/index.js';
import { createArticleReadRepo } from '../content/article-read-repo.js';
import { createArticleAdminRepo } from '../content/article-admin-repo.js';
import { createTimeKeys } from '../audience/zoned-time.js';
import { createIdGenerator } from '../shared/ids.js';
import { systemClock } from '../shared/clock.js';
import { writeArchive } from '../server/seed-archive.js';
import { createPostRepo } from '../content-api/post-repo.js';
import { createFeedRepo } from '../feeds/feed-repo.js';
import { createSearchSourceRepo } from '../search/search-source-repo.js';

test('[sqlite] after upgrading a database analysed before, listings are planned from their indexes, not by sorting the archive', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'dateline-plans-')), 'plans.db');
  // Up to the migration before the archive indexes, an archive, and statistics of that time
  // (as `analyze` or the daily `pragma optimize` leaves them); then the upgrade.
  const handle = createDatabase({ kind: 'sqlite', file });
  try {
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    assert.equal((await migrator.migrateTo('0014_incoming_minhash')).error, undefined);
    const { directory } = createContentModule({ db: handle.db, clock: systemClock, newId: createIdGenerator() });
    await writeArchive({ db: handle.db, directory, stories: 3000, now: Date.now(), timeKeys: createTimeKeys(() => 'UTC') });
    await sql`analyze`.execute(handle.db);
    assert.deepEqual(await handle.migrate(), ['0015_archive_indexes', '0016_desk_status_order', '0017_desk_text_index', '0018_desk_text_trigrams', '0019_desk_word_index', '0020_desk_word_table', '0021_search_rank_vectors', '0022_desk_story_text', '0023_fts_data_statistics', '0024_foreign_key_indexes', '0025_listing_order_indexes', '0026_topic_newest_order', '0027_byline_newest_order', '0028_desk_word_starts', '0029_search_section_newest']);
    // Then the statistics SQLite sampled (the daily `pragma optimize`) on the 100,000-story archive:
    // each status taken for 2% of the stories, which made it read every published story by status
    // and sort them for the desk (1.3 s for page 40).
    const sampled: Record<string, string> = {
      articles_status_scheduled: '100000 1905 1905',
      articles_status_views: '100000 1905 96',
      articles_newest: '100000 1905 1 1',
      articles_section_newest: '100000 1905 1905 1 1',
      articles_section_modified: '100000 1905 1',
      articles_status_modified: '100000 1905 1',
      articles_status_headline: '100000 1905 1',
      articles_modified: '100000 1',
      articles_published: '100000 1',
      articles_headline: '100000 1',
      articles_id_state: '100000 1 1 1',
      sqlite_autoindex_articles_1: '100000 1',
      sqlite_autoindex_articles_2: '100000 1',
    };
    for (const [idx, stat] of Object.entries(sampled)) await sql`update sqlite_stat1 set stat = ${stat} where tbl = 'articles' and idx = ${idx}`.execute(handle.db);
  } finally {
    await handle.close();
  }

  // The statements the site and the desk run, caught on their way to SQLite and explained.
  const raw = new SqliteDatabase(file);
  const caught: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log: (event) => void caught.push(event.query) });
  try {
    const plan = async (run: () => Promise<unknown>) => {
      caught.length = 0;
      await run();
      return caught.map((q) => (raw.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join(' | '));
    };
    const read = createArticleReadRepo(db);
    const admin = createArticleAdminRepo(db);
    const person = await db.selectFrom('people').select('id').executeTakeFirstOrThrow();
    const section = await db.selectFrom('sections').select('id').executeTakeFirstOrThrow();
    const whole = /SCAN sections|USE TEMP B-TREE FOR ORDER BY/;
    const [newest] = await plan(() => read.latest({}, 30));
    assert.doesNotMatch(newest!, whole, `home page's newest: ${newest}`);
    const [bySection] = await plan(() => read.latest({ sectionId: section.id }, 12));
    assert.doesNotMatch(bySection!, whole, `section page: ${bySection}`);
    // A page further down finds its ids in the index alone (migration 0025), then reads and sorts
    // its 12 stories: the one sort is of those, after the list of ids.
    const [deepSection] = await plan(() => read.latest({ sectionId: section.id }, 12, 480));
    assert.match(deepSection!, /LIST SUBQUERY \d+ \| SEARCH articles USING COVERING INDEX articles_section_newest \(section_id=\? AND status=\?\)/, `section page 41: ${deepSection}`);
    assert.match(deepSection!, /^SEARCH articles USING INDEX articles_id_state \(id=\? AND status=\?\)/, `section page 41 reads only its stories: ${deepSection}`);
    assert.equal(deepSection!.match(/TEMP B-TREE/g)?.length, 1, `one sort, of the page's stories: ${deepSection}`);
    assert.match(deepSection!, /USE TEMP B-TREE FOR ORDER BY$/);
    // A byline's pages, first or further down: its page's ids from its own index (migration 0027),
    // never a walk through every story, and only the page's stories read and sorted.
    for (const offset of [0, 120]) {
      const [authorPage] = await plan(() => read.latest({ personId: person.id }, 12, offset));
      assert.match(authorPage!, /LIST SUBQUERY \d+ \| SEARCH l USING COVERING INDEX article_authors_byline_newest \(person_id=\? AND published_at>\?\)/, `author page from ${offset}: ${authorPage}`);
      assert.equal(authorPage!.match(/TEMP B-TREE/g)?.length, 1, `one sort, of the page's stories: ${authorPage}`);
    }
    const [authorCount] = await plan(() => read.countPublished({ personId: person.id }));
    assert.match(authorCount!, /^SEARCH l USING COVERING INDEX article_authors_byline_newest \(person_id=\? AND published_at>\?\)$/, `author count: ${authorCount}`);
    const [authorFeed] = await plan(() => createFeedRepo(db).latest({ personId: person.id }, 20, false));
    assert.match(authorFeed!, /LIST SUBQUERY \d+ \| SEARCH l USING COVERING INDEX article_authors_byline_newest \(person_id=\? AND published_at>\?\)/, `author feed: ${authorFeed}`);
    // A topic's pages and count from its tags alone (migration 0026), first page or far down: no
    // story is read but the page's own, and none is sorted but those.
    const tag = await db.selectFrom('article_tags').select('tag_id').groupBy('tag_id').orderBy((eb) => eb.fn.countAll(), 'desc').executeTakeFirstOrThrow();
    for (const offset of [0, 36]) {
      const [topicPage] = await plan(() => read.latest({ tagId: tag.tag_id }, 12, offset));
      assert.match(topicPage!, /LIST SUBQUERY \d+ \| SEARCH (?:article_tags|l) USING COVERING INDEX article_tags_topic_newest \(tag_id=\? AND published_at>\?\)/, `topic page from ${offset}: ${topicPage}`);
      assert.equal(topicPage!.match(/TEMP B-TREE/g)?.length, 1, `one sort, of the page's stories: ${topicPage}`);
    }
    const [topicFeed] = await plan(() => createFeedRepo(db).latest({ tagId: tag.tag_id }, 20, false));
    assert.match(topicFeed!, /LIST SUBQUERY \d+ \| SEARCH (?:article_tags|l) USING COVERING INDEX article_tags_topic_newest \(tag_id=\? AND published_at>\?\)/, `topic feed: ${topicFeed}`);
    const [topicCount] = await plan(() => read.countPublished({ tagId: tag.tag_id }));
    assert.match(topicCount!, /^SEARCH (?:article_tags|l) USING COVERING INDEX article_tags_topic_newest \(tag_id=\? AND published_at>\?\)$/, `topic count: ${topicCount}`);
    const [deepNewest] = await plan(() => read.latest({}, 30, 3000));
    assert.match(deepNewest!, /SEARCH articles USING COVERING INDEX articles_newest \(status=\?\)/, `the newest, far down: ${deepNewest}`);
    const [deskList] = await plan(() => admin.list({}, 'modifiedAt', 'desc', 1, 50));
    assert.doesNotMatch(deskList!, whole, `desk story list: ${deskList}`);
    for (const sort of ['publishedAt', 'modifiedAt', 'headline'] as const) {
      const [deskPublished] = await plan(() => admin.list({ status: 'published' }, sort, 'desc', 40, 50));
      assert.doesNotMatch(deskPublished!, whole, `desk list of published stories by ${sort}: ${deskPublished}`);
    }
    // The Content API's list of stories far down (a client copying the archive page by page), and
    // its count: ids from the index alone, the count without reading each story for its section.
    const [apiPage, apiCount] = await plan(() => createPostRepo(db).browse({ filter: null, order: [{ field: 'published_at', direction: 'desc' }], limit: 15, offset: 1500 }));
    assert.match(apiPage!, /LIST SUBQUERY \d+ \| SEARCH articles USING COVERING INDEX articles_newest \(status=\?\)/, `Content API page 101: ${apiPage}`);
    assert.match(apiCount!, /^SEARCH articles USING COVERING INDEX \w+ \(status=\?\)$/, `Content API count: ${apiCount}`);
    // The search index's catch-up (every start) steps through the stories by id: each step reads
    // its stories from the id index, never every published story sorted by id.
    const [catchUpStep] = await plan(() => createSearchSourceRepo(db).staleIds('', 500));
    assert.doesNotMatch(catchUpStep!, /USE TEMP B-TREE|articles_status/, `search catch-up step: ${catchUpStep}`);
    assert.match(catchUpStep!, /SEARCH articles USING INDEX sqlite_autoindex_articles_1 \(id>\?\)/);
  } finally {
    await db.destroy();
  }
});
