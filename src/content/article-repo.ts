import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { ArticleTable, Database, RevisionKind } from '../db/index.js';
import { compiledOnce } from '../db/compiled-once.js';
import type { DocNode } from '../doc/index.js';
import type { Article } from './types.js';
import { parseWorkingCopy } from './working-copy.js';

/** Rows → domain objects. The body is stored as JSON text; a corrupt one renders empty, never crashes a page. */
export function toArticle(row: Selectable<ArticleTable>, authorIds: string[], tagIds: string[]): Article {
  let body: DocNode;
  try {
    body = JSON.parse(row.body) as DocNode;
  } catch {
    body = { type: 'doc', content: [] };
  }
  return {
    id: row.id,
    slug: row.slug,
    sectionId: row.section_id,
    headline: row.headline,
    standfirst: row.standfirst,
    body,
    status: row.status,
    language: row.language,
    datelinePlace: row.dateline_place,
    source: row.source,
    wireId: row.wire_id,
    heroMediaId: row.hero_media_id,
    heroCaption: row.hero_caption,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    firstPublishedAt: row.first_published_at,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    scheduledAt: row.scheduled_at,
    embargoUntil: row.embargo_until,
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
    version: Number(row.version),
    views: Number(row.views),
    createdBy: row.created_by ?? null,
    modifiedBy: row.modified_by ?? null,
    authorIds,
    tagIds,
    workingCopy: parseWorkingCopy(row.working_copy ?? null, row.working_copy_at ?? null, row.working_copy_by ?? null),
  };
}

