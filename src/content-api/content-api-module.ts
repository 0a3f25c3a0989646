import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ContentModule } from '../content/index.js';
import type { Database } from '../db/index.js';
import type { MediaView } from '../media/index.js';
import type { Clock } from '../shared/clock.js';
import { createPageCache } from '../shared/page-cache.js';
import type { ApiPaths, ApiSite } from './answer-context.js';
import { createContentApiService } from './content-api-service.js';
import { contentApiRoutes } from './content-api-routes.js';
import { createDirectoryRepo } from './directory-repo.js';
import { createKeyCheck, type KeyScope } from './key-check.js';
import { contentApiDocument } from './openapi.js';
import { createPostRepo, type PostSearch } from './post-repo.js';

export interface ContentApiDeps {
  db: Kysely<Database>;
  content: Pick<ContentModule, 'sections' | 'staticPages' | 'siteState'>;
  media: { views(ids: string[]): Promise<Map<string, MediaView>> };
  /** The settings editors change at run time (site name, time zone, locale, disclaimer). */
  settings: () => Promise<{ siteName: string; timeZone: string; locale: string; disclaimerTemplate: string }>;
  /** Absolute base URL without a trailing slash (SITE_URL). */
  siteUrl: string;
  paths: ApiPaths;
  clock: Clock;
  /** PAGE_CACHE_ENTRIES: 0 turns answer caching off, as it does for pages. */
  cacheEntries: number;
  /** Full-text search for `q` on posts (src/search); without it `q` is refused. */
  search?: PostSearch;
}

/** At most this many answers, and this many bytes of them (a limit=100 answer with bodies is ~1 MB). */
const CACHE_LIMITS = { entries: 1000, bytes: 64 * 1024 * 1024 };

/**
 * The Content API: Ghost-shaped, read-only JSON of published content for front ends and
 * integrations. Builds its repositories, the answer cache (stamped with the content
 * generation, like the page cache) and the Fastify plugin.
 */
export function createContentApiModule(deps: ContentApiDeps) {
  const { content } = deps;
  const cache = createPageCache({
    maxEntries: Math.min(deps.cacheEntries, CACHE_LIMITS.entries),
    maxBytes: CACHE_LIMITS.bytes,
    readGeneration: () => content.siteState.contentGeneration(),
    checkEveryMs: 1000,
  });
  async function site(): Promise<ApiSite> {
    const [settings, sections, footerPages] = await Promise.all([deps.settings(), content.sections.list(), content.staticPages.footerLinks()]);
    return { url: deps.siteUrl, name: settings.siteName, locale: settings.locale, timeZone: settings.timeZone, disclaimerTemplate: settings.disclaimerTemplate, sections, footerPages };
  }
  const service = createContentApiService({ posts: createPostRepo(deps.db, deps.search), directory: createDirectoryRepo(deps.db), media: deps.media, site, paths: deps.paths });
  let document: unknown;

  return {
    service,
    cache,
    /** Registers the routes; `keyScope` says what an API key may do (the admin module owns keys). */
    plugin: (app: FastifyInstance, extra: { keyScope: (key: string) => Promise<KeyScope | null> }) =>
      app.register(contentApiRoutes, {
        service,
        cache,
        clock: deps.clock,
        checkKey: createKeyCheck({ lookup: extra.keyScope, clock: deps.clock, generation: () => cache.knownGeneration() }),
        document: () => (document ??= contentApiDocument(deps.siteUrl)),
      }),
  };
}

export type ContentApiModule = ReturnType<typeof createContentApiModule>;
