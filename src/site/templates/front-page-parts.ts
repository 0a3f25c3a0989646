import { html, type TrustedHtml } from '../../shared/html.js';
import type { ArticleTeaser } from '../../content/index.js';
import type { MediaView } from '../../media/index.js';
import type { SiteInfo } from '../site-info.js';
import { teaserHtml } from './teaser.js';

/**
 * The breaking-news banner across the top of the home page. A named region (not an
 * alert: it is there when the page loads, and a live region would interrupt every
 * screen-reader user on every visit). White on the house red passes AA in light and dark.
 */
export function breakingBannerHtml(breaking: { text: string; url: string } | null): TrustedHtml | string {
  if (!breaking) return '';
  return html`<div class="breaking" role="region" aria-label="Breaking news"><p class="breaking-inner"><strong class="breaking-label">Breaking</strong> <a class="breaking-link" href="${breaking.url}">${breaking.text}</a></p></div>`;
}

/**
 * The editors' top stories (and newest first after them) under the lead, two to a row.
 * A story without a picture is drawn as a text card with its standfirst, never given
 * an empty picture slot.
 */
export function topStoriesHtml(site: SiteInfo, top: ArticleTeaser[], media: Map<string, MediaView>): TrustedHtml | string {
  if (top.length === 0) return '';
  return html`<section class="front-top" aria-labelledby="top-h"><h2 id="top-h" class="visually-hidden">Top stories</h2><div class="top-grid">${top.map((t) =>
    teaserHtml(site, t, media, 'card'),
  )}</div></section>`;
}
