import { html, type TrustedHtml } from '../../shared/html.js';
import { describe } from '../../shared/truncate.js';
import type { ArticleTeaser } from '../../content/index.js';
import type { MediaView } from '../../media/index.js';
import type { SiteInfo } from '../site-info.js';
import { layout } from './layout.js';
import { listingHead, type ListingSeo } from './seo-listing.js';
import { teaserHtml } from './teaser.js';
import type { FeedLink } from '../../feeds/index.js';

export interface ListingPageInput {
  site: SiteInfo;
  /** Path of page 1, e.g. /sport or /author/asha-rao. */
  basePath: string;
  kicker: string;
  title: string;
  description: string;
  stories: ArticleTeaser[];
  media: Map<string, MediaView>;
  page: number;
  pageCount: number;
  activeSectionSlug?: string;
  /** The stories drawn another way than the plain list (a topic's timeline, templates/topic-page.ts). */
  storiesHtml?: TrustedHtml;
  /** Extra markup under the title (an author's links). */
  extra?: TrustedHtml;
  /** A block after the stories (a section's most read). */
  aside?: TrustedHtml;
  /** The section's, author's or topic's feeds, linked from the head. */
  feeds?: readonly FeedLink[];
  /** Which structured data the page carries (seo-listing.ts); a section's when not given. */
  seo?: ListingSeo;
}

function pagePath(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}?page=${page}`;
}

/** Section, author and topic pages: a title, a list of stories and pagination. */
export function listingPage(input: ListingPageInput): string {
  const { site } = input;
  const prev = input.page > 1 ? pagePath(input.basePath, input.page - 1) : null;
  const next = input.page < input.pageCount ? pagePath(input.basePath, input.page + 1) : null;
  const content = html`<header class="listing-head"><p class="kicker">${input.kicker}</p><h1>${input.title}</h1>${input.description ? html`<p class="standfirst">${input.description}</p>` : ''}${input.extra ?? ''}</header>
<div class="listing">${input.storiesHtml ?? (input.stories.length ? input.stories.map((t) => teaserHtml(site, t, input.media, 'row')) : html`<p class="empty">No stories here yet.</p>`)}</div>
${
  input.pageCount > 1
    ? html`<nav class="pagination" aria-label="Pages">${prev ? html`<a href="${prev}" rel="prev">← Newer</a>` : ''}<span>Page ${input.page} of ${input.pageCount}</span>${next ? html`<a href="${next}" rel="next">Older →</a>` : ''}</nav>`
    : ''
}${input.aside ?? ''}`;
  const canonical = site.url + pagePath(input.basePath, input.page);
  // A topic's description or an author's bio may run to a paragraph; the meta tags take a few sentences.
  const description = input.description ? describe(input.description, 300) : `${input.title} on ${site.name}`;
  const seo = listingHead(site, { seo: input.seo ?? { kind: 'section' }, title: input.title, description, canonical, firstPage: site.url + input.basePath });
  const head = html`${prev ? html`<link rel="prev" href="${site.url + prev}">` : ''}${next ? html`<link rel="next" href="${site.url + next}">` : ''}${seo}`;
  return layout({
    site,
    title: `${input.title}${input.page > 1 ? ` (page ${input.page})` : ''} | ${site.name}`,
    description,
    canonical,
    head,
    activeSectionSlug: input.activeSectionSlug ?? null,
    feeds: input.feeds,
    content,
  });
}
