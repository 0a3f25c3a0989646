import type { Kysely, Updateable } from 'kysely';
import type { ArticleTable, Database, RevisionKind } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { storedDocJson } from '../doc/index.js';
import { firstFreeSlug, slugify } from '../shared/slug.js';
import { createArticleRepo } from './article-repo.js';
import { createSiteStateRepo } from './site-state-repo.js';
import { ArticleNotFound, VersionConflict } from './errors.js';
import type { Article } from './types.js';
import type { WorkingCopyFields } from './working-copy.js';

export interface SaveOptions {
  userId?: string | null;
  /** Optimistic concurrency: refuse the save unless the stored version is this one. */
  expectedVersion?: number;
  /** A public correction note shown under the story. */
  correction?: string;
  /** When the change happened, if not now: a wire item's own version time becomes "Updated On". */
  at?: Date;
  /** What the revision records; autosaves of one editing session collapse into one revision. */
  kind?: RevisionKind;
}

/**
 * Slugs no story gets, because a route owns `/{section}/{slug}` for them: the section's RSS feed
 * at `/news/rss` (src/feeds). A headline "RSS" becomes `rss-2`. (`atom.xml` and `feed.json`
 * need no entry: a slug never contains a dot.)
 */
export const RESERVED_ARTICLE_SLUGS: ReadonlySet<string> = new Set(['rss']);

/** Autosaves by one person with no more than this between them are one editing session: one revision. */
export const AUTOSAVE_SESSION_MS = 30 * 60_000;

/** The fields a story's row takes from a set of edits; undefined leaves a column alone. */
export type FieldChanges = Partial<WorkingCopyFields> & { source?: string | null; wireId?: string | null; embargoUntil?: string | null };

/**
 * The steps every write to an article shares: load, save under optimistic concurrency
 * with its revision, write changed fields (slug history, bylines, tags), go live. Used by
 * the article service; nothing outside src/content calls it.
 */
export function createArticleWriter({ clock, newId }: { clock: Clock; newId: IdGenerator }) {
  async function uniqueSlug(trx: Kysely<Database>, wanted: string, articleId: string | null): Promise<string> {
    const repo = createArticleRepo(trx);
    // A slug is free when no article uses it now or used it before (old slugs keep redirecting).
    return firstFreeSlug(slugify(wanted) || 'story', async (candidate) => {
      if (RESERVED_ARTICLE_SLUGS.has(candidate)) return true;
      const owner = await repo.resolveSlug(candidate);
      return !!owner && owner.id !== articleId;
    }, newId);
  }

  async function load(trx: Kysely<Database>, id: string): Promise<Article> {
    const article = await createArticleRepo(trx).getById(id);
    if (!article) throw new ArticleNotFound(id);
    return article;
  }

  async function snapshot(trx: Kysely<Database>, article: Article, userId: string | null, kind: RevisionKind): Promise<void> {
    const repo = createArticleRepo(trx);
    const now = clock.now();
    // The working copy's content is what was saved: the revision shows it, not the public version.
    const content = article.workingCopy ? { ...article, ...article.workingCopy.fields, workingCopy: null } : article;
    if (kind === 'autosave') {
      const last = await repo.latestRevision(article.id);
      if (last && last.kind === 'autosave' && last.userId === userId && now.getTime() - Date.parse(last.createdAt) <= AUTOSAVE_SESSION_MS) {
        await repo.replaceRevision(last.id, { version: article.version, snapshot: content, createdAt: now.toISOString() });
        return;
      }
    }
    await repo.insertRevision({ id: newId(), articleId: article.id, version: article.version, snapshot: content, userId, createdAt: now.toISOString(), kind });
  }

  /** Applies a row patch under optimistic concurrency, then records the revision. */
  async function save(trx: Kysely<Database>, current: Article, patch: Updateable<ArticleTable>, options: SaveOptions, kind: RevisionKind): Promise<Article> {
    if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
      throw new VersionConflict(current.id, String(current.version));
    }
    const ok = await createArticleRepo(trx).updateIfVersion(current.id, current.version, { ...patch, version: current.version + 1, modified_at: clock.now().toISOString(), modified_by: options.userId ?? null });
    if (!ok) throw new VersionConflict(current.id, String(current.version + 1));
    const saved = await load(trx, current.id);
    await snapshot(trx, saved, options.userId ?? null, options.kind ?? kind);
    return saved;
  }

  /**
   * The row patch for changed fields, writing what lives in other tables (slug history,
   * bylines, tags, a correction) on the way. `now` dates the slug history and correction.
   */
  async function fieldPatch(trx: Kysely<Database>, current: Article, fields: FieldChanges, now: string, correction?: string): Promise<Updateable<ArticleTable>> {
    const repo = createArticleRepo(trx);
    const patch: Updateable<ArticleTable> = {};
    if (fields.headline !== undefined) patch.headline = fields.headline.trim();
    if (fields.standfirst !== undefined) patch.standfirst = fields.standfirst.trim();
    if (fields.body !== undefined) patch.body = storedDocJson(fields.body);
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
    if (fields.slug !== undefined && fields.slug !== current.slug) {
      const slug = await uniqueSlug(trx, fields.slug, current.id);
      if (slug !== current.slug) {
        await repo.dropOldSlug(slug);
        await repo.recordOldSlug(current.slug, current.id, now);
        patch.slug = slug;
      }
    }
    if (fields.authorIds) await repo.setAuthors(current.id, fields.authorIds);
    if (fields.tagIds) await repo.setTags(current.id, fields.tagIds);
    if (correction?.trim()) await repo.addCorrection({ id: newId(), articleId: current.id, note: correction.trim(), createdAt: now });
    return patch;
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
    }, options, 'workflow');
    await createSiteStateRepo(trx).bumpContentGeneration();
    return saved;
  }

  return { uniqueSlug, load, save, snapshot, fieldPatch, goLive };
}

export type ArticleWriter = ReturnType<typeof createArticleWriter>;
