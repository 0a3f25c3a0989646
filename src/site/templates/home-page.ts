import { html } from '../../shared/html.js';
import type { ArticleTeaser, Section } from '../../content/index.js';
import type { MediaView } from '../../media/index.js';
import { sectionPath, type SiteInfo } from '../site-info.js';
import { breakingBannerHtml, topStoriesHtml } from './front-page-parts.js';
import { storyGridHtml } from './story-grid.js';
import { homeHead } from './seo-listing.js';
import { layout } from './layout.js';
import { teaserHtml } from './teaser.js';
import { mostReadHtml } from './most-read.js';
import type { MostReadLists } from '../most-read.js';
import { feedLinks } from '../../feeds/index.js';

export interface HomePageInput {
  site: SiteInfo;
  breaking: { text: string; url: string } | null;
  /** Always a story with a picture (front-page-plan.ts), or null on an empty site. */
  lead: ArticleTeaser | null;
  top: ArticleTeaser[];
  latest: ArticleTeaser[];
  rails: { section: Section; stories: ArticleTeaser[] }[];
  /** Most read in the last 24 hours and the last 7 days. */
  mostRead: MostReadLists;
  media: Map<string, MediaView>;
}

/**
 * The front page: the breaking banner, then the lead with the top stories under it, and
 * Latest and Most read stacked beside them (one column ending level with the other, where
 * three columns left holes), then a rail per section. On phones the rails
 * turn into a compact list of headlines (`.rail--compact` in site.css).
 */
export function homePage(input: HomePageInput): string {
  const { site } = input;
  const content = html`<h1 class="visually-hidden">${site.name}: latest news</h1>
${breakingBannerHtml(input.breaking)}
<div class="front">
<div class="front-lead">${input.lead ? teaserHtml(site, input.lead, input.media, 'lead') : html`<p class="empty">No stories have been published yet.</p>`}${topStoriesHtml(site, input.top, input.media)}</div>
<div class="front-side"><section class="front-latest" aria-labelledby="latest-h"><h2 id="latest-h" class="rail-title">Latest</h2>${input.latest.map((t) => teaserHtml(site, t, input.media, 'compact'))}</section>
${mostReadHtml({ lists: input.mostRead, id: 'popular', title: 'Most read', className: 'front-popular' })}</div>
</div>
${input.rails
  .filter((r) => r.stories.length > 0)
  .map(
    (r) => html`<section class="rail rail--compact" aria-labelledby="rail-${r.section.slug}"><h2 id="rail-${r.section.slug}" class="rail-title"><a href="${sectionPath(r.section.slug)}">${r.section.name}</a></h2>${storyGridHtml(site, r.stories, input.media)}</section>`,
  )}`;
  const head = homeHead(site, { title: `${site.name}: latest news`, description: `The latest news from ${site.name}.` });
  return layout({ site, title: `${site.name}: latest news`, description: `The latest news from ${site.name}.`, canonical: site.url + '/', head, content, feeds: feedLinks(site.url, site.name, { kind: 'site' }) });
}
