import { html, type TrustedHtml } from '../../shared/html.js';
import type { ArticleView } from '../../content/index.js';
import type { MediaView } from '../../media/index.js';
import { absoluteUrl, authorPath, sectionPath, type SiteInfo } from '../site-info.js';
import { jsonLdScript } from './json-ld.js';
import { largestJpeg, mediaUrl } from './picture.js';

/** Open Graph, Twitter Card and JSON-LD (NewsArticle + BreadcrumbList) for an article. */
export function articleHead(site: SiteInfo, article: ArticleView, url: string, hero: MediaView | undefined): TrustedHtml {
  const image = hero ? largestJpeg(hero) : null;
  const imageUrl = image ? absoluteUrl(site, mediaUrl(image.path)) : null;
  const title = article.seoTitle || article.headline;
  const description = article.seoDescription || article.standfirst;
  const published = article.publishedAt ?? article.createdAt;
  const modified = article.updatedAt ?? published;

  const newsArticle = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline.slice(0, 110),
    description,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    datePublished: published,
    dateModified: modified,
    inLanguage: article.language,
    articleSection: article.section.name,
    ...(article.tags.length ? { keywords: article.tags.map((t) => t.name).join(', ') } : {}),
    ...(article.datelinePlace ? { contentLocation: { '@type': 'Place', name: article.datelinePlace } } : {}),
    ...(imageUrl && image ? { image: [{ '@type': 'ImageObject', url: imageUrl, width: image.width, height: image.height, ...(hero?.credit ? { creditText: hero.credit } : {}) }] } : {}),
    author: article.authors.map((a) => ({ '@type': 'Person', name: a.name, url: absoluteUrl(site, authorPath(a.slug)) })),
    publisher: { '@type': 'NewsMediaOrganization', name: site.name, url: site.url, logo: { '@type': 'ImageObject', url: absoluteUrl(site, '/logo.png') } },
    isAccessibleForFree: true,
  };
  const breadcrumbs = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [
      { '@type': 'ListItem', position: 1, name: site.name, item: site.url + '/' },
      { '@type': 'ListItem', position: 2, name: article.section.name, item: absoluteUrl(site, sectionPath(article.section.slug)) },
      { '@type': 'ListItem', position: 3, name: article.headline, item: url },
    ],
  };

  return html`<meta property="og:type" content="article">
<meta property="og:site_name" content="${site.name}">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
<meta property="og:locale" content="${site.locale.replace('-', '_')}">
${imageUrl && image ? html`<meta property="og:image" content="${imageUrl}">
<meta property="og:image:width" content="${image.width}">
<meta property="og:image:height" content="${image.height}">
<meta property="og:image:alt" content="${hero?.alt ?? ''}">` : ''}
<meta property="article:published_time" content="${published}">
<meta property="article:modified_time" content="${modified}">
<meta property="article:section" content="${article.section.name}">
${article.tags.map((t) => html`<meta property="article:tag" content="${t.name}">\n`)}<meta name="twitter:card" content="${imageUrl ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${title}">
<meta name="twitter:description" content="${description}">
${imageUrl ? html`<meta name="twitter:image" content="${imageUrl}">` : ''}
${jsonLdScript(newsArticle)}
${jsonLdScript(breadcrumbs)}`;
}
