import { SqliteAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * Migrations, in order. Written once against Kysely's schema builder so both
 * dialects get the same tables. Never edit a migration that has shipped: add one.
 */
export const migrations: Record<string, Migration> = {
  '0001_core': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('media')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('original_path', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('source_url', 'text')
        .addColumn('licence', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('show_disclaimer', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('focal_x', 'real', (c) => c.notNull().defaultTo(0.5))
        .addColumn('focal_y', 'real', (c) => c.notNull().defaultTo(0.5))
        .addColumn('variants_state', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('media_sha256').on('media').column('sha256').execute();

      await db.schema
        .createTable('media_variants')
        .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('media_variants_pk', ['media_id', 'purpose', 'format', 'width'])
        .execute();

      await db.schema
        .createTable('people')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('photo_media_id', 'text', (c) => c.references('media.id'))
        .addColumn('links', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.references('people.id'))
        .addColumn('password_hash', 'text')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('articles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('section_id', 'text', (c) => c.notNull().references('sections.id'))
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('standfirst', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
        .addColumn('dateline_place', 'text')
        .addColumn('source', 'text')
        .addColumn('wire_id', 'text')
        .addColumn('hero_media_id', 'text', (c) => c.references('media.id'))
        .addColumn('hero_caption', 'text')
        .addColumn('seo_title', 'text')
        .addColumn('seo_description', 'text')
        .addColumn('first_published_at', 'text')
        .addColumn('published_at', 'text')
        .addColumn('updated_at', 'text')
        .addColumn('scheduled_at', 'text')
        .addColumn('embargo_until', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('modified_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('articles_status_published').on('articles').columns(['status', 'published_at']).execute();
      await db.schema.createIndex('articles_section_published').on('articles').columns(['section_id', 'status', 'published_at']).execute();
      await db.schema.createIndex('articles_status_views').on('articles').columns(['status', 'views']).execute();
      await db.schema.createIndex('articles_wire').on('articles').columns(['source', 'wire_id']).execute();

      await db.schema
        .createTable('article_authors')
        .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'person_id'])
        .execute();
      await db.schema.createIndex('article_authors_person').on('article_authors').column('person_id').execute();

      await db.schema
        .createTable('tags')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('article_tags')
        .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
        .execute();
      await db.schema.createIndex('article_tags_tag').on('article_tags').column('tag_id').execute();

      await db.schema
        .createTable('revisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('revisions_article').on('revisions').columns(['article_id', 'version']).execute();

      await db.schema
        .createTable('slug_history')
        .addColumn('old_slug', 'text', (c) => c.primaryKey())
        .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('corrections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('article_views_daily')
        .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('article_views_daily_pk', ['article_id', 'day'])
        .execute();

      await db.schema
        .createTable('site_state')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.insertInto('site_state').values({ key: 'content_generation', value: '1' }).execute();
    },
    async down(db: Kysely<any>) {
      for (const table of [
        'site_state', 'article_views_daily', 'corrections', 'slug_history', 'revisions', 'article_tags', 'tags',
        'article_authors', 'articles', 'users', 'people', 'media_variants', 'media', 'sections',
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
  '0002_editorial_desk': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // sha256 of the cookie value: a leaked database does not hand out live sessions.
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema.alterTable('articles').addColumn('created_by', 'text').execute();
      await db.schema.alterTable('articles').addColumn('modified_by', 'text').execute();
      await db.schema.alterTable('media').addColumn('uploaded_by', 'text').execute();
      await db.schema.createIndex('articles_status_scheduled').on('articles').columns(['status', 'scheduled_at']).execute();
      await db.schema.createIndex('articles_modified').on('articles').column('modified_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('api_keys').ifExists().execute();
      await db.schema.dropTable('sessions').ifExists().execute();
    },
  },
  '0003_trust': {
    async up(db: Kysely<any>) {
      // Sign-in attempts, reserved atomically before a password is checked (per account and
      // per address), so concurrent guesses on one or many nodes cannot slip past the limit.
      await db.schema
        .createTable('login_attempts')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('reset_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_attempts_reset').on('login_attempts').column('reset_at').execute();
      // Background picture work is claimed with a lease, so two processes never make (or
      // delete) the same files, and work of a process that died is taken over later.
      await db.schema.alterTable('media').addColumn('claimed_by', 'text').execute();
      await db.schema.alterTable('media').addColumn('claimed_until', 'text').execute();
      await db.schema.createIndex('media_variants_state').on('media').columns(['variants_state', 'created_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('media_variants_state').ifExists().execute();
      await db.schema.dropTable('login_attempts').ifExists().execute();
    },
  },
  '0004_working_copy': {
    async up(db: Kysely<any>) {
      // Edits to a live story wait here (JSON of the editable fields) until an editor presses Update.
      await db.schema.alterTable('articles').addColumn('working_copy', 'text').execute();
      await db.schema.alterTable('articles').addColumn('working_copy_at', 'text').execute();
      await db.schema.alterTable('articles').addColumn('working_copy_by', 'text').execute();
      // What made a revision: 'save' (an explicit save), 'autosave' (collapsed per editing session),
      // 'update' (a working copy made public), 'restore', 'workflow' (submit, publish, …), 'import'.
      await db.schema.alterTable('revisions').addColumn('kind', 'text', (c) => c.notNull().defaultTo('save')).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('revisions').dropColumn('kind').execute();
      for (const column of ['working_copy_by', 'working_copy_at', 'working_copy']) await db.schema.alterTable('articles').dropColumn(column).execute();
    },
  },
  '0005_static_pages': {
    async up(db: Kysely<any>) {
      // About, Contact, Editorial standards, Privacy: simple pages editors write, linked from the footer.
      await db.schema
        .createTable('static_pages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('in_footer', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('static_pages').ifExists().execute();
    },
  },
  '0006_account_tokens': {
    async up(db: Kysely<any>) {
      // One-time links: an invitation to set a first password, or a password reset. Stored hashed.
      await db.schema
        .createTable('account_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('created_by', 'text')
        .execute();
      await db.schema.createIndex('account_tokens_user').on('account_tokens').columns(['user_id', 'purpose']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('account_tokens').ifExists().execute();
    },
  },
  '0007_audience': {
    async up(db: Kysely<any>) {
      // Views by the hour (the instant the site-local hour starts) for hour charts and most read,
      // by the minute for the live view (pruned after two hours), and per day by referrer host and
      // device class. No visitor hash is ever stored: the day's visitor set lives in memory or Redis.
      const byArticle = (table: string, key: string) =>
        db.schema
          .createTable(table)
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn(key, 'text', (c) => c.notNull())
          .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0));
      await byArticle('article_views_hourly', 'hour').addPrimaryKeyConstraint('article_views_hourly_pk', ['article_id', 'hour']).execute();
      await db.schema.createIndex('article_views_hourly_hour').on('article_views_hourly').column('hour').execute();
      await byArticle('article_views_minutely', 'minute').addPrimaryKeyConstraint('article_views_minutely_pk', ['article_id', 'minute']).execute();
      await db.schema.createIndex('article_views_minutely_minute').on('article_views_minutely').column('minute').execute();
      await byArticle('article_referrers_daily', 'day')
        .addColumn('host', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_referrers_daily_pk', ['article_id', 'day', 'host'])
        .execute();
      await db.schema.createIndex('article_referrers_daily_day').on('article_referrers_daily').column('day').execute();
      await byArticle('article_devices_daily', 'day')
        .addColumn('device', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_devices_daily_pk', ['article_id', 'day', 'device'])
        .execute();
      await db.schema.createIndex('article_devices_daily_day').on('article_devices_daily').column('day').execute();
      await db.schema.createIndex('article_views_daily_day').on('article_views_daily').column('day').execute();
      // Distinct readers of any story per site-local day (a count, never the hashes).
      await db.schema
        .createTable('site_visitors_daily')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('visitors', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // The last batch of Redis counters written, so a batch retried after a crash is applied once.
      await db.insertInto('site_state').values({ key: 'views_flush_batch', value: '' }).execute();
    },
    async down(db: Kysely<any>) {
      await db.deleteFrom('site_state').where('key', '=', 'views_flush_batch').execute();
      await db.schema.dropIndex('article_views_daily_day').ifExists().execute();
      for (const table of ['site_visitors_daily', 'article_devices_daily', 'article_referrers_daily', 'article_views_minutely', 'article_views_hourly']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
  '0008_share_cards': {
    async up(db: Kysely<any>) {
      // A story's share card and NewsArticle crops: what they were drawn from, where they are, who draws them.
      await db.schema
        .createTable('share_cards')
        .addColumn('article_id', 'text', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        .addColumn('headline', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('section_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('language', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('site_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('renderer', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('hero_media_id', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('hero_path', 'text', (c) => c.notNull().defaultTo(''))
        // The same type as media.focal_x, so a copied value compares equal on both databases.
        .addColumn('focal_x', 'real', (c) => c.notNull().defaultTo(0.5))
        .addColumn('focal_y', 'real', (c) => c.notNull().defaultTo(0.5))
        .addColumn('hash', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('hero_hash', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('card_path', 'text')
        .addColumn('images', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('made_at', 'text')
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', 'text')
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('share_cards').ifExists().execute();
    },
  },
  '0009_search': {
    async up(db: Kysely<any>) {
      // Published stories only, one row each (src/search). The row's version is the story's, so a
      // start-up catch-up can find stories written by a process that had no indexer.
      const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
      let table = db.schema
        .createTable('search_documents')
        .addColumn('article_id', 'text', (c) => c.notNull().unique())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('section_id', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull());
      if (sqlite) {
        // The integer key is the FTS5 rowid: the text index joins to it without a lookup by text.
        table = table.addColumn('doc_id', 'integer', (c) => c.primaryKey());
        await table.execute();
        await sql`create virtual table search_fts using fts5(headline, standfirst, tags, authors, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
        // `order by rank` lets FTS5 sort its own matches: headline 10, standfirst, tags and bylines 4, body 1.
        await sql`insert into search_fts (search_fts, rank) values ('rank', 'bm25(10.0, 4.0, 4.0, 4.0, 1.0)')`.execute(db);
      } else {
        for (const column of ['headline', 'standfirst', 'tags', 'authors', 'body']) table = table.addColumn(column, 'text', (c) => c.notNull().defaultTo(''));
        await table.addColumn('document', sql`tsvector`, (c) => c.notNull()).execute();
        await sql`create index search_documents_document on search_documents using gin (document)`.execute(db);
      }
      await db.schema.createIndex('search_documents_published_at').on('search_documents').column('published_at').execute();
    },
    async down(db: Kysely<any>) {
      await sql`drop table if exists search_fts`.execute(db);
      await db.schema.dropTable('search_documents').ifExists().execute();
    },
  },
  '0012_topics': {
    async up(db: Kysely<any>) {
      // A topic page's description: plain text the desk writes (src/admin tags screen), shown escaped.
      await db.schema.alterTable('tags').addColumn('description', 'text', (c) => c.notNull().defaultTo('')).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('tags').dropColumn('description').execute();
    },
  },
  '0011_wire_sources': {
    async up(db: Kysely<any>) {
      // Wire and press-release sources (src/ingest): settings, health, and the conditional-GET validators.
      await db.schema
        .createTable('wire_sources')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('folder', 'text')
        .addColumn('interval_minutes', 'integer', (c) => c.notNull().defaultTo(15))
        .addColumn('section_slug', 'text')
        .addColumn('credit', 'text')
        .addColumn('auto_publish', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('keep_hours', 'integer', (c) => c.notNull().defaultTo(72))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_polled_at', 'text')
        .addColumn('last_success_at', 'text')
        .addColumn('last_error_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('last_error_reason', 'text')
        .addColumn('items_taken', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('items_skipped', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_poll_at', 'text', (c) => c.notNull())
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .execute();
      await db.schema.createIndex('wire_sources_next_poll').on('wire_sources').columns(['paused', 'next_poll_at']).execute();
      // The Incoming queue: one row per item per source, never two (the unique key is the dedupe).
      await db.schema
        .createTable('incoming_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source_id', 'text', (c) => c.notNull().references('wire_sources.id').onDelete('cascade'))
        .addColumn('item_key', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('byline', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('standfirst', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('pictures', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('section_slug', 'text')
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('simhash', 'text', (c) => c.notNull())
        .addColumn('band0', 'integer', (c) => c.notNull())
        .addColumn('band1', 'integer', (c) => c.notNull())
        .addColumn('band2', 'integer', (c) => c.notNull())
        .addColumn('band3', 'integer', (c) => c.notNull())
        .addColumn('band4', 'integer', (c) => c.notNull())
        .addColumn('band5', 'integer', (c) => c.notNull())
        .addColumn('band6', 'integer', (c) => c.notNull())
        .addColumn('band7', 'integer', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued'))
        .addColumn('article_id', 'text', (c) => c.references('articles.id').onDelete('set null'))
        .addColumn('handled_by', 'text')
        .addColumn('handled_at', 'text')
        .addUniqueConstraint('incoming_items_source_key', ['source_id', 'item_key'])
        .execute();
      await db.schema.createIndex('incoming_items_state_received').on('incoming_items').columns(['state', 'received_at']).execute();
      await db.schema.createIndex('incoming_items_group').on('incoming_items').column('group_id').execute();
      // Near-duplicate candidates: one band equal, recent (see src/ingest/simhash.ts).
      for (const band of ['band0', 'band1', 'band2', 'band3', 'band4', 'band5', 'band6', 'band7']) {
        await db.schema.createIndex(`incoming_items_${band}`).on('incoming_items').columns([band, 'received_at']).execute();
      }
      await db.schema.createIndex('incoming_items_expires').on('incoming_items').column('expires_at').execute();
      // Leases on background work that must run in one process only (the wire poller).
      await db.schema
        .createTable('work_leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text')
        .addColumn('until', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.insertInto('work_leases').values({ name: 'wire-poller', holder: null, until: '' }).execute();
      // A story taken from the queue keeps the original's address (its source is articles.source).
      await db.schema.alterTable('articles').addColumn('source_url', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('articles').dropColumn('source_url').execute();
      for (const table of ['work_leases', 'incoming_items', 'wire_sources']) await db.schema.dropTable(table).ifExists().execute();
    },
  },
  '0010_entities': {
    async up(db: Kysely<any>) {
      // Suggested tags per story (src/entities): one row per kind and name, its state remembered.
      await db.schema
        .createTable('entity_suggestions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('surfaces', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('tag_id', 'text', (c) => c.references('tags.id').onDelete('set null'))
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('suggested'))
        .addColumn('mentions', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('entity_suggestions_story_name', ['article_id', 'kind', 'name_key'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('entity_suggestions').ifExists().execute();
    },
  },
  '0014_incoming_minhash': {
    async up(db: Kysely<any>) {
      // Near-duplicates by MinHash over content words (src/ingest/near-duplicates.ts): the signature
      // replaces the simhash; band0..band7 now hold its first eight values. Rows queued before keep
      // an empty signature and are never matched (they expire within their source's keep time).
      await db.schema.alterTable('incoming_items').addColumn('minhash', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('incoming_items').dropColumn('simhash').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('incoming_items').addColumn('simhash', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('incoming_items').dropColumn('minhash').execute();
    },
  },
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
};

/**
 * The schema holding pg_trgm's operator classes: wherever the extension already is, else `public`
 * after installing it there (in a savepoint: the migrations run in one transaction, which a
 * refused CREATE EXTENSION must not abort). Null when it cannot be had. Not the site's own schema:
 * an extension is one per database, and a schema dropped with CASCADE would take it, and every
 * other schema's indexes on it, along.
 */
async function trigramOperatorSchema(db: Kysely<any>): Promise<string | null> {
  const installedIn = async () =>
    (await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)).rows[0]?.schema ?? null;
  const installed = await installedIn();
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
    return installedIn();
  }
}

/** pg_trgm where migration 0018 puts it; `dateline restore` runs it too before loading a dump whose indexes need it. */
export const CREATE_TRIGRAM_EXTENSION = 'create extension if not exists pg_trgm with schema public';
export const TRIGRAM_MIGRATION = '0018_desk_text_trigrams';
