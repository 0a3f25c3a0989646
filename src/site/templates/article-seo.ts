import { html, type TrustedHtml } from '../../shared/html.js';
import { describe, truncateText } from '../../shared/truncate.js';
import type { ArticleView } from '../../content/index.js';
import type { MediaView } from '../../media/index.js';
import type { ShareImages } from '../../audience/index.js';
import { documentText } from '../../doc/index.js';
import { absoluteUrl, authorPath, sectionPath, type SiteInfo } from '../site-info.js';
import { jsonLdScript } from './json-ld.js';
import { largestJpeg, mediaUrl } from './picture.js';
import { breadcrumbLd, imageObjectLd, personLd, publisherLd } from './seo-jsonld.js';
import { socialMeta, type ShareImage } from './seo-tags.js';

/** Google shows at most this much of a NewsArticle headline; longer ones are cut on a word. */
const HEADLINE_MAX = 110;
const DESCRIPTION_MAX = 160;
/** The description needs the opening sentences only; the rest of a long body is not read. */
const BODY_PREFIX = 2000;

export interface ArticleSeo {
  /** The card and crops, when made from the story as it is now. */
  share: ShareImages;
  /** Media ids of the pictures in the body, in order. */
  inlineIds: string[];
}

export interface ArticleHeadInput {
  site: SiteInfo;
  article: ArticleView;
  /** The canonical, absolute URL. */
  url: string;
  hero: MediaView | undefined;
  /** Every picture the page knows, by id (hero, inline, teasers). */
  media: Map<string, MediaView>;
  seo: ArticleSeo | undefined;
}

/** The SEO description, else the standfirst, else the body's opening sentences (plain text, ≤ 160, cut on a word). */
export function articleDescription(article: ArticleView): string {
  const own = article.seoDescription || article.standfirst;
  if (own) return own;
  return describe(documentText(article.body).slice(0, BODY_PREFIX), DESCRIPTION_MAX, { locale: article.language });
}

/** The picture a share shows: the card; else the hero; else the site-wide image. */
function shareImage(site: SiteInfo, article: ArticleView, hero: MediaView | undefined, share: ShareImages | undefined): ShareImage {
  const heroAlt = hero?.alt.trim() ?? '';
  if (share?.card) return { url: absoluteUrl(site, share.card.path), width: share.card.width, height: share.card.height, alt: heroAlt ? `${article.headline}. ${heroAlt}` : article.headline };
  const jpeg = hero ? largestJpeg(hero) : null;
  if (jpeg) return { url: absoluteUrl(site, mediaUrl(jpeg.path)), width: jpeg.width, height: jpeg.height, alt: heroAlt || article.headline };
  return site.shareImage;
}

/**
 * NewsArticle images: the hero's 16:9, 4:3 and 1:1 crops around its focal point (until the
 * background job has made them, the hero's largest JPEG), then the pictures in the body;
 * each an ImageObject with credit and rights. A story without pictures offers the site image,
 * since Google requires one.
 */
function articleImages(input: ArticleHeadInput): Record<string, unknown>[] {
  const { site, hero, seo } = input;
  const caption = input.article.heroCaption || hero?.caption;
  const images: Record<string, unknown>[] = [];
  if (hero && seo?.share.crops.length) {
    for (const crop of seo.share.crops) images.push(imageObjectLd({ url: absoluteUrl(site, crop.path), width: crop.width, height: crop.height }, hero, caption));
  } else if (hero) {
    const jpeg = largestJpeg(hero);
    if (jpeg) images.push(imageObjectLd({ url: absoluteUrl(site, mediaUrl(jpeg.path)), width: jpeg.width, height: jpeg.height }, hero, caption));
  }
  for (const id of new Set(seo?.inlineIds ?? [])) {
    const picture = input.media.get(id);
    const jpeg = picture ? largestJpeg(picture) : null;
    if (picture && jpeg) images.push(imageObjectLd({ url: absoluteUrl(site, mediaUrl(jpeg.path)), width: jpeg.width, height: jpeg.height }, picture));
  }
  if (!images.length) images.push(imageObjectLd(site.shareImage));
  return images;
}

/** Open Graph, Twitter Card and JSON-LD (NewsArticle + BreadcrumbList) for an article. */
export function articleHead(input: ArticleHeadInput): TrustedHtml {
  const { site, article, url, hero } = input;
  const title = article.seoTitle || article.headline;
  const description = articleDescription(article);
  const published = article.publishedAt ?? article.createdAt;
  const modified = article.updatedAt ?? published;

  const newsArticle = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': `${url}#article`,
    headline: truncateText(article.headline, HEADLINE_MAX, { locale: article.language }),
    ...(description ? { description } : {}),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    datePublished: published,
    dateModified: modified,
    inLanguage: article.language,
    articleSection: article.section.name,
    ...(article.tags.length ? { keywords: article.tags.map((t) => t.name).join(', ') } : {}),
    ...(article.datelinePlace ? { contentLocation: { '@type': 'Place', name: article.datelinePlace } } : {}),
    image: articleImages(input),
    author: article.authors.map((a) => personLd({ name: a.name, url: absoluteUrl(site, authorPath(a.slug)) })),
    publisher: publisherLd(site),
    isAccessibleForFree: true,
    ...(article.corrections.length ? { correction: article.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.note, datePublished: c.createdAt })) } : {}),
  };
  const breadcrumbs = breadcrumbLd([
    { name: site.name, url: site.url + '/' },
    { name: article.section.name, url: absoluteUrl(site, sectionPath(article.section.slug)) },
    { name: article.headline, url },
  ]);
  const extra = html`<meta property="article:published_time" content="${published}">
<meta property="article:modified_time" content="${modified}">
<meta property="article:section" content="${article.section.name}">
${article.authors.map((a) => html`<meta property="article:author" content="${absoluteUrl(site, authorPath(a.slug))}">\n`)}${article.tags.map((t) => html`<meta property="article:tag" content="${t.name}">\n`)}`;

  return html`${socialMeta(site, { type: 'article', title, description, url, language: article.language, image: shareImage(site, article, hero, input.seo?.share), extra })}
${jsonLdScript(newsArticle)}
${jsonLdScript(breadcrumbs)}`;
}
