import { html, trusted, type TrustedHtml } from '../../shared/html.js';
import { sectionPath, type SiteInfo } from '../site-info.js';
import { footerPagesNav } from './footer-pages.js';
import type { FeedLink } from '../../feeds/index.js';

export interface LayoutInput {
  site: SiteInfo;
  title: string;
  description: string;
  /** Absolute canonical URL. */
  canonical: string | null;
  lang?: string;
  /** Extra trusted head markup: Open Graph, JSON-LD, robots. */
  head?: TrustedHtml;
  activeSectionSlug?: string | null;
  content: TrustedHtml;
  /** The page's feeds (RSS, Atom, JSON Feed), announced with `<link rel="alternate">`. */
  feeds?: readonly FeedLink[];
}

/** The page shell: header with section navigation, main landmark, footer. */
export function layout(input: LayoutInput): string {
  const { site } = input;
  const nav = site.sections.map(
    (s) => html`<li><a href="${sectionPath(s.slug)}"${s.slug === input.activeSectionSlug ? trusted(' aria-current="page"') : ''}>${s.name}</a></li>`,
  );
  return html`<!doctype html>
<html lang="${input.lang ?? site.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
<meta name="description" content="${input.description}">
${input.canonical ? html`<link rel="canonical" href="${input.canonical}">` : ''}
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${(input.feeds ?? []).map((f) => html`<link rel="alternate" type="${f.type}" title="${f.title}" href="${f.href}">\n`)}
<meta name="theme-color" content="#a3122a">
<meta name="color-scheme" content="light dark">
${input.head ?? ''}
<style>${trusted(site.css)}</style>
<script src="${site.scriptPath}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
<div class="wrap masthead"><a class="brand" href="/">${site.name}</a><form class="site-search" role="search" action="/search" method="get"><label class="visually-hidden" for="site-search-q">Search the site</label><input id="site-search-q" type="search" name="q" maxlength="256" placeholder="Search"><button type="submit">Search</button></form></div>
<nav class="sections" aria-label="Sections"><ul class="wrap">${nav}</ul></nav>
</header>
<main id="main" class="wrap">
${input.content}
</main>
<footer class="site-footer">
<div class="wrap">
<p class="brand-foot">${site.name}</p>
<nav aria-label="Footer"><ul>${site.sections.map((s) => html`<li><a href="${sectionPath(s.slug)}">${s.name}</a></li>`)}</ul></nav>
${footerPagesNav(site)}
<p class="small">© ${site.name}. Published with Dateline.</p>
</div>
</footer>
</body>
</html>
`.value;
}
