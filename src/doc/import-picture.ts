/** Pictures in imported HTML: source, alt text, caption and credit. */
import { DOC_LIMITS } from './doc-limits.js';
import { attr, collapseWhitespace, findElements, hasClass, textOf } from './html-dom.js';
import type { HtmlElement } from './html-dom.js';
import { resolveWebUrl } from './import-url.js';
import type { ImageNode } from './types.js';

// Lazy-loading markup keeps the real source in data-* and a placeholder in src.
const SOURCE_ATTRIBUTES = ['src', 'data-src', 'data-lazy-src', 'data-original'];

/**
 * An image node to be fetched into the media library later, or null when the
 * picture has no http(s) source we could fetch (data: URLs included).
 */
export function imageFrom(img: HtmlElement, base: string | undefined): ImageNode | null {
  // Tracking pixels are pictures only to an ad server.
  if (attr(img, 'width') === '1' || attr(img, 'height') === '1') return null;
  for (const name of SOURCE_ATTRIBUTES) {
    const src = resolveWebUrl(attr(img, name), base);
    if (src === null) continue;
    const alt = collapseWhitespace(attr(img, 'alt') ?? '').slice(0, DOC_LIMITS.maxAttrLength);
    return { type: 'image', attrs: { mediaId: null, src, alt: alt || null, caption: null, credit: null } };
  }
  return null;
}

/** A <figcaption>'s caption text, with a credit (<cite>, .credit, .copyright) split out. */
export function captionParts(caption: HtmlElement): { caption: string | null; credit: string | null } {
  const isCreditPart = (el: HtmlElement) => el.name === 'cite' || hasClass(el, 'credit') || hasClass(el, 'copyright');
  const creditEl = findElements(caption, isCreditPart)[0];
  const text = collapseWhitespace(textOf(caption, isCreditPart)).slice(0, DOC_LIMITS.maxCaptionLength);
  const credit = creditEl ? collapseWhitespace(textOf(creditEl)).slice(0, DOC_LIMITS.maxAttrLength) : '';
  return { caption: text || null, credit: credit || null };
}
