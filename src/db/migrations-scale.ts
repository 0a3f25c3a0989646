import { SqliteAdapter, sql, type Kysely, type Migration } from 'kysely';
import { pinFullTextIndexStatistics } from './fts-statistics.js';
import { BYLINE_DATES, dropPublishedDates, keepPublishedDates, TAG_DATES } from './published-dates.js';

/**
 * The archive at scale: indexes for 100,000 stories (0015, 0016), public search's ranking (0021),
 * full-text indexes planned by key at any size on SQLite (0023), an index for every column that
 * points at another table's row (0024), listings in the order of their index (0025), a topic's and a
 * byline's stories by date (0026, 0027), search in one section on PostgreSQL (0029). The desk's text
 * search (0017–0020, 0022, 0028) is in migrations-desk-text.ts. Never edit one that has shipped.
 */
export const scaleMigrations: Record<string, Migration> = {
  '0015_archive_indexes': {
    async up(db: Kysely<any>) {
      // Candidates' status and date by id (related stories): from the table that read each
      // story's row, its body with it; from this index one look-up in a small tree.
      await db.schema.createIndex('articles_id_state').on('articles').columns(['id', 'status', 'published_at']).execute();
      // A tag's newest stories by id, and its count, from the index alone (topic-repo.ts).
      await db.schema.createIndex('article_tags_tag_article').on('article_tags').columns(['tag_id', 'article_id']).execute();
      // The desk's story list walks the order asked for and stops at the page, whatever the
      // filter (article-admin-repo.ts): at 100,000 stories a sort of them all took 0.3–0.7 s.
      await db.schema.createIndex('articles_section_modified').on('articles').columns(['section_id', 'modified_at']).execute();
      await db.schema.createIndex('articles_published').on('articles').column('published_at').execute();
      await db.schema.createIndex('articles_headline').on('articles').column('headline').execute();
      // Statistics for the new indexes. SQLite plans with the ones it has: with statistics for the
      // old indexes and none for these, it drove the home page's newest stories from the sections
      // and sorted the whole archive (0.2 ms became 370 ms at 100,000 stories).
      if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`analyze`.execute(db);
      else await sql`analyze articles, article_tags`.execute(db);
    },
    async down(db: Kysely<any>) {
      for (const index of ['articles_headline', 'articles_published', 'articles_section_modified', 'article_tags_tag_article', 'articles_id_state']) {
        await db.schema.dropIndex(index).ifExists().execute();
      }
    },
  },
  '0016_desk_status_order': {
    async up(db: Kysely<any>) {
      // The desk's list of one status (published, drafts…) in its two other orders, from the index
      // alone. Without them the plan rested on statistics: SQLite's sampled ones (the daily
      // `pragma optimize`) took "published" for 2% of 100,000 stories, read them all by status and
      // sorted them: 1.3 s for page 40.
      await db.schema.createIndex('articles_status_modified').on('articles').columns(['status', 'modified_at']).execute();
      await db.schema.createIndex('articles_status_headline').on('articles').columns(['status', 'headline']).execute();
      await sql`analyze articles`.execute(db);
    },
    async down(db: Kysely<any>) {
      for (const index of ['articles_status_headline', 'articles_status_modified']) await db.schema.dropIndex(index).ifExists().execute();
    },
  },
  '0021_search_rank_vectors': {
    async up(db: Kysely<any>) {
      // PostgreSQL only (SQLite ranks with FTS5's bm25). Ranking a common word's 2,000 newest matches
      // read 2,000 whole-story tsvectors (3.6 KB each, kept out of line): 12–21 ms of a public search
      // at 100,000 stories, spent fetching TOAST chunks. `rank_vector` is the headline, standfirst,
      // tags and bylines only (~410 bytes, kept in the row), which ts_rank reads instead
      // (tsvector-search-repo.ts). Added empty, so the upgrade takes no time; new and changed stories
      // get theirs as they are indexed, the rest from the search catch-up (search-module.ts), found
      // by the partial index below, which is empty once every row has one. Until then ranking reads
      // the whole tsvector, as before.
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await sql`alter table search_documents add column rank_vector tsvector`.execute(db);
      await sql`create index search_documents_unranked on search_documents (article_id) where rank_vector is null`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await sql`drop index if exists search_documents_unranked`.execute(db);
      await sql`alter table search_documents drop column if exists rank_vector`.execute(db);
    },
  },
  '0023_fts_data_statistics': {
    async up(db: Kysely<any>) {
      // SQLite only. 0015's `analyze` recorded the table behind each FTS5 index as it was then (2
      // rows on a new site), and with that the planner scanned the whole search index on every merge
      // of it: indexing grew with the square of the archive. The count is pinned instead
      // (fts-statistics.ts), and the daily maintenance keeps it so. Nothing to undo.
      if (db.getExecutor().adapter instanceof SqliteAdapter) await pinFullTextIndexStatistics(db);
    },
    async down() {},
  },
  '0024_foreign_key_indexes': {
    async up(db: Kysely<any>) {
      // A column that points at another table's row is read by it (a story's corrections, on every
      // uncached article page) and checked when that row goes (deleting a picture looked through
      // every story for a lead picture; deleting a story, through every wire item and old slug).
      // Neither database indexes such a column by itself: each was a scan of the whole table.
      for (const [name, table, columns] of FOREIGN_KEY_INDEXES) await db.schema.createIndex(name).ifNotExists().on(table).columns([...columns]).execute();
    },
    async down(db: Kysely<any>) {
      for (const [name] of FOREIGN_KEY_INDEXES) await db.schema.dropIndex(name).ifExists().execute();
    },
  },
  '0025_listing_order_indexes': {
    async up(db: Kysely<any>) {
      // A listing is ordered by (published_at, id). The indexes 0001 made end at published_at, so
      // each story a deep page passes over (page 900 of a section passes 10,800) was read from the
      // table for its id; with the id in the index, the page's ids are found in the index alone and
      // only its 12 stories are read (article-read-repo.ts). Each replaces the index it extends.
      await db.schema.createIndex('articles_section_newest').ifNotExists().on('articles').columns(['section_id', 'status', 'published_at', 'id']).execute();
      await db.schema.createIndex('articles_newest').ifNotExists().on('articles').columns(['status', 'published_at', 'id']).execute();
      await db.schema.dropIndex('articles_section_published').ifExists().execute();
      await db.schema.dropIndex('articles_status_published').ifExists().execute();
      // SQLite plans by its statistics of the table's indexes, which must be taken together: the
      // daily `pragma optimize` samples (it had "status = ? finds 1,627 stories" on the archive),
      // and beside an exact count for the new indexes alone its guesses won. A page of the Content
      // API then sorted every story by headline's index (300 ms) instead of walking the new one.
      // Exact, for the whole table: 0.11 s at 100,000 stories.
      if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`analyze articles`.execute(db);
    },
    async down(db: Kysely<any>) {
      await db.schema.createIndex('articles_status_published').ifNotExists().on('articles').columns(['status', 'published_at']).execute();
      await db.schema.createIndex('articles_section_published').ifNotExists().on('articles').columns(['section_id', 'status', 'published_at']).execute();
      await db.schema.dropIndex('articles_newest').ifExists().execute();
      await db.schema.dropIndex('articles_section_newest').ifExists().execute();
    },
  },
  '0026_topic_newest_order': {
    async up(db: Kysely<any>) {
      // A topic's page is its published stories, newest first. Its stories were found in
      // article_tags and each then looked up in articles for its status and date, and sorted: 2,143
      // look-ups for a large topic at 100,000 stories, twice a page (its count and its page), 6–19
      // ms each on PostgreSQL. A copy of each story's date on its tags, set only while the story is
      // published, lets one index give a topic's count and any of its pages. Triggers keep the copy,
      // whatever writes the story or its tags (the desk, the scheduler, the CLI, a wire import).
      // The new index leads with the tag, as the two dropped did: it serves what they served (a
      // tag's stories, the check on deleting a tag), and each row written would update them too
      // (PostgreSQL at 100,000 stories: 3.9 s with them, 1.3 s without).
      await db.schema.dropIndex('article_tags_tag_article').ifExists().execute();
      await db.schema.dropIndex('article_tags_tag').ifExists().execute();
      await keepPublishedDates(db, TAG_DATES);
    },
    async down(db: Kysely<any>) {
      await dropPublishedDates(db, TAG_DATES);
      await db.schema.createIndex('article_tags_tag').ifNotExists().on('article_tags').column('tag_id').execute();
      await db.schema.createIndex('article_tags_tag_article').ifNotExists().on('article_tags').columns(['tag_id', 'article_id']).execute();
    },
  },
  '0027_byline_newest_order': {
    async up(db: Kysely<any>) {
      // 0026 for bylines: a byline's first page walked the newest stories checking each for the
      // person (most of the archive for a rare byline), its later pages and count looked each of
      // its stories up. The index replaces `article_authors_person`, which it covers.
      await db.schema.dropIndex('article_authors_person').ifExists().execute();
      await keepPublishedDates(db, BYLINE_DATES);
    },
    async down(db: Kysely<any>) {
      await dropPublishedDates(db, BYLINE_DATES);
      await db.schema.createIndex('article_authors_person').ifNotExists().on('article_authors').column('person_id').execute();
    },
  },
  '0029_search_section_newest': {
    async up(db: Kysely<any>) {
      // PostgreSQL only: a section's search index rows, newest first. A search in one section read
      // every story matching the words and dropped the other sections' (government in business at
      // 100,000 stories: 15,920 rows read for 2,621 kept, 40 ms); with this index the section's rows
      // are a bitmap ANDed with the words' before any row is read (10 ms). Built in 0.16 s there.
      // SQLite's FTS5 walks its matches and checks the section on each, and needs none.
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await db.schema.createIndex('search_documents_section').ifNotExists().on('search_documents').columns(['section_id', 'published_at']).execute();
    },
    async down(db: Kysely<any>) {
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await db.schema.dropIndex('search_documents_section').ifExists().execute();
    },
  },
};

/** Migration 0024's indexes: name, table, columns (the foreign key's column first). */
const FOREIGN_KEY_INDEXES = [
  ['corrections_article', 'corrections', ['article_id', 'created_at']],
  ['slug_history_article', 'slug_history', ['article_id']],
  ['incoming_items_article', 'incoming_items', ['article_id']],
  ['articles_hero_media', 'articles', ['hero_media_id']],
  ['people_photo_media', 'people', ['photo_media_id']],
  ['entity_suggestions_tag', 'entity_suggestions', ['tag_id']],
  ['revisions_user', 'revisions', ['user_id']],
  ['api_keys_user', 'api_keys', ['user_id']],
  ['users_person', 'users', ['person_id']],
] as const;
