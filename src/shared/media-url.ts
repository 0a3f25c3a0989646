/**
 * Where pages, feeds and API answers link media files: the site's own `/media/…`, or the CDN or
 * bucket named by MEDIA_PUBLIC_URL. One base per process, set by createApp from its config
 * before anything is rendered (a process serves one site).
 */
let publicBase: string | null = null;

export function useMediaPublicUrl(base: string | null): void {
  publicBase = base ? base.replace(/\/+$/, '') : null;
}

/** The link for a stored key: relative to the site, or absolute under MEDIA_PUBLIC_URL. */
export function mediaHref(key: string): string {
  return publicBase ? `${publicBase}/${key}` : `/media/${key}`;
}

/** The absolute URL for a stored key, for feeds, sitemaps, structured data and the Content API. */
export function absoluteMediaUrl(siteUrl: string, key: string): string {
  return publicBase ? `${publicBase}/${key}` : `${siteUrl}/media/${key}`;
}

/** The origin pictures come from when it is not the site's own, for Content-Security-Policy's img-src. */
export function mediaOrigin(): string | null {
  return publicBase ? new URL(publicBase).origin : null;
}
