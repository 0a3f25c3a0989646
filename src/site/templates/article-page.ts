import { html, trusted, type TrustedHtml } from '../../shared/html.js';
import type { ArticleTeaser, ArticleView } from '../../content/index.js';
import type { MediaView } from '../../media/index.js';
import { shareLinks } from '../../audience/index.js';
import { absoluteUrl, articlePath, sectionPath, topicPath, type SiteInfo } from '../site-info.js';
import { layout } from './layout.js';
import { pictureHtml } from './picture.js';
import { bylineHtml, viewsLabel } from './teaser.js';
import { storyGridHtml } from './story-grid.js';
import { articleDescription, articleHead, type ArticleSeo } from './article-seo.js';
import { fillTemplate } from './fill-template.js';
import { feedLinks } from '../../feeds/index.js';

export interface ArticlePageInput {
  site: SiteInfo;
  article: ArticleView;
  /** The body, already rendered to trusted HTML by the document renderer. */
  bodyHtml: string;
  readingMinutes: number;
  /** Every picture the page shows: hero, inline pictures, listing thumbnails. */
  media: Map<string, MediaView>;
  /** Credits of inline pictures in the body that carry a disclaimer. */
  inlineDisclaimerCredits: string[];
  related: ArticleTeaser[];
  moreFromSection: ArticleTeaser[];
  /** Share card, crops and inline pictures for the social tags and NewsArticle (article-seo.ts). */
  seo?: ArticleSeo;
}

function disclaimerLines(site: SiteInfo, credits: string[]): TrustedHtml {
  const unique = [...new Set(credits.map((c) => c.trim()).filter(Boolean))];
  return html`${unique.map((credit) => html`<p class="image-disclaimer">${fillTemplate(site.disclaimerTemplate, { credit })}</p>`)}`;
}

function heroHtml(article: ArticleView, hero: MediaView | undefined): TrustedHtml {
  if (!hero) return html``;
  const caption = article.heroCaption || hero.caption;
  return html`<figure class="hero">${pictureHtml(hero, { purpose: 'full', sizes: '(min-width: 1000px) 760px, 100vw', alt: hero.alt, priority: true })}${
    caption || hero.credit
      ? html`<figcaption>${caption}${hero.credit ? html` <span class="credit">${hero.credit}</span>` : ''}</figcaption>`
      : ''
  }</figure>`;
}

function shareBarHtml(url: string, headline: string): TrustedHtml {
  return html`<nav class="share" aria-label="Share this story"><span class="share-label">Share</span><ul>${shareLinks(url, headline).map(
    (link) => html`<li><a class="share-${link.network}" href="${link.href}" rel="noopener noreferrer" target="_blank">${link.label}</a></li>`,
  )}<li><button type="button" class="share-copy" data-url="${url}">Copy link</button></li><li class="share-native-item" hidden><button type="button" class="share-native" data-url="${url}" data-title="${headline}">More…</button></li></ul><span class="share-status" role="status" aria-live="polite"></span></nav>`;
}

/** The article page, in the order DESIGN.md gives: kicker, headline, meta, hero, share, body, disclaimer, topics, related. */
export function articlePage(input: ArticlePageInput): string {
  const { site, article } = input;
  const path = articlePath(article.section.slug, article.slug);
  const url = absoluteUrl(site, path);
  const hero = article.heroMediaId ? input.media.get(article.heroMediaId) : undefined;
  const credits = [...(hero?.showDisclaimer && hero.credit ? [hero.credit] : []), ...input.inlineDisclaimerCredits];
  const publishedAt = article.publishedAt ?? article.createdAt;
  // The site chooses whether readers see the time of day (a setting); the ISO value in <time> always has it.
  const when = (iso: string) => (site.showPublishedTime ? site.dates.dayTime(iso) : site.dates.day(iso));

  const content = html`<article class="story" lang="${article.language}">
<header class="story-head">
<a class="kicker" href="${sectionPath(article.section.slug)}">${article.section.name}</a>
<h1>${article.headline}</h1>
${article.standfirst ? html`<p class="standfirst">${article.standfirst}</p>` : ''}
<div class="meta">
<p class="meta-dates"><span>Published On <time datetime="${publishedAt}">${when(publishedAt)}</time></span>${
    article.updatedAt ? html` <span>Updated On <time datetime="${article.updatedAt}">${when(article.updatedAt)}</time></span>` : ''
  }</p>
<p class="meta-byline">${bylineHtml(article.authors)}${article.datelinePlace ? html` <span class="dateline-place">${article.datelinePlace}</span>` : ''}</p>
<p class="meta-stats"><span class="views" data-article-id="${article.id}">${viewsLabel(article.views)}</span> <span class="reading-time">${input.readingMinutes} min read</span></p>
</div>
</header>
${heroHtml(article, hero)}
${shareBarHtml(url, article.headline)}
<div class="story-body">${trusted(input.bodyHtml)}</div>
${
  article.corrections.length
    ? html`<aside class="corrections" aria-label="Corrections"><h2>Corrections</h2><ul>${article.corrections.map(
        (c) => html`<li><time datetime="${c.createdAt}">${site.dates.day(c.createdAt)}</time>: ${c.note}</li>`,
      )}</ul></aside>`
    : ''
}
${disclaimerLines(site, credits)}
${
  article.tags.length
    ? html`<nav class="topics" aria-label="Topics"><h2 class="visually-hidden">Topics</h2><ul class="chips">${article.tags.map(
        (t) => html`<li><a class="chip chip--${t.kind}" href="${topicPath(t.slug)}">${t.name}</a></li>`,
      )}</ul></nav>`
    : ''
}
</article>
${
  input.related.length
    ? html`<section class="rail" aria-labelledby="related-h"><h2 id="related-h" class="rail-title">Related stories</h2>${storyGridHtml(site, input.related, input.media)}</section>`
    : ''
}
${
  input.moreFromSection.length
    ? html`<section class="rail" aria-labelledby="more-h"><h2 id="more-h" class="rail-title">More from <a href="${sectionPath(article.section.slug)}">${article.section.name}</a></h2>${storyGridHtml(site, input.moreFromSection, input.media)}</section>`
    : ''
}`;

  return layout({
    site,
    title: `${article.seoTitle || article.headline} | ${site.name}`,
    description: articleDescription(article),
    canonical: url,
    lang: article.language,
    head: articleHead({ site, article, url, hero, media: input.media, seo: input.seo }),
    activeSectionSlug: article.section.slug,
    // The feeds a reader may want to follow from here: the site's and the story's section's.
    feeds: [...feedLinks(site.url, site.name, { kind: 'site' }), ...feedLinks(site.url, site.name, { kind: 'section', slug: article.section.slug }, article.section.name)],
    content,
  });
}
