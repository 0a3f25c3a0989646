import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { contentHash, siteRoutes, type SiteRoutesOptions } from './site-routes.js';
import { createCodingNegotiator } from './accept-encoding.js';
import { prepareRepresentationsSync, writeRepresentation, type Representations } from './representations.js';
import { sitemapUrls } from '../feeds/index.js';
import { shareImageRoutes } from './share-image.js';
import { searchRoutes } from './search-routes.js';
import { mediaFileRoutes } from './media-file-routes.js';
import type { MediaStorage } from '../media/index.js';
import type { SearchService } from '../search/index.js';

const assetsDir = new URL('./assets/', import.meta.url);
const IMMUTABLE = 'public, max-age=31536000, immutable';
const NOSNIFF = { 'x-content-type-options': 'nosniff' };

/**
 * The reader script and favicon, read once and compressed once, at the highest
 * settings since it happens at start; the script's URL carries a content hash so it
 * can be cached for a year. The CSS is inlined into every page.
 */
export function loadSiteAssets() {
  const script = readFileSync(new URL('site.js', assetsDir));
  const css = readFileSync(new URL('site.css', assetsDir), 'utf8');
  const favicon = readFileSync(new URL('favicon.svg', assetsDir));
  return {
    script: prepareRepresentationsSync({ body: script, headers: { ...NOSNIFF, 'content-type': 'text/javascript; charset=utf-8', 'cache-control': IMMUTABLE } }),
    scriptPath: `/assets/site.${contentHash(script)}.js`,
    css,
    favicon: prepareRepresentationsSync({ body: favicon, headers: { ...NOSNIFF, 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' } }),
  };
}

/**
 * Crawlers may read everything but the APIs and the editor. `/admin$` and `/admin/`
 * rather than a bare `/admin`, which is a prefix rule and would also hide a section
 * whose slug starts with "admin" (/administration).
 */
export const ROBOTS_TXT = 'User-agent: *\nDisallow: /api/\nDisallow: /admin$\nDisallow: /admin/\n';

export interface SitePluginOptions extends SiteRoutesOptions {
  assets: ReturnType<typeof loadSiteAssets>;
  /** Media files: a local folder is served by @fastify/static, a bucket through mediaFileRoutes. */
  mediaStorage: MediaStorage;
  /** Draws the publisher logo; called on the first request for it, not at start-up. */
  renderLogo: () => Promise<Buffer>;
  /** Draws the site-wide share image; called on the first request for it. */
  renderSiteCard: (siteName: string, host: string) => Promise<Buffer>;
  /** Reader search (src/search) for /search; without it the path is an ordinary 404. */
  search?: SearchService;
}

/** The public site as one Fastify plugin: pages, media files, assets, robots.txt. */
export async function sitePlugin(app: FastifyInstance, options: SitePluginOptions): Promise<void> {
  const { assets } = options;
  const negotiate = createCodingNegotiator();
  const sendAsset = (representations: Representations) => (request: FastifyRequest, reply: FastifyReply) =>
    writeRepresentation(request, reply, 200, representations, negotiate(request.headers['accept-encoding']));

  if (options.mediaStorage.localRoot === null) await mediaFileRoutes(app, options.mediaStorage);
  else
    await app.register(fastifyStatic, {
      root: options.mediaStorage.localRoot,
      prefix: '/media/',
      decorateReply: false,
      index: false,
      dotfiles: 'deny',
      // Media paths contain the media id and never change content: cache for a year.
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => void res.header('x-content-type-options', 'nosniff'),
    });

  app.get(assets.scriptPath, sendAsset(assets.script));
  app.get('/favicon.svg', sendAsset(assets.favicon));
  app.get('/favicon.ico', sendAsset(assets.favicon));
  let logo: Promise<Buffer> | undefined;
  app.get('/logo.png', async (_request, reply) => {
    logo ??= options.renderLogo();
    return reply.header('cache-control', 'public, max-age=86400').type('image/png').send(await logo);
  });
  // Sitemap lines stand outside the user-agent group and need absolute URLs (sitemaps.org).
  const robots = `${ROBOTS_TXT}\n${sitemapUrls(options.site().url).map((url) => `Sitemap: ${url}\n`).join('')}`;
  app.get('/robots.txt', (_request, reply) => reply.header('cache-control', 'public, max-age=3600').type('text/plain; charset=utf-8').send(robots));
  await shareImageRoutes(app, { site: options.site, render: options.renderSiteCard });
  if (options.search) await searchRoutes(app, { search: options.search, site: options.site });

  await siteRoutes(app, options);
}
