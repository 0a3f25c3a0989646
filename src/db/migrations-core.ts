import type { Kysely, Migration } from 'kysely';

/**
 * The newsroom's own tables: stories, people and sections, the desk's workflow, trust and
 * accounts, working copies and static pages (0001–0006). Never edit one that has shipped.
 */
export const coreMigrations: Record<string, Migration> = {
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
};
