import { html, type TrustedHtml } from '../../shared/html.js';
import type { ArticleTeaser } from '../../content/index.js';
import type { MediaView } from '../../media/index.js';
import type { SiteInfo } from '../site-info.js';
import { teaserHtml } from './teaser.js';

/**
 * A row of cards whose columns follow the number of stories, so a row never shows
 * empty slots: four stories take four columns, three take three, two or one are drawn
 * wide with the picture beside the text (site.css, `.grid--n1` to `.grid--n4`).
 * Home-page rails, related stories and "More from" all use it.
 */
export function storyGridHtml(site: SiteInfo, stories: ArticleTeaser[], media: Map<string, MediaView>): TrustedHtml {
  const columns = Math.min(Math.max(stories.length, 1), 4);
  return html`<div class="grid grid--n${columns}">${stories.map((t) => teaserHtml(site, t, media, 'card'))}</div>`;
}
