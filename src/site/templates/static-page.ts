import { html, trusted } from '../../shared/html.js';
import { absoluteUrl, staticPagePath, type SiteInfo } from '../site-info.js';
import { jsonLdScript } from './json-ld.js';
import { layout } from './layout.js';
import { websiteId } from './seo-jsonld.js';
import { socialMeta } from './seo-tags.js';

export interface StaticPageInput {
  site: SiteInfo;
  page: { slug: string; title: string; updatedAt: string };
  /** The body, already rendered to trusted HTML by the document renderer. */
  bodyHtml: string;
  /** A plain-text summary for the description and share cards. */
  summary: string;
}

/** schema.org has page types for the two pages news sites always have; the rest are plain web pages. */
const PAGE_TYPES: Record<string, string> = { about: 'AboutPage', contact: 'ContactPage' };

/** About, Contact, Editorial standards, Privacy: the title, the body and when it last changed. */
export function staticPage(input: StaticPageInput): string {
  const { site, page } = input;
  const url = absoluteUrl(site, staticPagePath(page.slug));
  const content = html`<article class="static-page">
<h1>${page.title}</h1>
<div class="story-body">${trusted(input.bodyHtml)}</div>
<p class="static-page-updated">Last updated <time datetime="${page.updatedAt}">${site.dates.day(page.updatedAt)}</time></p>
</article>`;
  const head = html`${socialMeta(site, { type: 'website', title: `${page.title} | ${site.name}`, description: input.summary || `${page.title} — ${site.name}`, url, image: site.shareImage })}
${jsonLdScript({
  '@context': 'https://schema.org',
  '@type': PAGE_TYPES[page.slug] ?? 'WebPage',
  name: page.title,
  url,
  dateModified: page.updatedAt,
  isPartOf: { '@type': 'WebSite', '@id': websiteId(site), name: site.name, url: site.url + '/' },
})}`;
  return layout({
    site,
    title: `${page.title} | ${site.name}`,
    description: input.summary || `${page.title} — ${site.name}`,
    canonical: url,
    head,
    content,
  });
}
