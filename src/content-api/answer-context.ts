import { absoluteMediaUrl } from '../shared/media-url.js';
import type { ResolvedImage } from '../doc/index.js';
import type { MediaView } from '../media/index.js';

/** What the Content API says about the site, read once per answer built (answers are cached). */
export interface ApiSite {
  /** Absolute base URL without a trailing slash. */
  url: string;
  name: string;
  locale: string;
  timeZone: string;
  disclaimerTemplate: string;
  sections: { slug: string; name: string }[];
  footerPages: { slug: string; title: string }[];
}

/** The site's paths for things, given by the composition root so they match the pages exactly. */
export interface ApiPaths {
  article(sectionSlug: string, slug: string): string;
  section(slug: string): string;
  author(slug: string): string;
  tag(slug: string): string;
  page(slug: string): string;
}

/** Everything a serializer needs besides the row: the site, its paths and the pictures the rows point at. */
export interface AnswerContext {
  site: ApiSite;
  paths: ApiPaths;
  media: Map<string, MediaView>;
}

function mediaUrl(ctx: AnswerContext, path: string): string {
  return absoluteMediaUrl(ctx.site.url, path);
}

/** The absolute URL of the largest JPEG of a picture (up to 1,920 px): Ghost's feature_image, og:image. */
export function largestImageUrl(ctx: AnswerContext, mediaId: string | null): string | null {
  const item = mediaId ? ctx.media.get(mediaId) : undefined;
  const jpegs = item?.variants.filter((v) => v.purpose === 'full' && v.format === 'jpeg') ?? [];
  return jpegs.length ? mediaUrl(ctx, jpegs[jpegs.length - 1]!.path) : null;
}

/**
 * An inline picture for the body renderer, with absolute URLs: an API answer is read on
 * another site, where our relative `/media/…` paths would point nowhere.
 */
export function bodyImage(ctx: AnswerContext, mediaId: string): ResolvedImage | null {
  const item = ctx.media.get(mediaId);
  if (!item) return null;
  const full = item.variants.filter((v) => v.purpose === 'full');
  const jpegs = full.filter((v) => v.format === 'jpeg');
  if (jpegs.length === 0) return null;
  const srcset = (format: string) => full.filter((v) => v.format === format).map((v) => `${mediaUrl(ctx, v.path)} ${v.width}w`).join(', ');
  const fallback = jpegs.find((v) => v.width >= 640) ?? jpegs[jpegs.length - 1]!;
  return {
    src: mediaUrl(ctx, fallback.path),
    srcset: srcset('jpeg'),
    sources: (['avif', 'webp'] as const).filter((f) => full.some((v) => v.format === f)).map((f) => ({ type: `image/${f}`, srcset: srcset(f) })),
    sizes: '(min-width: 1000px) 680px, 100vw',
    width: item.width,
    height: item.height,
    alt: item.alt,
    caption: item.caption || null,
    credit: item.credit || null,
  };
}
