import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { contentHash, siteRoutes, type SiteRoutesOptions } from './site-routes.js';

const assetsDir = new URL('./assets/', import.meta.url);

/** The reader script and favicon, read once; their URLs carry a content hash so they can be cached for a year. */
export function loadSiteAssets() {
  const script = readFileSync(new URL('site.js', assetsDir));
  const css = readFileSync(new URL('site.css', assetsDir), 'utf8');
  const favicon = readFileSync(new URL('favicon.svg', assetsDir));
  return { script, scriptPath: `/assets/site.${contentHash(script)}.js`, css, favicon };
}

export interface SitePluginOptions extends SiteRoutesOptions {
  assets: ReturnType<typeof loadSiteAssets>;
  mediaRoot: string;
  /** Draws the publisher logo; called on the first request for it, not at start-up. */
  renderLogo: () => Promise<Buffer>;
}

/** The public site as one Fastify plugin: pages, media files, assets, robots.txt. */
export async function sitePlugin(app: FastifyInstance, options: SitePluginOptions): Promise<void> {
  const { assets } = options;
  const immutable = 'public, max-age=31536000, immutable';

  await app.register(fastifyStatic, {
    root: options.mediaRoot,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    dotfiles: 'deny',
    // Media paths contain the media id and never change content: cache for a year.
    immutable: true,
    maxAge: '365d',
    setHeaders: (res) => void res.header('x-content-type-options', 'nosniff'),
  });

  app.get(assets.scriptPath, (_request, reply) => reply.header('cache-control', immutable).type('text/javascript; charset=utf-8').send(assets.script));
  app.get('/favicon.svg', (_request, reply) => reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(assets.favicon));
  app.get('/favicon.ico', (_request, reply) => reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(assets.favicon));
  let logo: Promise<Buffer> | undefined;
  app.get('/logo.png', async (_request, reply) => {
    logo ??= options.renderLogo();
    return reply.header('cache-control', 'public, max-age=86400').type('image/png').send(await logo);
  });
  app.get('/robots.txt', (_request, reply) => {
    const site = options.site();
    reply.header('cache-control', 'public, max-age=3600').type('text/plain; charset=utf-8').send(`User-agent: *\nDisallow: /api/\nDisallow: /admin\n\nHost: ${site.url}\n`);
  });
  app.get('/healthz', async () => ({ ok: true }));

  await siteRoutes(app, options);
}
