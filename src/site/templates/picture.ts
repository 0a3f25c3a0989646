import { mediaHref } from '../../shared/media-url.js';
import { html, type TrustedHtml } from '../../shared/html.js';
import type { MediaView } from '../../media/index.js';

export interface PictureOptions {
  purpose: 'full' | 'thumb';
  /** The `sizes` attribute: how wide the picture is drawn at each viewport. */
  sizes: string;
  alt: string;
  /** The hero: loaded first (fetchpriority high, no lazy-loading). */
  priority?: boolean;
}

const FORMAT_ORDER = ['avif', 'webp'] as const;

/** Pages link media through the one place that knows MEDIA_PUBLIC_URL. */
export const mediaUrl = mediaHref;

/** The URLs of one purpose's variants: a JPEG fallback and srcsets per format, modern formats first. */
export function responsiveSet(media: MediaView, purpose: 'full' | 'thumb') {
  const variants = media.variants.filter((v) => v.purpose === purpose);
  const jpegs = variants.filter((v) => v.format === 'jpeg');
  if (jpegs.length === 0) return null;
  const srcset = (format: string) =>
    variants
      .filter((v) => v.format === format)
      .map((v) => `${mediaUrl(v.path)} ${v.width}w`)
      .join(', ');
  // The fallback src is a mid-size JPEG: big enough for a phone, small enough to be cheap.
  const fallback = jpegs.find((v) => v.width >= 640) ?? jpegs[jpegs.length - 1]!;
  return {
    src: mediaUrl(fallback.path),
    srcset: srcset('jpeg'),
    sources: FORMAT_ORDER.filter((f) => variants.some((v) => v.format === f)).map((f) => ({ type: `image/${f}`, srcset: srcset(f) })),
    width: purpose === 'thumb' ? jpegs[0]!.width : media.width,
    height: purpose === 'thumb' ? jpegs[0]!.height : media.height,
  };
}

/** The <picture> for a media item from whatever variants exist now; a sized placeholder when none do yet. */
export function pictureHtml(media: MediaView, options: PictureOptions): TrustedHtml {
  const set = responsiveSet(media, options.purpose);
  if (!set) {
    const width = options.purpose === 'thumb' ? 480 : media.width;
    const height = options.purpose === 'thumb' ? 270 : media.height;
    return html`<div class="picture-pending" role="img" aria-label="${options.alt}" style="aspect-ratio:${width}/${height}"></div>`;
  }
  const sources = set.sources.map((s) => html`<source type="${s.type}" srcset="${s.srcset}" sizes="${options.sizes}">`);
  const loading = options.priority ? html` fetchpriority="high"` : html` loading="lazy"`;
  return html`<picture>${sources}<img src="${set.src}" srcset="${set.srcset}" sizes="${options.sizes}" width="${set.width}" height="${set.height}" alt="${options.alt}"${loading} decoding="async"></picture>`;
}

/** The absolute URL of the largest JPEG, for Open Graph and JSON-LD. */
export function largestJpeg(media: MediaView): { path: string; width: number; height: number } | null {
  const jpegs = media.variants.filter((v) => v.purpose === 'full' && v.format === 'jpeg');
  return jpegs.length ? jpegs[jpegs.length - 1]! : null;
}
