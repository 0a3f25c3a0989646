import { html, type TrustedHtml } from '../../shared/html.js';
import type { ArticleTeaser } from '../../content/index.js';
import type { MostReadLists } from '../most-read.js';
import { viewsLabel } from './teaser.js';

function list(stories: ArticleTeaser[]): TrustedHtml {
  if (stories.length === 0) return html`<p class="most-read-empty">No views counted in this time yet.</p>`;
  return html`<ol class="most-read">${stories.map(
    (t) => html`<li><a href="/${encodeURIComponent(t.section.slug)}/${encodeURIComponent(t.slug)}">${t.headline}</a> <span class="views-small">${viewsLabel(t.views)}</span></li>`,
  )}</ol>`;
}

/**
 * Most read in the last 24 hours and the last 7 days: two headed lists, which the reader
 * script turns into two tabs (so the block is as tall as one list); without the script
 * both show, one under the other.
 */
export function mostReadHtml(input: { lists: MostReadLists; id: string; title: string; className: string }): TrustedHtml {
  const { id } = input;
  return html`<aside class="${input.className}" aria-labelledby="${id}-h" data-most-read><h2 id="${id}-h" class="rail-title">${input.title}</h2><section class="most-read-window" id="${id}-day" aria-labelledby="${id}-day-h"><h3 id="${id}-day-h" class="most-read-when">Last 24 hours</h3>${list(input.lists.day)}</section><section class="most-read-window" id="${id}-week" aria-labelledby="${id}-week-h"><h3 id="${id}-week-h" class="most-read-when">Last 7 days</h3>${list(input.lists.week)}</section></aside>`;
}
