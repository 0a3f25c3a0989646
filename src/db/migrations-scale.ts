import { SqliteAdapter, sql, type Kysely, type Migration } from 'kysely';
import { DEFER_INDEX_ABOVE_ROWS, DESK_TEXT_TRIGRAMS, trigramSchemaInstalled } from './deferred-indexes.js';
import { pinFullTextIndexStatistics } from './fts-statistics.js';
import { BYLINE_DATES, dropPublishedDates, keepPublishedDates, TAG_DATES } from './published-dates.js';

/**
 * The archive at scale: indexes for 100,000 stories, the desk's text search (0015–0020) and public
 * search's ranking (0021), the desk's story text on PostgreSQL (0022), full-text indexes
 * planned by key at any size on SQLite (0023), an index for every column that points at another
 * table's row (0024), listings in the order of their index (0025), a topic's and a byline's stories by date (0026,
 * 0027), the desk's short words beside longer ones on PostgreSQL (0028).
 * Never edit one that has shipped.
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
  '0017_desk_text_index': {
    async up(db: Kysely<any>) {
      // SQLite only: the desk's search of headlines and standfirsts (any word, anywhere in a word)
      // was a LIKE over every story, 194 ms at 100,000. A trigram FTS5 index answers the same LIKE
      // from the index for words of three letters or more (article-admin-repo.ts). Its own integer
      // key, kept beside the story's id: an FTS5 table is keyed by rowid, and a story's rowid may
      // change in a VACUUM. Triggers keep it with the story, whatever writes it.
      if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
      await sql`create table article_text (doc integer primary key, article_id text not null unique, text text not null)`.execute(db);
      await sql`create virtual table article_text_fts using fts5(text, content = 'article_text', content_rowid = 'doc', tokenize = 'trigram')`.execute(db);
      await sql`insert into article_text (article_id, text) select id, headline || char(10) || standfirst from articles`.execute(db);
      await sql`insert into article_text_fts (article_text_fts) values ('rebuild')`.execute(db);
      for (const trigger of [
        sql`create trigger article_text_insert after insert on articles begin
          insert into article_text (article_id, text) values (new.id, new.headline || char(10) || new.standfirst); end`,
        sql`create trigger article_text_update after update of headline, standfirst on articles
          when old.headline is not new.headline or old.standfirst is not new.standfirst begin
          update article_text set text = new.headline || char(10) || new.standfirst where article_id = new.id; end`,
        sql`create trigger article_text_delete after delete on articles begin delete from article_text where article_id = old.id; end`,
        sql`create trigger article_text_fts_insert after insert on article_text begin
          insert into article_text_fts (rowid, text) values (new.doc, new.text); end`,
        sql`create trigger article_text_fts_update after update on article_text begin
          insert into article_text_fts (article_text_fts, rowid, text) values ('delete', old.doc, old.text);
          insert into article_text_fts (rowid, text) values (new.doc, new.text); end`,
        sql`create trigger article_text_fts_delete after delete on article_text begin
          insert into article_text_fts (article_text_fts, rowid, text) values ('delete', old.doc, old.text); end`,
      ]) {
        await trigger.execute(db);
      }
    },
    async down(db: Kysely<any>) {
      if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
      for (const trigger of ['article_text_insert', 'article_text_update', 'article_text_delete', 'article_text_fts_insert', 'article_text_fts_update', 'article_text_fts_delete']) {
        await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
      }
      await sql`drop table if exists article_text_fts`.execute(db);
      await sql`drop table if exists article_text`.execute(db);
    },
  },
  '0018_desk_text_trigrams': {
    async up(db: Kysely<any>) {
      // PostgreSQL's side of 0017: the desk's LIKE over headlines and standfirsts read every story
      // (271 ms at 100,000). pg_trgm's GIN indexes answer the same `lower(column) like '%word%'`
      // without a change to the query (7 ms to count 'government' there). pg_trgm ships with
      // PostgreSQL and is a trusted extension; where it cannot be installed (not offered, no right
      // to create it in `public`), the indexes are skipped and the search stays a scan. Building
      // both took 4.3 s at 100,000 stories.
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      const schema = await trigramOperatorSchema(db);
      if (!schema) return;
      for (const column of ['headline', 'standfirst']) {
        await sql`create index ${sql.id(`articles_${column}_trigrams`)} on articles using gin (lower(${sql.id(column)}) ${sql.id(schema)}.gin_trgm_ops)`.execute(db);
      }
      await sql`analyze articles`.execute(db);
    },
    async down(db: Kysely<any>) {
      // The extension stays: other tables or sites in the database may use it.
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      for (const index of ['articles_headline_trigrams', 'articles_standfirst_trigrams']) await db.schema.dropIndex(index).ifExists().execute();
    },
  },
  '0019_desk_word_index': {
    async up(db: Kysely<any>) {
      // The desk's search for a word of one or two letters ("AI", "UN", "5G"): no trigram holds it,
      // so it was a scan (SQLite 36 ms over the story-text table, PostgreSQL ~300 ms at 100,000
      // stories), and as "anywhere in a word" it matched most stories ("ai" is in "said"). Such a
      // word now matches the start of a word, from a word index (text-match.ts, `shortWord`).
      // SQLite: a second FTS5 index of the same story-text rows (0017), words as unicode61 splits
      // them, marks counted as letters (a Devanagari vowel sign is part of its word), with prefix
      // indexes for one and two letters; diacritics kept, as the LIKE keeps them.
      // PostgreSQL: nothing now. This migration first built a GIN index of the words there
      // (`articles_words`, to_tsvector('simple', …)); 0020 replaced it with a table of words and drops
      // it, so building it on the way to 0020 cost an upgrade from 0017 about 3 s (4.4 s on a slow day)
      // at 100,000 stories for nothing. Databases that ran the first version lose it in 0020.
      if (db.getExecutor().adapter instanceof SqliteAdapter) {
        await sql`create virtual table article_words_fts using fts5(text, content = 'article_text', content_rowid = 'doc', tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'", prefix = '1 2')`.execute(db);
        await sql`insert into article_words_fts (article_words_fts) values ('rebuild')`.execute(db);
        for (const trigger of [
          sql`create trigger article_words_fts_insert after insert on article_text begin
            insert into article_words_fts (rowid, text) values (new.doc, new.text); end`,
          sql`create trigger article_words_fts_update after update on article_text begin
            insert into article_words_fts (article_words_fts, rowid, text) values ('delete', old.doc, old.text);
            insert into article_words_fts (rowid, text) values (new.doc, new.text); end`,
          sql`create trigger article_words_fts_delete after delete on article_text begin
            insert into article_words_fts (article_words_fts, rowid, text) values ('delete', old.doc, old.text); end`,
        ]) {
          await trigger.execute(db);
        }
      }
    },
    async down(db: Kysely<any>) {
      if (db.getExecutor().adapter instanceof SqliteAdapter) {
        for (const trigger of ['article_words_fts_insert', 'article_words_fts_update', 'article_words_fts_delete']) await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
        await sql`drop table if exists article_words_fts`.execute(db);
        return;
      }
      // Built by this migration's first version on PostgreSQL (see up).
      await db.schema.dropIndex('articles_words').ifExists().execute();
    },
  },
  '0020_desk_word_table': {
    async up(db: Kysely<any>) {
      // PostgreSQL only (SQLite's word index is 0019's FTS5 table). The GIN index of an expression
      // that 0019 first built (no longer: see 0019) left two costs at 100,000 stories: a word start
      // in most stories ("po", "a") had its count to 2,001 built as a bitmap of every match from the
      // index (37 ms for 54,601 stories), because the planner, told that the expression costs a
      // tokenizer run on every story read, never walked the stories instead; and read beside a long
      // word ("rajnath a") the same bitmap was built and ANDed with the trigram one (72 ms). The words are now a stored column of their
      // own table, so a story's words are read, not computed: a common start is counted by walking
      // (2–3 ms), a rare one from the GIN index (under 1 ms). A table of its own rather than a
      // generated column on `articles`: adding that column rewrote the stories and rebuilt every
      // index on them (9.2 s at 100,000 stories, against about 2.5 s for this).
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      // Keys after the rows: checked per row as they are written, they took 0.8 s more.
      await sql`create table article_words (article_id text not null, words tsvector not null)`.execute(db);
      await sql`insert into article_words (article_id, words) select id, to_tsvector('simple', headline || ' ' || standfirst) from articles`.execute(db);
      await sql`alter table article_words add primary key (article_id), add foreign key (article_id) references articles (id) on delete cascade`.execute(db);
      await sql`create index article_words_words on article_words using gin (words)`.execute(db);
      // Kept by the stories' own writes. The function keeps the schema it was made in, so a write
      // from a session whose search_path names another (an operator's psql) still finds the table.
      await sql`create function article_words_keep() returns trigger language plpgsql set search_path from current as $$
        begin
          insert into article_words (article_id, words) values (new.id, to_tsvector('simple', new.headline || ' ' || new.standfirst))
            on conflict (article_id) do update set words = excluded.words;
          return null;
        end $$`.execute(db);
      await sql`create trigger article_words_insert after insert on articles for each row execute function article_words_keep()`.execute(db);
      await sql`create trigger article_words_update after update of headline, standfirst on articles for each row
        when (old.headline is distinct from new.headline or old.standfirst is distinct from new.standfirst) execute function article_words_keep()`.execute(db);
      // Where 0019's first version built it.
      await db.schema.dropIndex('articles_words').ifExists().execute();
      await sql`analyze article_words`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await sql`drop table if exists article_words`.execute(db);
      for (const trigger of ['article_words_insert', 'article_words_update']) await sql`drop trigger if exists ${sql.id(trigger)} on articles`.execute(db);
      await sql`drop function if exists article_words_keep()`.execute(db);
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
  '0022_desk_story_text': {
    async up(db: Kysely<any>) {
      // PostgreSQL only (SQLite's is 0017's `article_text`). The desk's count of a long and a short
      // common word ("port at": 2,001 matches among 14,919 stories tested) read each story's row of
      // `articles` (with its body) and looked its words up in `article_words`: 47–74 ms at 100,000
      // stories. A narrow table of each story's lower-cased headline and standfirst with its words,
      // its text indexed by trigrams, answers the count from 300-byte rows. The words are copied from
      // `article_words` (whose GIN index still serves a search of short words alone), not computed
      // again, so the upgrade stays short (about 1.5 s at 100,000 stories without its trigram index,
      // below). Without pg_trgm, or until the index is built, the table is read in full (a tenth of
      // the stories' size).
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await sql`create table article_text (article_id text not null, text text not null, words tsvector not null)`.execute(db);
      await sql`insert into article_text (article_id, text, words)
        select a.id, lower(a.headline || chr(10) || a.standfirst), w.words from articles a join article_words w on w.article_id = a.id`.execute(db);
      await sql`alter table article_text add primary key (article_id), add foreign key (article_id) references articles (id) on delete cascade`.execute(db);
      // Its trigram index: built here on a small archive; on a large one (2.9–4.8 s at 100,000
      // stories, most of this migration) by the site once it serves (deferred-indexes.ts).
      const schema = await trigramOperatorSchema(db);
      const stories = Number((await sql<{ n: string }>`select count(*) as n from article_text`.execute(db)).rows[0]?.n ?? 0);
      if (schema && stories <= DEFER_INDEX_ABOVE_ROWS) await sql`create index ${sql.id(DESK_TEXT_TRIGRAMS.name)} ${DESK_TEXT_TRIGRAMS.definition(schema)}`.execute(db);
      // 0020's function, keeping this table too.
      await sql`create or replace function article_words_keep() returns trigger language plpgsql set search_path from current as $$
        begin
          insert into article_words (article_id, words) values (new.id, to_tsvector('simple', new.headline || ' ' || new.standfirst))
            on conflict (article_id) do update set words = excluded.words;
          insert into article_text (article_id, text, words) values (new.id, lower(new.headline || chr(10) || new.standfirst), to_tsvector('simple', new.headline || ' ' || new.standfirst))
            on conflict (article_id) do update set text = excluded.text, words = excluded.words;
          return null;
        end $$`.execute(db);
      await sql`analyze article_text`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await sql`create or replace function article_words_keep() returns trigger language plpgsql set search_path from current as $$
        begin
          insert into article_words (article_id, words) values (new.id, to_tsvector('simple', new.headline || ' ' || new.standfirst))
            on conflict (article_id) do update set words = excluded.words;
          return null;
        end $$`.execute(db);
      await sql`drop table if exists article_text`.execute(db);
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
  '0028_desk_word_starts': {
    async up(db: Kysely<any>) {
      // PostgreSQL only: the words of 0022's story-text table, indexed. The desk's count of a common
      // word beside a short one read the table row by row until it had found 2,001 ("the c": 41,522
      // rows, 25 ms at 100,000 stories); from this index, the stories where a word starts with the
      // short one, 4.6 ms ("port at": 12.6 → 6.3 ms, both indexes' bitmaps ANDed). Built in 0.7 s there.
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await sql`create index article_text_words on article_text using gin (words)`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await sql`drop index if exists article_text_words`.execute(db);
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

/**
 * The schema holding pg_trgm's operator classes: wherever the extension already is, else `public`
 * after installing it there (in a savepoint: the migrations run in one transaction, which a
 * refused CREATE EXTENSION must not abort). Null when it cannot be had. Not the site's own schema:
 * an extension is one per database, and a schema dropped with CASCADE would take it, and every
 * other schema's indexes on it, along.
 */
async function trigramOperatorSchema(db: Kysely<any>): Promise<string | null> {
  const installed = await trigramSchemaInstalled(db);
  if (installed) return installed;
  await sql`savepoint dateline_trigrams`.execute(db);
  try {
    await sql.raw(CREATE_TRIGRAM_EXTENSION).execute(db);
    await sql`release savepoint dateline_trigrams`.execute(db);
    return 'public';
  } catch {
    await sql`rollback to savepoint dateline_trigrams`.execute(db);
    // Another site's migration in the same database may have just installed it (ours then failed
    // on the unique name), or it is refused: look again.
    return trigramSchemaInstalled(db);
  }
}

/** pg_trgm where migration 0018 puts it; `dateline restore` runs it too before loading a dump whose indexes need it. */
export const CREATE_TRIGRAM_EXTENSION = 'create extension if not exists pg_trgm with schema public';
export const TRIGRAM_MIGRATION = '0018_desk_text_trigrams';
