import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { storedDocJson, type DocNode } from '../doc/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { ValidationError } from '../shared/errors.js';
import { createArticleRepo } from './article-repo.js';
import { createSiteStateRepo } from './site-state-repo.js';
import { createArticleWriter, type FieldChanges, type SaveOptions } from './article-writer.js';
import { EmbargoActive, InvalidTransition, NoWorkingCopy, VersionConflict } from './errors.js';
import { fieldsToRestore, type MissingReference } from './revision-restore.js';
import type { Article } from './types.js';
import { isLive, mergeIntoCopy } from './working-copy.js';

export type { SaveOptions } from './article-writer.js';
export type { MissingReference } from './revision-restore.js';

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

/**
 * Brings a story's search entry in line with the story, inside the transaction that changed it
 * (src/search passes it in through the content module; content never imports search).
 */
export type ArticleIndexer = (trx: Kysely<Database>, articleId: string) => Promise<void>;

/**
 * Suggests tags from the text of a story (a live story's working copy) once the save is
 * committed (src/entities passes it in; content never imports entities). Extraction takes tens
 * of milliseconds of CPU, too long to hold the database's write lock for; when the service works
 * inside a caller's transaction (imports, the demo seed) it runs there instead.
 */
export type ArticleTagger = (trx: Kysely<Database>, story: { id: string; headline: string; standfirst: string; body: DocNode; tagIds: string[] }) => Promise<void>;

export interface ArticleServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
  /** Called after every change readers can see (publish, Update of a live story, unpublish, delete). */
  indexer?: ArticleIndexer;
  /** Called after every save that changed the headline, standfirst, body or tags (after it committed). */
  tagger?: ArticleTagger;
}

function checkFields(fields: Partial<ArticleFields>): void {
  if (fields.headline !== undefined && fields.headline.trim() === '') throw new ValidationError('headline', 'A headline is required');
  if (fields.headline !== undefined && fields.headline.length > 300) throw new ValidationError('headline', 'A headline has at most 300 characters');
}

