import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { createArticleService, createDirectoryService, createSectionRepo } from '../content/index.js';
import type { MediaService, PreparedMedia } from '../media/index.js';
import { DatelineError } from '../shared/errors.js';
import { createManualClock, type Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { htmlToDocument, parseDocument } from '../doc/index.js';
import type { MediaFetcher } from './fetch-media.js';
import type { IncomingStory } from './ninjs.js';
import { isAgencyCredit } from './agency-credit.js';

export interface WireImporterDeps {
  db: Kysely<Database>;
  media: MediaService;
  fetcher: MediaFetcher;
  clock: Clock;
  newId: IdGenerator;
  log: Logger;
  /** Slug of the section for items that name none. */
  defaultSection: string;
}

export type ImportOutcome =
  | { ok: true; id: string; slug: string; sectionSlug: string; status: string; updated: boolean; embargoedUntil: string | null }
  | { ok: false; field: string; message: string };

/** The JSON path of the feature picture's href, for error messages. */
const PICTURE_FIELD = 'associations.featureimage.renditions.href';

/**
 * Turns a parsed wire item into a stored article in steps: fetch and process the
 * picture (files only), then one transaction for section, authors, tags, media
 * row and article. If any step fails, the picture's files are removed and the
 * database is untouched. The same item again (same source and wire id) updates
 * the existing story instead of duplicating it.
 */
export function createWireImporter(deps: WireImporterDeps) {
  async function preparePicture(item: IncomingStory): Promise<PreparedMedia | ImportOutcome | null> {
    const picture = item.picture;
    if (!picture) return null;
    const fetched = await deps.fetcher.fetchMedia(picture.href);
    if (!fetched.ok) return { ok: false, field: PICTURE_FIELD, message: `Could not fetch the feature picture ${picture.href}: ${fetched.message}` };
    try {
      return await deps.media.prepare(fetched.bytes, {
        alt: picture.alt ?? picture.caption ?? '',
        caption: picture.caption ?? '',
        credit: picture.credit ?? '',
        licence: picture.licence ?? '',
        sourceUrl: picture.sourceUrl,
        showDisclaimer: isAgencyCredit(picture.credit, item.source),
      });
    } catch (err) {
      if (err instanceof DatelineError) return { ok: false, field: PICTURE_FIELD, message: `The feature picture ${picture.href} was refused: ${err.message}` };
      throw err;
    }
  }

  return {
    async importStory(item: IncomingStory, options: { publish: boolean }): Promise<ImportOutcome> {
      const started = Date.now();
      let body;
      try {
        // The converter stays within depth and text limits, but a huge body can exceed the node limit.
        const parsed = parseDocument(htmlToDocument(item.bodyHtml ?? ''));
        if (!parsed.ok) return { ok: false, field: item.bodyHtml ? 'body_html' : 'bodies', message: `The body cannot be stored: ${parsed.message}` };
        body = parsed.value;
      } catch (err) {
        if (err instanceof DatelineError) return { ok: false, field: 'body_html', message: err.message };
        throw err;
      }
      const picture = await preparePicture(item);
      if (picture && 'ok' in picture) return picture;
      try {
        const outcome = await deps.db.transaction().execute(async (trx) => {
          const directory = createDirectoryService({ db: trx, clock: deps.clock, newId: deps.newId });
          const section = item.sectionName
            ? await directory.ensureSection(item.sectionName)
            : ((await createSectionRepo(trx).findBySlug(deps.defaultSection)) ?? (await directory.createSection({ name: deps.defaultSection.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()), slug: deps.defaultSection })));
          const authorIds: string[] = [];
          for (const name of item.bylines) authorIds.push((await directory.ensurePerson(name)).id);
          const tagIds: string[] = [];
          for (const keyword of [...item.keywords, ...item.subjects.map((s) => s.name)].slice(0, 20)) {
            const tag = await directory.ensureTag(keyword, 'topic').catch(() => null);
            if (tag && !tagIds.includes(tag.id)) tagIds.push(tag.id);
          }
          if (picture) await picture.commit(trx);
          const fields = {
            headline: item.headline,
            standfirst: item.standfirst ?? '',
            body,
            sectionId: section.id,
            authorIds,
            tagIds,
            heroMediaId: picture?.id ?? null,
            datelinePlace: item.located,
            source: item.source,
            wireId: item.wireId,
            language: item.language ?? 'en',
            embargoUntil: item.embargoed?.toISOString() ?? null,
          };
          const articles = createArticleService({ db: trx, clock: deps.clock, newId: deps.newId });
          const existing = item.wireId ? (await articles.findByWire(item.source, item.wireId))?.id : undefined;
          let article = existing ? await articles.update(existing, fields) : await articles.create(fields);
          const now = deps.clock.now();
          const embargoed = item.embargoed && item.embargoed > now ? item.embargoed.toISOString() : null;
          if (options.publish && !embargoed && article.status !== 'published') {
            // The wire's own creation time becomes "Published On" (never in the future), and a later
            // version time becomes "Updated On", so the story reads as the agency dated it.
            const firstCreated = item.firstCreated && item.firstCreated < now ? item.firstCreated : now;
            const publishClock = createManualClock(firstCreated);
            article = await createArticleService({ db: trx, clock: publishClock, newId: deps.newId }).publish(article.id);
            if (item.versionCreated && item.versionCreated > firstCreated && item.versionCreated <= now) {
              publishClock.set(item.versionCreated);
              article = await createArticleService({ db: trx, clock: publishClock, newId: deps.newId }).update(article.id, {});
            }
          }
          return { ok: true as const, id: article.id, slug: article.slug, sectionSlug: section.slug, status: article.status, updated: !!existing, embargoedUntil: embargoed };
        });
        deps.log.info({ wireId: item.wireId, id: outcome.id, ms: Date.now() - started }, 'wire item imported');
        return outcome;
      } catch (err) {
        await picture?.discard();
        if (err instanceof DatelineError && err.status < 500) return { ok: false, field: err.field ?? 'item', message: err.message };
        throw err;
      }
    },
  };
}

export type WireImporter = ReturnType<typeof createWireImporter>;
