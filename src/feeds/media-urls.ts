import type { MediaView } from '../media/index.js';

/** The largest JPEG of a picture's responsive set: the one a sitemap or a feed reader should take. */
export function largestJpeg(media: MediaView | undefined): { path: string; width: number; height: number } | null {
  const jpegs = media?.variants.filter((v) => v.purpose === 'full' && v.format === 'jpeg') ?? [];
  return jpegs.length ? jpegs.reduce((a, b) => (b.width > a.width ? b : a)) : null;
}

/** Media files are served under /media/ by the site (src/site/site-plugin.ts), or from MEDIA_PUBLIC_URL. */
export { absoluteMediaUrl as mediaUrl } from '../shared/media-url.js';
