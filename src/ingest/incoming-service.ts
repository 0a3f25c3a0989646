/**
 * The Incoming queue's actions: preview, Take (a draft through the one wire importer, with the
 * source, credit and original link kept and the pictures fetched into the media library with
 * the agency's credit), Dismiss, and expiry.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import { IncomingAlreadyHandled, IncomingNotFound, IncomingTakeFailed } from './errors.js';
import type { WireItem } from './formats/wire-item.js';
import type { IncomingFilter, IncomingRepo } from './incoming-repo.js';
import type { SourceRepo, WireSource } from './source-repo.js';
import type { ImportOutcome, WireImporter } from './wire-importer.js';

export interface IncomingServiceDeps {
  db: Kysely<Database>;
  incoming: IncomingRepo;
  sources: SourceRepo;
  clock: Clock;
  /** The wire importer for a source (its section is the default for items that name none). */
  importerFor(source: WireSource): Promise<WireImporter>;
}

export interface Taken {
  articleId: string;
  status: string;
  sectionSlug: string;
  slug: string;
}

/** Settled and expired items are forgotten this long after (their keys keep duplicates out meanwhile). */
const FORGET_AFTER_MS = 30 * 24 * 3_600_000;
const ALREADY = 'taken or dismissed';

export function createIncomingService(deps: IncomingServiceDeps) {
  async function queued(id: string) {
    const item = await deps.incoming.get(id);
    if (!item) throw new IncomingNotFound(id);
    if (item.state !== 'queued') throw new IncomingAlreadyHandled(item.state);
    return item;
  }

  return {
    list: (filter: IncomingFilter) => deps.incoming.list(filter),

    async preview(id: string) {
      const item = await deps.incoming.get(id);
      if (!item) throw new IncomingNotFound(id);
      const { payload: _payload, body, ...rest } = item;
      return { ...rest, body: JSON.parse(body) as unknown };
    },

    /**
     * Makes the item a story (a draft, or published for an auto-publish source) in one
     * transaction with marking the item taken. The claim comes first in that transaction: on
     * PostgreSQL a second Take waits on the row until the first commits, then finds it taken
     * and stops before it has created anything; SQLite runs the two one after the other.
     */
    async take(id: string, by: string | null, options: { publish: boolean } = { publish: false }): Promise<Taken> {
      const item = await queued(id);
      const source = await deps.sources.get(item.sourceId);
      if (!source) throw new IncomingNotFound(id);
      const story = reviveDates(JSON.parse(item.payload) as WireItem);
      const importer = await deps.importerFor(source);
      const result: ImportOutcome = await importer.importStory(story, {
        publish: options.publish,
        first: async (trx) => {
          const claimed = await deps.incoming.settle(id, { state: 'taken', by, at: deps.clock.now().toISOString() }, trx);
          if (!claimed) throw new IncomingAlreadyHandled(ALREADY);
        },
        within: async (trx, articleId) => {
          await deps.incoming.linkArticle(id, articleId, trx);
          await deps.incoming.keepOriginalLink(articleId, story.link, trx);
        },
      });
      if (!result.ok) {
        // The importer turns a 4xx error inside its transaction into a refusal; ours comes back by its message.
        if (result.message.endsWith(ALREADY)) throw new IncomingAlreadyHandled(ALREADY);
        throw Object.assign(new IncomingTakeFailed(result.message), { field: result.field });
      }
      return { articleId: result.id, status: result.status, sectionSlug: result.sectionSlug, slug: result.slug };
    },

    async dismiss(id: string, by: string | null): Promise<void> {
      await queued(id);
      const settled = await deps.incoming.settle(id, { state: 'dismissed', by, at: deps.clock.now().toISOString() });
      if (!settled) throw new IncomingAlreadyHandled(ALREADY);
    },

    /** Maintenance: expire queued items past their time, forget old settled ones. */
    expire(): Promise<number> {
      const now = deps.clock.now();
      return deps.incoming.expire(now.toISOString(), new Date(now.getTime() - FORGET_AFTER_MS).toISOString());
    },

    /** Where a story came from: its source and the original's address. */
    origin: (articleId: string) => deps.incoming.origin(articleId),
  };
}

/** JSON turned the item's dates into strings; the importer wants Dates. */
function reviveDates(item: WireItem): WireItem {
  const date = (v: unknown) => (typeof v === 'string' ? new Date(v) : null);
  return { ...item, firstCreated: date(item.firstCreated), versionCreated: date(item.versionCreated), embargoed: date(item.embargoed) };
}

export type IncomingService = ReturnType<typeof createIncomingService>;