export function createArticleRepo(db: Kysely<Database>) {
  // Run by every uncached article page: compiled to SQL once (compiled-once.ts).
  const idBySlug = compiledOnce(db, (slug: string) => db.selectFrom('articles').select('id').where('slug', '=', slug));

  return {
    async insert(row: Insertable<ArticleTable>): Promise<void> {
      await db.insertInto('articles').values(row).execute();
    },

    /** Applies a patch only if the stored version is `expectedVersion`; returns whether it did. */
    async updateIfVersion(id: string, expectedVersion: number, patch: Updateable<ArticleTable>): Promise<boolean> {
      const result = await db.updateTable('articles').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Takes the row's write lock when the article is still scheduled; returns whether it is.
     * As a transaction's first statement it waits its turn on both databases (a row lock on
     * PostgreSQL, the busy timeout on SQLite), where reading first would leave SQLite with a
     * snapshot it cannot upgrade once another process has written ("database is locked").
     */
    async claimScheduled(id: string): Promise<boolean> {
      const result = await db.updateTable('articles').set({ status: 'scheduled' }).where('id', '=', id).where('status', '=', 'scheduled').executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async getById(id: string): Promise<Article | null> {
      const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      const [authors, tags] = await Promise.all([
        db.selectFrom('article_authors').select('person_id').where('article_id', '=', id).orderBy('position').execute(),
        db.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).orderBy('position').execute(),
      ]);
      return toArticle(row, authors.map((a) => a.person_id), tags.map((t) => t.tag_id));
    },

    /** Resolves a slug to an article id; `current` is false when the slug is an old one (answer 301). */
    async resolveSlug(slug: string): Promise<{ id: string; current: boolean } | null> {
      const [row] = await idBySlug(slug);
      if (row) return { id: row.id, current: true };
      const old = await db.selectFrom('slug_history').select('article_id').where('old_slug', '=', slug).executeTakeFirst();
      return old ? { id: old.article_id, current: false } : null;
    },

    /** True when the slug is used by any article, now or in the past. */
    async slugTaken(slug: string): Promise<boolean> {
      return (await this.resolveSlug(slug)) !== null;
    },

    async findByWireId(source: string | null, wireId: string): Promise<{ id: string; version: number } | null> {
      let q = db.selectFrom('articles').select(['id', 'version']).where('wire_id', '=', wireId);
      q = source === null ? q.where('source', 'is', null) : q.where('source', '=', source);
      const row = await q.executeTakeFirst();
      return row ? { id: row.id, version: Number(row.version) } : null;
    },

    /** Scheduled stories whose time has come, oldest schedule first. */
    async dueForPublishing(nowIso: string, limit: number): Promise<{ id: string }[]> {
      return db.selectFrom('articles').select(['id']).where('status', '=', 'scheduled').where('scheduled_at', '<=', nowIso).orderBy('scheduled_at').limit(limit).execute();
    },

    async remove(id: string): Promise<void> {
      await db.deleteFrom('articles').where('id', '=', id).execute();
    },

    async setAuthors(articleId: string, personIds: string[]): Promise<void> {
      await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
      if (personIds.length === 0) return;
      await db
        .insertInto('article_authors')
        .values(personIds.map((person_id, position) => ({ article_id: articleId, person_id, position })))
        .execute();
    },

    async setTags(articleId: string, tagIds: string[]): Promise<void> {
      await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
      if (tagIds.length === 0) return;
      await db
        .insertInto('article_tags')
        .values(tagIds.map((tag_id, position) => ({ article_id: articleId, tag_id, position })))
        .execute();
    },

    async recordOldSlug(oldSlug: string, articleId: string, at: string): Promise<void> {
      // If the slug was someone else's old slug it cannot be reused, so this is always a new row;
      // if an article returns to an old slug of its own, that history row is dropped first.
      await db.deleteFrom('slug_history').where('old_slug', '=', oldSlug).execute();
      await db.insertInto('slug_history').values({ old_slug: oldSlug, article_id: articleId, created_at: at }).execute();
    },

    async dropOldSlug(slug: string): Promise<void> {
      await db.deleteFrom('slug_history').where('old_slug', '=', slug).execute();
    },

    async insertRevision(revision: { id: string; articleId: string; version: number; snapshot: unknown; userId: string | null; createdAt: string; kind: RevisionKind }): Promise<void> {
      await db
        .insertInto('revisions')
        .values({
          id: revision.id,
          article_id: revision.articleId,
          version: revision.version,
          snapshot: JSON.stringify(revision.snapshot),
          user_id: revision.userId,
          created_at: revision.createdAt,
          kind: revision.kind,
        })
        .execute();
    },

    /** The newest revision of a story, for collapsing autosaves of one editing session. */
    async latestRevision(articleId: string): Promise<{ id: string; kind: RevisionKind; userId: string | null; createdAt: string } | null> {
      const row = await db.selectFrom('revisions').select(['id', 'kind', 'user_id', 'created_at']).where('article_id', '=', articleId).orderBy('version', 'desc').limit(1).executeTakeFirst();
      return row ? { id: row.id, kind: row.kind, userId: row.user_id, createdAt: row.created_at } : null;
    },

    /** Moves an autosave revision on to the newest version, instead of adding one per autosave. */
    async replaceRevision(id: string, revision: { version: number; snapshot: unknown; createdAt: string }): Promise<void> {
      await db.updateTable('revisions').set({ version: revision.version, snapshot: JSON.stringify(revision.snapshot), created_at: revision.createdAt }).where('id', '=', id).execute();
    },

    async listRevisions(articleId: string): Promise<{ id: string; version: number; userId: string | null; createdAt: string; kind: RevisionKind }[]> {
      const rows = await db.selectFrom('revisions').select(['id', 'version', 'user_id', 'created_at', 'kind']).where('article_id', '=', articleId).orderBy('version').execute();
      return rows.map((r) => ({ id: r.id, version: Number(r.version), userId: r.user_id, createdAt: r.created_at, kind: r.kind }));
    },

    async revision(articleId: string, version: number): Promise<{ snapshot: Record<string, unknown>; userId: string | null; createdAt: string } | null> {
      const row = await db.selectFrom('revisions').select(['snapshot', 'user_id', 'created_at']).where('article_id', '=', articleId).where('version', '=', version).executeTakeFirst();
      if (!row) return null;
      return { snapshot: JSON.parse(row.snapshot) as Record<string, unknown>, userId: row.user_id, createdAt: row.created_at };
    },

    /** Which of these ids still exist, per table (for restoring an old revision). */
    async existingReferences(ids: { sectionIds: string[]; personIds: string[]; tagIds: string[]; mediaIds: string[] }) {
      const present = async (table: 'sections' | 'people' | 'tags' | 'media', wanted: string[]) =>
        new Set(wanted.length ? (await db.selectFrom(table).select('id').where('id', 'in', wanted).execute()).map((r) => r.id) : []);
      const [sectionIds, personIds, tagIds, mediaIds] = await Promise.all([
        present('sections', ids.sectionIds),
        present('people', ids.personIds),
        present('tags', ids.tagIds),
        present('media', ids.mediaIds),
      ]);
      return { sectionIds, personIds, tagIds, mediaIds };
    },

    async addCorrection(correction: { id: string; articleId: string; note: string; createdAt: string }): Promise<void> {
      await db.insertInto('corrections').values({ id: correction.id, article_id: correction.articleId, note: correction.note, created_at: correction.createdAt }).execute();
    },

  };
}

export type ArticleRepo = ReturnType<typeof createArticleRepo>;
