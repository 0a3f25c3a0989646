import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import type { Article, ArticleService, DirectoryService } from '../content/index.js';
import type { MediaService, PreparedMedia } from '../media/index.js';
import { DatelineError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import { htmlToDocument, parseDocument, type DocNode } from '../doc/index.js';
import type { MediaFetcher } from './fetch-media.js';
import type { IncomingPicture, IncomingStory, PubStatus } from './ninjs.js';
import { isAgencyCredit } from './agency-credit.js';

export interface WireImporterDeps {
  /** Opens the one transaction an item is stored in; the services below join it. */
  db: Kysely<Database>;
  articles: ArticleService;
  directory: DirectoryService;
  media: MediaService;
  fetcher: MediaFetcher;
  clock: Clock;
  log: Logger;
  /** Slug of the section for items that name none. */
  defaultSection: string;
}

export interface Imported {
  ok: true;
  id: string;
  slug: string;
  sectionSlug: string;
  status: string;
  updated: boolean;
  embargoedUntil: string | null;
  pubStatus: PubStatus;
  /** A withheld or cancelled item took a published story down. */
  killed: boolean;
}

export interface ImportOptions {
  publish: boolean;
  /** Work at the start of the item's transaction (the Incoming queue claims its item, so a second Take waits and then stops). */
  first?: (trx: Kysely<Database>) => Promise<void>;
  /** More work in the item's own transaction after the story is stored; a throw rolls all back. */
  within?: (trx: Kysely<Database>, articleId: string) => Promise<void>;
}

export type ImportOutcome = Imported | { ok: false; field: string; message: string };
type Refusal = Extract<ImportOutcome, { ok: false }>;

/**
 * Turns a parsed wire item into a stored article in steps: fetch and process the
 * pictures (files only), then one transaction for section, authors, tags, media
 * rows and article. If any step fails, every picture's files are removed and the
 * database is untouched. The same item again (same source and wire id) updates
 * the existing story instead of duplicating it. A withheld or cancelled item is
 * never published: it unpublishes the story it names, and changes nothing else.
 */
export function createWireImporter(deps: WireImporterDeps) {
  async function preparePicture(item: IncomingStory, picture: IncomingPicture): Promise<PreparedMedia | Refusal> {
    const fetched = await deps.fetcher.fetchMedia(picture.href);
    if (!fetched.ok) return { ok: false, field: picture.hrefPath, message: `Could not fetch the picture ${picture.href}: ${fetched.message}` };
    try {
      return await deps.media.prepareUnlessStored(fetched.bytes, {
        alt: picture.alt ?? picture.caption ?? '',
        caption: picture.caption ?? '',
        credit: picture.credit ?? '',
        licence: picture.licence ?? '',
        sourceUrl: picture.sourceUrl,
        showDisclaimer: isAgencyCredit(picture.credit, item.source),
      });
    } catch (err) {
      if (err instanceof DatelineError) return { ok: false, field: picture.hrefPath, message: `The picture ${picture.href} was refused: ${err.message}` };
      throw err;
    }
  }

  /** The hero first, then further pictures; all or nothing, so a failure leaves no file behind. */
  async function preparePictures(item: IncomingStory): Promise<PreparedMedia[] | Refusal> {
    const prepared: PreparedMedia[] = [];
    try {
      for (const picture of [item.picture, ...item.furtherPictures]) {
        if (!picture) continue;
        const result = await preparePicture(item, picture);
        if ('ok' in result) {
          await discardAll(prepared);
          return result;
        }
        prepared.push(result);
      }
      return prepared;
    } catch (err) {
      await discardAll(prepared);
      throw err;
    }
  }

  function convertBody(item: IncomingStory): { ok: true; body: DocNode } | Refusal {
    const field = item.bodyPath ?? 'body_html';
    try {
      // The converter stays within depth and text limits, but a huge body can exceed the node limit.
      const parsed = parseDocument(htmlToDocument(item.bodyHtml ?? ''));
      return parsed.ok ? { ok: true, body: parsed.value } : { ok: false, field, message: `The body cannot be stored: ${parsed.message}` };
    } catch (err) {
      if (err instanceof DatelineError) return { ok: false, field, message: err.message };
      throw err;
    }
  }

  async function sectionFor(directory: DirectoryService, item: IncomingStory) {
    if (item.sectionName) return directory.ensureSection(item.sectionName);
    const existing = await directory.sectionBySlug(deps.defaultSection);
    const name = deps.defaultSection.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
    return existing ?? directory.createSection({ name, slug: deps.defaultSection });
  }

  async function peopleAndTags(directory: DirectoryService, item: IncomingStory): Promise<{ authorIds: string[]; tagIds: string[] }> {
    const authorIds: string[] = [];
    for (const name of item.bylines) authorIds.push((await directory.ensurePerson(name)).id);
    const tagIds: string[] = [];
    for (const keyword of [...item.keywords, ...item.subjects.map((s) => s.name)].slice(0, 20)) {
      const tag = await directory.ensureTag(keyword, 'topic').catch(() => null);
      if (tag && !tagIds.includes(tag.id)) tagIds.push(tag.id);
    }
    return { authorIds, tagIds };
  }

  /**
   * The wire's own creation time becomes "Published On", and a later version time becomes
   * "Updated On", so the story reads as the agency dated it. Never in the future, and never
   * inside the embargo: agencies create items before the embargo lifts.
   */
  async function publishAsDated(articles: ArticleService, article: Article, item: IncomingStory, now: Date): Promise<Article> {
    const candidates = [item.firstCreated, item.embargoed].filter((d): d is Date => d !== null && d < now);
    const at = candidates.length ? new Date(Math.max(...candidates.map((d) => d.getTime()))) : now;
    let published = await articles.publish(article.id, { at });
    if (item.versionCreated && item.versionCreated > at && item.versionCreated <= now) {
      published = await articles.update(published.id, {}, { at: item.versionCreated });
    }
    return published;
  }

  async function store(item: IncomingStory, body: DocNode, pictures: PreparedMedia[], options: ImportOptions): Promise<Imported> {
    const publish = options.publish;
    return deps.db.transaction().execute(async (trx) => {
      if (options.first) await options.first(trx);
      const articles = deps.articles.withTransaction(trx);
      const directory = deps.directory.withTransaction(trx);
      const section = await sectionFor(directory, item);
      const { authorIds, tagIds } = await peopleAndTags(directory, item);
      for (const picture of pictures) await picture.commit(trx);
      const fields = {
        headline: item.headline,
        standfirst: item.standfirst ?? '',
        body,
        sectionId: section.id,
        authorIds,
        tagIds,
        heroMediaId: item.picture ? (pictures[0]?.id ?? null) : null,
        datelinePlace: item.located,
        source: item.source,
        wireId: item.wireId,
        language: item.language ?? 'en',
        embargoUntil: item.embargoed?.toISOString() ?? null,
      };
      const existing = (await articles.findByWire(item.source, item.wireId))?.id;
      let article = existing ? await articles.update(existing, fields) : await articles.create(fields);
      const now = deps.clock.now();
      const embargoed = item.embargoed && item.embargoed > now ? item.embargoed.toISOString() : null;
      if (publish && !embargoed && article.status !== 'published') article = await publishAsDated(articles, article, item, now);
      if (options.within) await options.within(trx, article.id);
      return outcome(article, section.slug, { updated: !!existing, embargoedUntil: embargoed, pubStatus: item.pubStatus, killed: false });
    });
  }

  /**
   * A withheld or cancelled item: the agency says the story must not run. A published
   * story is unpublished (a kill), a scheduled one goes back to draft, anything else stays
   * as it is. Without an earlier story there is nothing to take down, and that is refused.
   */
  async function withdraw(item: IncomingStory): Promise<ImportOutcome> {
    return deps.db.transaction().execute(async (trx): Promise<ImportOutcome> => {
      const articles = deps.articles.withTransaction(trx);
      const found = await articles.findByWire(item.source, item.wireId);
      const current = found ? await articles.get(found.id) : null;
      if (!current) {
        return { ok: false, field: item.pubStatusPath, message: `The agency ${item.pubStatus === 'withheld' ? 'withheld' : 'cancelled'} this item, and no story was imported from it (uri ${item.wireId}): there is nothing to take down` };
      }
      let article = current;
      if (current.status === 'published') article = await articles.unpublish(current.id);
      else if (current.status === 'scheduled') article = await articles.returnToDraft(current.id);
      const section = await deps.directory.withTransaction(trx).sectionById(article.sectionId);
      return outcome(article, section?.slug ?? deps.defaultSection, { updated: true, embargoedUntil: null, pubStatus: item.pubStatus, killed: current.status === 'published' });
    });
  }

  return {
    async importStory(item: IncomingStory, options: ImportOptions): Promise<ImportOutcome> {
      const started = Date.now();
      if (item.pubStatus !== 'usable') {
        const result = await withdraw(item).catch(refusalOrThrow);
        deps.log.info({ wireId: item.wireId, pubStatus: item.pubStatus, ok: result.ok, ms: Date.now() - started }, 'wire item withdrawn');
        return result;
      }
      const body = convertBody(item);
      if (!body.ok) return body;
      const pictures = await preparePictures(item);
      if (!Array.isArray(pictures)) return pictures;
      try {
        const result = await store(item, body.body, pictures, options);
        deps.log.info({ wireId: item.wireId, id: result.id, pictures: pictures.length, ms: Date.now() - started }, 'wire item imported');
        return result;
      } catch (err) {
        await discardAll(pictures);
        return refusalOrThrow(err);
      }
    },
  };
}

function outcome(article: Article, sectionSlug: string, rest: Pick<Imported, 'updated' | 'embargoedUntil' | 'pubStatus' | 'killed'>): Imported {
  return { ok: true, id: article.id, slug: article.slug, sectionSlug, status: article.status, ...rest };
}

/** A service's 4xx error (a validation, a workflow rule) refuses the item; anything else is a bug. */
function refusalOrThrow(err: unknown): Refusal {
  if (err instanceof DatelineError && err.status < 500) return { ok: false, field: err.field ?? 'item', message: err.message };
  throw err;
}

async function discardAll(pictures: readonly PreparedMedia[]): Promise<void> {
  // allSettled: one failed removal must not leave the other pictures' files behind.
  await Promise.allSettled(pictures.map((picture) => picture.discard()));
}

export type WireImporter = ReturnType<typeof createWireImporter>;
