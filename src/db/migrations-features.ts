import { SqliteAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * Readers and the wire: views and most read, share cards, search, entities and topics, wire
 * sources and the incoming desk (0007–0014). Never edit one that has shipped.
 */
export const featureMigrations: Record<string, Migration> = {
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
};
