import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ContentModule } from '../content/index.js';
import type { Database } from '../db/index.js';
import type { MediaService } from '../media/index.js';
import type { Clock } from '../shared/clock.js';
import { createDocumentCache } from './document-cache.js';
import { createFeedBuilder, FEED_ITEM_COUNT, type FeedSettings } from './feed-builder.js';
import { createFeedRepo } from './feed-repo.js';
import { feedsPlugin } from './feeds-plugin.js';
import { createSitemapBuilder } from './sitemap-builder.js';
import { createSitemapRepo } from './sitemap-repo.js';

export interface FeedsDeps {
  db: Kysely<Database>;
  /** SITE_URL, without a trailing slash: every URL in a feed or sitemap is absolute. */
  url: string;
  settings: () => Promise<FeedSettings>;
  content: Pick<ContentModule, 'sections' | 'people' | 'tags' | 'siteState'>;
  media: Pick<MediaService, 'views'>;
  clock: Clock;
  /** Bytes of built feeds and sitemaps kept in memory (default 32 MB). */
  cacheBytes?: number;
  /** URLs per sitemap file (default 50,000, the protocol's limit); tests page with fewer. */
  sitemapPageSize?: number;
}

/** Rows read per database round trip when a sitemap is written: what memory holds at once. */
const SITEMAP_BATCH = 1000;

/**
 * RSS, Atom and JSON Feed for the site and each section, author and topic, and the sitemaps:
 * built from the database in batches, kept per content generation, served with compression
 * and conditional requests.
 */
export function createFeedsModule(deps: FeedsDeps) {
  const { db, url, clock, content } = deps;
  const cache = createDocumentCache({ maxBytes: deps.cacheBytes ?? 32 * 1024 * 1024, checkEveryMs: 1000, readGeneration: () => content.siteState.contentGeneration() });
  const mediaViews = (ids: string[]) => deps.media.views(ids);
  const sitemaps = createSitemapBuilder({ repo: createSitemapRepo(db), mediaViews, siteUrl: url, pageSize: deps.sitemapPageSize ?? 50_000, batchSize: SITEMAP_BATCH });
  const feeds = createFeedBuilder({
    repo: createFeedRepo(db),
    lookups: {
      sectionBySlug: (slug) => content.sections.findBySlug(slug),
      personBySlug: (slug) => content.people.findBySlug(slug),
      tagBySlug: (slug) => content.tags.findBySlug(slug),
    },
    mediaViews,
    siteUrl: url,
    clock,
    itemCount: FEED_ITEM_COUNT,
  });

  return {
    feeds,
    sitemaps,
    cache,
    /** After a public change on this node or another: rebuild on the next request. */
    invalidate: () => cache.invalidate(),
    /** Registers the feed and sitemap routes. */
    plugin: (app: FastifyInstance) => app.register(feedsPlugin, { feeds, sitemaps, cache, settings: deps.settings, clock }),
  };
}

export type FeedsModule = ReturnType<typeof createFeedsModule>;
