import type { FastifyInstance } from 'fastify';
import { CARD_SIZE, LOGO_SIZE, siteCardHash } from '../audience/index.js';
import type { SiteInfo } from './site-info.js';

const FILE_RE = /^site-([0-9a-f]{12})\.jpg$/;

function host(url: string): string {
  return new URL(url).host;
}

/** The site-wide share image's path: versioned by the site name drawn on it, so it can be cached for a year. */
export function siteShareImagePath(siteName: string, siteUrl: string): string {
  return `/assets/share/site-${siteCardHash(siteName, host(siteUrl))}.jpg`;
}

/** What SiteInfo says about the site's own pictures: the fallback share image and the publisher logo. */
export function siteImages(siteName: string, siteUrl: string): Pick<SiteInfo, 'shareImage' | 'logo'> {
  return {
    shareImage: { url: siteUrl + siteShareImagePath(siteName, siteUrl), ...CARD_SIZE, alt: siteName },
    logo: { url: `${siteUrl}/logo.png`, ...LOGO_SIZE },
  };
}

/**
 * Serves the site-wide share image, drawn on the first request for each site name (every node
 * draws its own: it is the same picture, and nothing is stored). An address of an earlier name
 * (a page still cached somewhere) is sent to the current image.
 */
export async function shareImageRoutes(app: FastifyInstance, options: { site: () => SiteInfo; render: (siteName: string, host: string) => Promise<Buffer> }): Promise<void> {
  const drawn = new Map<string, Promise<Buffer>>();
  // Under /assets/, whose name no section may take (RESERVED_SECTION_SLUGS).
  app.get<{ Params: { file: string } }>('/assets/share/:file', async (request, reply) => {
    const version = FILE_RE.exec(request.params.file)?.[1];
    if (!version) return reply.callNotFound();
    const site = options.site();
    const current = siteShareImagePath(site.name, site.url);
    if (!current.endsWith(`site-${version}.jpg`)) return reply.code(302).header('cache-control', 'public, max-age=300').redirect(current);
    let image = drawn.get(version);
    if (!image) {
      // One name at a time is enough: a renamed site never asks for the old picture again.
      drawn.clear();
      image = options.render(site.name, host(site.url));
      drawn.set(version, image);
      image.catch(() => drawn.delete(version));
    }
    return reply.header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').type('image/jpeg').send(await image);
  });
}
