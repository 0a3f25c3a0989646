import { html } from '../../shared/html.js';
import type { ArticleTeaser, Section } from '../../content/index.js';
import type { MediaView } from '../../media/index.js';
import { sectionPath, type SiteInfo } from '../site-info.js';
import { breakingBannerHtml, topStoriesHtml } from './front-page-parts.js';
import { storyGridHtml } from './story-grid.js';
import { jsonLdScript } from './json-ld.js';
import { layout } from './layout.js';
import { teaserHtml, viewsLabel } from './teaser.js';

export interface HomePageInput {
  site: SiteInfo;
  breaking: { text: string; url: string } | null;
  /** Always a story with a picture (front-page-plan.ts), or null on an empty site. */
  lead: ArticleTeaser | null;
  top: ArticleTeaser[];
  latest: ArticleTeaser[];
  rails: { section: Section; stories: ArticleTeaser[] }[];
  mostRead: ArticleTeaser[];
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
<aside class="front-popular" aria-labelledby="popular-h"><h2 id="popular-h" class="rail-title">Most read</h2><ol class="most-read">${input.mostRead.map(
    (t) => html`<li><a href="/${encodeURIComponent(t.section.slug)}/${encodeURIComponent(t.slug)}">${t.headline}</a> <span class="views-small">${viewsLabel(t.views)}</span></li>`,
  )}</ol></aside></div>
</div>
${input.rails
  .filter((r) => r.stories.length > 0)
  .map(
    (r) => html`<section class="rail rail--compact" aria-labelledby="rail-${r.section.slug}"><h2 id="rail-${r.section.slug}" class="rail-title"><a href="${sectionPath(r.section.slug)}">${r.section.name}</a></h2>${storyGridHtml(site, r.stories, input.media)}</section>`,
  )}`;
  const head = jsonLdScript({ '@context': 'https://schema.org', '@type': 'WebSite', name: site.name, url: site.url + '/' });
  return layout({ site, title: `${site.name}: latest news`, description: `The latest news from ${site.name}.`, canonical: site.url + '/', head, content });
}