function articleOperations({ db, clock, newId, indexer, tagger }: ArticleServiceDeps) {
  const writer = createArticleWriter({ clock, newId });
  const { load, save, fieldPatch, uniqueSlug, snapshot } = writer;
  const reindex = async (trx: Kysely<Database>, id: string) => {
    if (indexer) await indexer(trx, id);
  };
  /** Texts to tag once the transaction that saved them commits, per transaction (requests run concurrently). */
  const tagAfterCommit = new WeakMap<Kysely<Database>, Map<string, Parameters<ArticleTagger>[1]>>();

  /** Entity suggestions follow the text the editor saved. */
  const retag = async (trx: Kysely<Database>, saved: Article, changed: Partial<ArticleFields>) => {
    if (!tagger || (changed.headline === undefined && changed.standfirst === undefined && changed.body === undefined && changed.tagIds === undefined)) return;
    const text = saved.workingCopy?.fields ?? saved;
    const story = { id: saved.id, headline: text.headline, standfirst: text.standfirst, body: text.body, tagIds: text.tagIds };
    const pending = tagAfterCommit.get(trx);
    if (pending) pending.set(story.id, story);
    else await tagger(trx, story);
  };
  const goLive: typeof writer.goLive = async (trx, current, at, now, options) => {
    const saved = await writer.goLive(trx, current, at, now, options);
    await reindex(trx, saved.id);
    return saved;
  };

  /** Joins the caller's transaction when given one (imports, seeding), else opens its own and tags what it saved after the commit. */
  async function inTransaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    if (db.isTransaction) return work(db);
    const pending = new Map<string, Parameters<ArticleTagger>[1]>();
    const result = await db.transaction().execute((trx) => {
      tagAfterCommit.set(trx, pending);
      return work(trx);
    });
    for (const story of pending.values()) await tagger!(db, story);
    return result;
  }

  /** Writes changes to the story itself; a published story shows them at once, dated "Updated On". */
  async function writeLive(trx: Kysely<Database>, current: Article, fields: FieldChanges, options: SaveOptions, extra: { clearCopy?: boolean } = {}): Promise<Article> {
    const now = (options.at ?? clock.now()).toISOString();
    const patch = await fieldPatch(trx, current, fields, now, options.correction);
    const isPublic = current.status === 'published';
    if (isPublic) patch.updated_at = now;
    if (extra.clearCopy) Object.assign(patch, { working_copy: null, working_copy_at: null, working_copy_by: null });
    const saved = await save(trx, current, patch, options, 'save');
    await retag(trx, saved, fields);
    if (isPublic) {
      await createSiteStateRepo(trx).bumpContentGeneration();
      await reindex(trx, saved.id);
    }
    return saved;
  }

  /** Saves changes to a live story's working copy: readers see nothing of it, and "Updated On" stays. */
  async function writeCopy(trx: Kysely<Database>, current: Article, fields: FieldChanges, options: SaveOptions): Promise<Article> {
    const copy = mergeIntoCopy(current, fields);
    // The slug is checked now (readers may not see it yet, but no other story may take it meanwhile either).
    if (fields.slug !== undefined && fields.slug !== current.slug) copy.slug = await uniqueSlug(trx, fields.slug, current.id);
    const at = clock.now().toISOString();
    // An embargo holds a scheduled story back: it must act now, not when the copy is made public.
    const embargo = fields.embargoUntil !== undefined ? { embargo_until: fields.embargoUntil } : {};
    const saved = await save(trx, current, { working_copy: JSON.stringify(copy), working_copy_at: at, working_copy_by: options.userId ?? null, ...embargo }, options, 'save');
    await retag(trx, saved, fields);
    return saved;
  }

  /** The columns and side tables that fold a working copy into a story that is going off the site. */
  async function foldCopy(trx: Kysely<Database>, current: Article) {
    if (!current.workingCopy) return {};
    const patch = await fieldPatch(trx, current, current.workingCopy.fields, clock.now().toISOString());
    return { ...patch, working_copy: null, working_copy_at: null, working_copy_by: null };
  }

  return {
    async create(fields: ArticleFields, options: SaveOptions = {}): Promise<Article> {
      checkFields(fields);
      return inTransaction(async (trx) => {
        const id = newId();
        const now = (options.at ?? clock.now()).toISOString();
        const repo = createArticleRepo(trx);
        await repo.insert({
          id,
          slug: await uniqueSlug(trx, fields.slug ?? fields.headline, null),
          section_id: fields.sectionId,
          headline: fields.headline.trim(),
          standfirst: fields.standfirst?.trim() ?? '',
          body: storedDocJson(fields.body),
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
        await snapshot(trx, article, options.userId ?? null, options.kind ?? 'save');
        await retag(trx, article, fields);
        return article;
      });
    },

    /**
     * Changes the story itself (imports, corrections by the system). Editors' changes to a
     * live story go through `edit`, which keeps them in a working copy until Update.
     */
    async update(id: string, fields: Partial<ArticleFields>, options: SaveOptions = {}): Promise<Article> {
      checkFields(fields);
      return inTransaction(async (trx) => writeLive(trx, await load(trx, id), fields, options));
    },

    /**
     * An editor's save (or autosave, with `kind: 'autosave'`): a story that is not live
     * changes at once; a published or scheduled one keeps the changes in its working
     * copy, and the public page stays exactly as it was until `applyChanges`.
     */
    async edit(id: string, fields: Partial<ArticleFields>, options: SaveOptions = {}): Promise<Article> {
      checkFields(fields);
      return inTransaction(async (trx) => {
        const current = await load(trx, id);
        if (!isLive(current)) return writeLive(trx, current, fields, options);
        if (options.correction?.trim()) throw new ValidationError('correction', 'A correction note goes with Update, when the changes become public');
        return writeCopy(trx, current, fields, options);
      });
    },

    /**
     * "Update": makes a live story's working copy public in one transaction, with an optional
     * correction note. A note alone (a correction to what is already public) is an Update too.
     */
    async applyChanges(id: string, options: SaveOptions = {}): Promise<Article> {
      return inTransaction(async (trx) => {
        const current = await load(trx, id);
        if (!isLive(current) || (!current.workingCopy && !options.correction?.trim())) throw new NoWorkingCopy(id);
        return writeLive(trx, current, current.workingCopy?.fields ?? {}, { ...options, kind: 'update' }, { clearCopy: true });
      });
    },

    /** "Discard changes": drops a live story's working copy; the public version is untouched. */
    async discardChanges(id: string, options: SaveOptions = {}): Promise<Article> {
      return inTransaction(async (trx) => {
        const current = await load(trx, id);
        if (!current.workingCopy) throw new NoWorkingCopy(id);
        return save(trx, current, { working_copy: null, working_copy_at: null, working_copy_by: null }, options, 'workflow');
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
        return save(trx, current, { status: 'submitted' }, options, 'workflow');
      });
    },

    /** submitted → draft: the writer takes back a story they submitted, before anyone has acted on it. */
    async withdraw(id: string, options: SaveOptions = {}): Promise<Article> {
      return inTransaction(async (trx) => {
        const current = await load(trx, id);
        if (current.status !== 'submitted') throw new InvalidTransition(current.status, 'draft');
        return save(trx, current, { status: 'draft' }, options, 'workflow');
      });
    },

    /** submitted or scheduled → draft: an editor sends it back. A scheduled story's pending edits are kept, folded in. */
    async returnToDraft(id: string, options: SaveOptions = {}): Promise<Article> {
      return inTransaction(async (trx) => {
        const current = await load(trx, id);
        if (current.status !== 'submitted' && current.status !== 'scheduled') throw new InvalidTransition(current.status, 'draft');
        return save(trx, current, { status: 'draft', scheduled_at: null, ...(await foldCopy(trx, current)) }, options, 'workflow');
      });
    },

    /** Publishes automatically at `at` (see publishDue). Refused before an embargo ends. */
    async schedule(id: string, at: Date, options: SaveOptions = {}): Promise<Article> {
      return inTransaction(async (trx) => {
        const current = await load(trx, id);
        if (current.status === 'published') throw new InvalidTransition(current.status, 'scheduled');
        if (at <= clock.now()) throw new ValidationError('at', 'A schedule time must be in the future');
        if (current.embargoUntil && new Date(current.embargoUntil) > at) throw new EmbargoActive(current.embargoUntil);
        return save(trx, current, { status: 'scheduled', scheduled_at: at.toISOString() }, options, 'workflow');
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
        await reindex(trx, id);
      });
    },

    /** Takes a story off the site (its page answers 410). Pending edits are kept, folded into the story. */
    async unpublish(id: string, options: SaveOptions = {}): Promise<Article> {
      return inTransaction(async (trx) => {
        const current = await load(trx, id);
        if (current.status !== 'published') throw new InvalidTransition(current.status, 'unpublished');
        const saved = await save(trx, current, { status: 'unpublished', ...(await foldCopy(trx, current)) }, options, 'workflow');
        await createSiteStateRepo(trx).bumpContentGeneration();
        await reindex(trx, id);
        return saved;
      });
    },

    /**
     * Brings back the headline, standfirst, body and other fields of an earlier version as
     * a new save (history is never rewritten); on a live story, into its working copy. A
     * section, byline, tag or hero picture deleted since is left out, and `missing` says which.
     */
    async restore(id: string, revisionVersion: number, options: SaveOptions = {}): Promise<{ article: Article; missing: MissingReference[] }> {
      const revision = await createArticleRepo(db).revision(id, revisionVersion);
      if (!revision) throw new ValidationError('revisionVersion', `Article ${id} has no revision ${revisionVersion}`);
      const { fields, missing } = await fieldsToRestore(db, revision.snapshot as unknown as Article);
      const article = await this.edit(id, fields, { ...options, kind: 'restore' });
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
