import type { Kysely, Updateable } from 'kysely';
import type { ArticleTable, Database } from '../db/index.js';
import type { DocNode } from '../doc/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { firstFreeSlug, slugify } from '../shared/slug.js';
import { ValidationError } from '../shared/errors.js';
import { createArticleRepo } from './article-repo.js';
import { createSiteStateRepo } from './site-state-repo.js';
import { ArticleNotFound, EmbargoActive, InvalidTransition, VersionConflict } from './errors.js';
import type { Article, ArticleStatus } from './types.js';

/** The fields a writer sets. Everything else (status, timestamps, version) the service owns. */
export interface ArticleFields {
  headline: string;
  standfirst?: string;
  body: DocNode;
  sectionId: string;
  authorIds?: string[];
  tagIds?: string[];
  heroMediaId?: string | null;
  heroCaption?: string | null;
  datelinePlace?: string | null;
  source?: string | null;
  wireId?: string | null;
  language?: string;
  seoTitle?: string | null;
  seoDescription?: string | null;
  embargoUntil?: string | null;
  /** Explicit slug; by default one is made from the headline. */
  slug?: string;
}

/** A reference an old revision made to something deleted since (restore leaves it out). */
export interface MissingReference {
  field: 'sectionId' | 'authorIds' | 'tagIds' | 'heroMediaId';
  id: string;
}

export interface SaveOptions {
  userId?: string | null;
  /** Optimistic concurrency: refuse the save unless the stored version is this one. */
  expectedVersion?: number;
  /** A public correction note shown under the story. */
  correction?: string;
  /** When the change happened, if not now: a wire item's own version time becomes "Updated On". */
  at?: Date;
}

export interface ArticleServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
}

const PUBLIC_STATUSES: ReadonlySet<ArticleStatus> = new Set(['published']);

function checkFields(fields: Partial<ArticleFields>): void {
  if (fields.headline !== undefined && fields.headline.trim() === '') throw new ValidationError('headline', 'A headline is required');
  if (fields.headline !== undefined && fields.headline.length > 300) throw new ValidationError('headline', 'A headline has at most 300 characters');
}

