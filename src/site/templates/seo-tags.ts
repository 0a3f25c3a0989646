import { html, type TrustedHtml } from '../../shared/html.js';
import { ogLocale } from '../og-locale.js';
import type { SiteInfo } from '../site-info.js';

/** A picture as the social networks take it: absolute URL, size and a text alternative. */
export interface ShareImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

export interface SocialMeta {
  type: 'article' | 'website' | 'profile';
  title: string;
  description: string;
  /** The canonical, absolute URL. */
  url: string;
  /** The page's language (BCP 47); the site's locale when it has none of its own. */
  language?: string;
  /** Always one: the story's card or picture, else the site-wide share image. */
  image: ShareImage;
  /** Type-specific tags (article:published_time …), placed after og:*. */
  extra?: TrustedHtml;
}

/**
 * Open Graph and Twitter Card tags. Every public page carries the full set, so a link pasted
 * into WhatsApp, X, Facebook or LinkedIn always shows a title, a description and a large
 * picture; X reads its own `twitter:*` names (with `og:*` only as a fallback it does not
 * apply to `twitter:image:alt`), so both are written.
 */
export function socialMeta(site: SiteInfo, meta: SocialMeta): TrustedHtml {
  const { image } = meta;
  const imageType = /\.png$/i.test(image.url) ? 'image/png' : /\.jpe?g$/i.test(image.url) ? 'image/jpeg' : '';
  return html`<meta property="og:type" content="${meta.type}">
<meta property="og:site_name" content="${site.name}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${meta.url}">
<meta property="og:locale" content="${ogLocale(meta.language ?? site.locale, site.locale)}">
<meta property="og:image" content="${image.url}">
${imageType ? html`<meta property="og:image:type" content="${imageType}">\n` : ''}<meta property="og:image:width" content="${image.width}">
<meta property="og:image:height" content="${image.height}">
<meta property="og:image:alt" content="${image.alt}">
${meta.extra ? html`${meta.extra}\n` : ''}<meta name="twitter:card" content="summary_large_image">
${site.twitterHandle ? html`<meta name="twitter:site" content="${site.twitterHandle}">\n` : ''}<meta name="twitter:title" content="${meta.title}">
<meta name="twitter:description" content="${meta.description}">
<meta name="twitter:image" content="${image.url}">
<meta name="twitter:image:alt" content="${image.alt}">`;
}