function articleOperations({ db, clock, newId }: ArticleServiceDeps) {
  /** Joins the caller's transaction when given one (imports, seeding), else opens its own. */
  function inTransaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return db.isTransaction ? work(db) : db.transaction().execute(work);
  }

  async function uniqueSlug(trx: Kysely<Database>, wanted: string, articleId: string | null): Promise<string> {
    const repo = createArticleRepo(trx);
    // A slug is free when no article uses it now or used it before (old slugs keep redirecting).
    return firstFreeSlug(slugify(wanted) || 'story', async (candidate) => {
      const owner = await repo.resolveSlug(candidate);
      return !!owner && owner.id !== articleId;
    }, newId);
  }

  /**
   * Makes a story public, dated `at`. A story that returns after being unpublished
   * keeps its first publication time and shows as updated now.
   */
  async function goLive(trx: Kysely<Database>, current: Article, at: string, now: Date, options: SaveOptions): Promise<Article> {
    const saved = await save(trx, current, {
      status: 'published',
      first_published_at: current.firstPublishedAt ?? at,
      published_at: current.publishedAt ?? at,
      updated_at: current.firstPublishedAt ? now.toISOString() : null,
      scheduled_at: null,
    }, options);
    await createSiteStateRepo(trx).bumpContentGeneration();
    return saved;
  }

  async function snapshot(trx: Kysely<Database>, article: Article, userId: string | null): Promise<void> {
    await createArticleRepo(trx).insertRevision({ id: newId(), articleId: article.id, version: article.version, snapshot: article, userId, createdAt: clock.now().toISOString() });
  }

  async function load(trx: Kysely<Database>, id: string): Promise<Article> {
    const article = await createArticleRepo(trx).getById(id);
    if (!article) throw new ArticleNotFound(id);
    return article;
  }

  /** Applies a row patch under optimistic concurrency, then records the revision. */
  async function save(trx: Kysely<Database>, current: Article, patch: Updateable<ArticleTable>, options: SaveOptions): Promise<Article> {
    const repo = createArticleRepo(trx);
    if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
      throw new VersionConflict(current.id, String(current.version));
    }
    const ok = await repo.updateIfVersion(current.id, current.version, { ...patch, version: current.version + 1, modified_at: clock.now().toISOString(), modified_by: options.userId ?? null });
    if (!ok) throw new VersionConflict(current.id, String(current.version + 1));
    const saved = await load(trx, current.id);
    await snapshot(trx, saved, options.userId ?? null);
    return saved;
  }

  return {
    async create(fields: ArticleFields, options: SaveOptions = {}): Promise<Article> {
      checkFields(fields);
      return inTransaction(async (trx) => {
        const id = newId();
        const now = clock.now().toISOString();
        const repo = createArticleRepo(trx);
        await repo.insert({
          id,
          slug: await uniqueSlug(trx, fields.slug ?? fields.headline, null),
          section_id: fields.sectionId,
          headline: fields.headline.trim(),
          standfirst: fields.standfirst?.trim() ?? '',
          body: JSON.stringify(fields.body),
          status: 'draft',
          language: fields.language ?? 'en',
          dateline_place: fields.datelinePlace ?? null,
          source: fields.source ?? null,
          wire_id: fields.wireId ?? null,
          hero_media_id: fields.heroMediaId ?? null,
          hero_caption: fields.heroCaption ?? null,
          seo_title: fields.seoTitle ?? null,
          seo_description: fields.seoDescription ?? null,
          embargo_until: fields.embargoUntil ?? null,
          created_at: now,
          modified_at: now,
          version: 1,
          views: 0,
          created_by: options.userId ?? null,
          modified_by: options.userId ?? null,
        });
        await repo.setAuthors(id, fields.authorIds ?? []);
        await repo.setTags(id, fields.tagIds ?? []);
        const article = await load(trx, id);
        await snapshot(trx, article, options.userId ?? null);
        return article;
      });
    },

    async update(id: string, fields: Partial<ArticleFields>, options: SaveOptions = {}): Promise<Article> {
      checkFields(fields);
      return inTransaction(async (trx) => {
        const repo = createArticleRepo(trx);
        const current = await load(trx, id);
        const now = (options.at ?? clock.now()).toISOString();
        const patch: Updateable<ArticleTable> = {};
        if (fields.headline !== undefined) patch.headline = fields.headline.trim();
        if (fields.standfirst !== undefined) patch.standfirst = fields.standfirst.trim();
        if (fields.body !== undefined) patch.body = JSON.stringify(fields.body);
        if (fields.sectionId !== undefined) patch.section_id = fields.sectionId;
        if (fields.heroMediaId !== undefined) patch.hero_media_id = fields.heroMediaId;
        if (fields.heroCaption !== undefined) patch.hero_caption = fields.heroCaption;
        if (fields.datelinePlace !== undefined) patch.dateline_place = fields.datelinePlace;
        if (fields.source !== undefined) patch.source = fields.source;
        if (fields.wireId !== undefined) patch.wire_id = fields.wireId;
        if (fields.language !== undefined) patch.language = fields.language;
        if (fields.seoTitle !== undefined) patch.seo_title = fields.seoTitle;
        if (fields.seoDescription !== undefined) patch.seo_description = fields.seoDescription;
        if (fields.embargoUntil !== undefined) patch.embargo_until = fields.embargoUntil;
        if (fields.slug !== undefined) {
          const slug = await uniqueSlug(trx, fields.slug, id);
          if (slug !== current.slug) {
            await repo.dropOldSlug(slug);
            await repo.recordOldSlug(current.slug, id, now);
            patch.slug = slug;
          }
        }
        const isPublic = PUBLIC_STATUSES.has(current.status);
        if (isPublic) patch.updated_at = now;
        if (fields.authorIds) await repo.setAuthors(id, fields.authorIds);
        if (fields.tagIds) await repo.setTags(id, fields.tagIds);
        if (options.correction?.trim()) await repo.addCorrection({ id: newId(), articleId: id, note: options.correction.trim(), createdAt: now });
        const saved = await save(trx, current, patch, options);
        if (isPublic) await createSiteStateRepo(trx).bumpContentGeneration();
        return saved;
      });
    },

    /** Publishes now (or at `at`, for back-dated imports). Refused while an embargo runs. */
    async publish(id: string, options: SaveOptions & { at?: Date } = {}): Promise<Article> {
      return inTransaction(async (trx) => {
        const current = await load(trx, id);
        const now = clock.now();
        if (current.status === 'published') throw new InvalidTransition(current.status, 'published');
        if (current.embargoUntil && new Date(current.embargoUntil) > now) throw new EmbargoActive(current.embargoUntil);
        return goLive(trx, current, (options.at ?? now).toISOString(), now, options);
      });
    },

    /** draft → submitted: into the review queue. */
    async submit(id: string, options: SaveOptions = {}): Promise<Article> {
      return inTransaction(async (trx) => {
        const current = await load(trx, id);
        if (current.status !== 'draft') throw new InvalidTransition(current.status, 'submitted');
        return save(trx, current, { status: 'submitted' }, options);
      });
    },

    /** submitted or scheduled → draft: an editor sends it back to the writer. */
    async returnToDraft(id: string, options: SaveOptions = {}): Promise<Article> {
      return inTransaction(async (trx) => {
        const current = await load(trx, id);
        if (current.status !== 'submitted' && current.status !== 'scheduled') throw new InvalidTransition(current.status, 'draft');
        return save(trx, current, { status: 'draft', scheduled_at: null }, options);
      });
    },

    /** Publishes automatically at `at` (see publishDue). Refused before an embargo ends. */
    async schedule(id: string, at: Date, options: SaveOptions = {}): Promise<Article> {
      return inTransaction(async (trx) => {
        const current = await load(trx, id);
        if (current.status === 'published') throw new InvalidTransition(current.status, 'scheduled');
        if (at <= clock.now()) throw new ValidationError('at', 'A schedule time must be in the future');
        if (current.embargoUntil && new Date(current.embargoUntil) > at) throw new EmbargoActive(current.embargoUntil);
        return save(trx, current, { status: 'scheduled', scheduled_at: at.toISOString() }, options);
      });
    },

    /**
     * Publishes every scheduled story whose time has come. Safe with several
     * processes on one database: each story is claimed by a conditional UPDATE
     * before it is read, and saved on its version, so exactly one process publishes
     * it. Returns the ids it published.
     */
    async publishDue(limit = 50): Promise<string[]> {
      const now = clock.now();
      const due = await createArticleRepo(db).dueForPublishing(now.toISOString(), limit);
      const published: string[] = [];
      for (const { id } of due) {
        try {
          await inTransaction(async (trx) => {
            if (!(await createArticleRepo(trx).claimScheduled(id))) return;
            const current = await load(trx, id);
            if (current.status !== 'scheduled' || !current.scheduledAt) return;
            if (current.embargoUntil && new Date(current.embargoUntil) > now) return;
            // An embargo moved past the schedule held the story; it is never dated inside the embargo.
            const at = current.embargoUntil && current.embargoUntil > current.scheduledAt ? current.embargoUntil : current.scheduledAt;
            await goLive(trx, current, at, now, { userId: current.modifiedBy ?? null });
            published.push(id);
          });
        } catch (err) {
          // Another process claimed it first: its version moved on under us. Not an error.
          if (!(err instanceof VersionConflict)) throw err;
        }
      }
      return published;
    },

    /** Deletes a story that is not public. Published stories are unpublished first, never deleted. */
    async remove(id: string): Promise<void> {
      await inTransaction(async (trx) => {
        const current = await load(trx, id);
        if (current.status === 'published') throw new InvalidTransition('published', 'deleted');
        await createArticleRepo(trx).remove(id);
      });
    },

    async unpublish(id: string, options: SaveOptions = {}): Promise<Article> {
      return inTransaction(async (trx) => {
        const current = await load(trx, id);
        if (current.status !== 'published') throw new InvalidTransition(current.status, 'unpublished');
        const saved = await save(trx, current, { status: 'unpublished' }, options);
        await createSiteStateRepo(trx).bumpContentGeneration();
        return saved;
      });
    },

    /**
     * Brings back the headline, standfirst, body and other fields of an earlier
     * version as a new save (history is never rewritten). A section, byline, tag or
     * hero picture deleted since then is left out, and `missing` says which: the
     * story keeps its current section, and has no hero rather than a broken one.
     */
    async restore(id: string, revisionVersion: number, options: SaveOptions = {}): Promise<{ article: Article; missing: MissingReference[] }> {
      const revision = await createArticleRepo(db).revision(id, revisionVersion);
      if (!revision) throw new ValidationError('revisionVersion', `Article ${id} has no revision ${revisionVersion}`);
      const old = revision.snapshot as unknown as Article;
      const oldAuthors = old.authorIds ?? [];
      const oldTags = old.tagIds ?? [];
      const found = await createArticleRepo(db).existingReferences({ sectionIds: [old.sectionId], personIds: oldAuthors, tagIds: oldTags, mediaIds: old.heroMediaId ? [old.heroMediaId] : [] });
      const missing: MissingReference[] = [
        ...(found.sectionIds.has(old.sectionId) ? [] : [{ field: 'sectionId' as const, id: old.sectionId }]),
        ...oldAuthors.filter((p) => !found.personIds.has(p)).map((p) => ({ field: 'authorIds' as const, id: p })),
        ...oldTags.filter((t) => !found.tagIds.has(t)).map((t) => ({ field: 'tagIds' as const, id: t })),
        ...(old.heroMediaId && !found.mediaIds.has(old.heroMediaId) ? [{ field: 'heroMediaId' as const, id: old.heroMediaId }] : []),
      ];
      const article = await this.update(
        id,
        {
          headline: old.headline,
          standfirst: old.standfirst,
          body: old.body,
          ...(found.sectionIds.has(old.sectionId) ? { sectionId: old.sectionId } : {}),
          authorIds: oldAuthors.filter((p) => found.personIds.has(p)),
          tagIds: oldTags.filter((t) => found.tagIds.has(t)),
          heroMediaId: old.heroMediaId && found.mediaIds.has(old.heroMediaId) ? old.heroMediaId : null,
          heroCaption: old.heroCaption,
          datelinePlace: old.datelinePlace,
          seoTitle: old.seoTitle,
          seoDescription: old.seoDescription,
        },
        options,
      );
      return { article, missing };
    },

    revision: (id: string, version: number) => createArticleRepo(db).revision(id, version),
    /** The story an agency item became earlier (same source and wire id), for updates instead of duplicates. */
    findByWire: (source: string | null, wireId: string) => createArticleRepo(db).findByWireId(source, wireId),
    get: (id: string) => createArticleRepo(db).getById(id),
    revisions: (id: string) => createArticleRepo(db).listRevisions(id),
  };
}

export interface ArticleService extends ReturnType<typeof articleOperations> {
  /** The same service, working inside the caller's transaction (imports, seeding), the way Kysely passes `trx` down. */
  withTransaction(trx: Kysely<Database>): ArticleService;
}

/**
 * Writes to articles: every save is one transaction that also writes a revision,
 * keeps slug history and bumps the content generation when readers can see the change.
 */
export function createArticleService(deps: ArticleServiceDeps): ArticleService {
  return { ...articleOperations(deps), withTransaction: (trx) => createArticleService({ ...deps, db: trx }) };
}
