import { html, trusted, type TrustedHtml } from '../../shared/html.js';
import type { SearchHit } from '../../search/index.js';
import { articlePath, sectionPath, type SiteInfo } from '../site-info.js';
import { layout } from './layout.js';

/** The form's values, as the reader sent them (echoed back into the form, escaped). */
export interface SearchForm {
  q: string;
  section: string;
  author: string;
  tag: string;
  from: string;
  to: string;
  sort: 'relevance' | 'newest';
  page: number;
}

export interface SearchPageInput {
  site: SiteInfo;
  form: SearchForm;
  /** Null before anything was searched for. */
  results: { hits: SearchHit[]; hasMore: boolean; suggestion: string | null } | null;
  /** Why the search could not run (a 400), shown above the form. */
  problem?: string;
}

const FIELDS = ['q', 'section', 'author', 'tag', 'from', 'to', 'sort'] as const;

/** The /search URL of these form values on another page (or with another query), empty values left out. */
export function searchHref(form: SearchForm, change: Partial<SearchForm>): string {
  const next = { ...form, ...change };
  const params = new URLSearchParams();
  for (const field of FIELDS) if (next[field] && !(field === 'sort' && next.sort === 'relevance')) params.set(field, next[field]);
  if (next.page > 1) params.set('page', String(next.page));
  return `/search?${params.toString()}`;
}

function formHtml(site: SiteInfo, form: SearchForm): TrustedHtml {
  const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? trusted(' selected') : ''}>${label}</option>`;
  return html`<form class="search-form" role="search" action="/search" method="get">
<label class="search-q">Search for<input type="search" name="q" value="${form.q}" maxlength="256" required></label>
<label>Section<select name="section">${option('', 'All sections', !form.section)}${site.sections.map((s) => option(s.slug, s.name, s.slug === form.section))}</select></label>
<label>From<input type="date" name="from" value="${form.from}"></label>
<label>To<input type="date" name="to" value="${form.to}"></label>
<label>Order<select name="sort">${option('relevance', 'Best match', form.sort === 'relevance')}${option('newest', 'Newest first', form.sort === 'newest')}</select></label>
${form.author ? html`<input type="hidden" name="author" value="${form.author}">` : ''}${form.tag ? html`<input type="hidden" name="tag" value="${form.tag}">` : ''}
<button type="submit">Search</button>
</form>`;
}

function hitHtml(site: SiteInfo, hit: SearchHit): TrustedHtml {
  // headlineHtml and snippetHtml are escaped by the search module, with only its own <mark> added.
  return html`<article class="search-hit"><a class="kicker" href="${sectionPath(hit.sectionSlug)}">${hit.sectionName}</a>
<h2><a href="${articlePath(hit.sectionSlug, hit.slug)}">${trusted(hit.headlineHtml)}</a></h2>
${hit.snippetHtml ? html`<p>${trusted(hit.snippetHtml)}</p>` : ''}<p class="hit-date"><time datetime="${hit.publishedAt}">${site.dates.day(hit.publishedAt)}</time></p></article>`;
}

/** The search page: the form, then results with highlights, "did you mean" and pagination. Never indexed. */
export function searchPage(input: SearchPageInput): string {
  const { site, form, results } = input;
  const filtered = [form.author && `author “${form.author}”`, form.tag && `topic “${form.tag}”`].filter(Boolean).join(' and ');
  const prev = form.page > 1 ? searchHref(form, { page: form.page - 1 }) : null;
  const next = results?.hasMore ? searchHref(form, { page: form.page + 1 }) : null;
  const content = html`<header class="listing-head"><h1>Search</h1></header>
${input.problem ? html`<p class="empty" role="alert">${input.problem}</p>` : ''}
${formHtml(site, form)}
${filtered ? html`<p>Only stories by ${filtered}. <a href="${searchHref(form, { author: '', tag: '', page: 1 })}">Search everything</a></p>` : ''}
${results?.suggestion ? html`<p class="suggestion">Did you mean <a href="${searchHref(form, { q: results.suggestion, page: 1 })}">${results.suggestion}</a>?</p>` : ''}
${
  results
    ? html`<div class="search-results" aria-live="polite">${results.hits.length ? results.hits.map((h) => hitHtml(site, h)) : html`<p class="empty">No stories match “${form.q}”${form.page > 1 ? ' on this page' : ''}.</p>`}</div>`
    : ''
}
${prev || next ? html`<nav class="pagination" aria-label="Pages">${prev ? html`<a href="${prev}" rel="prev">← Previous</a>` : ''}<span>Page ${form.page}</span>${next ? html`<a href="${next}" rel="next">Next →</a>` : ''}</nav>` : ''}`;
  return layout({
    site,
    title: `${form.q ? `${form.q} – ` : ''}Search | ${site.name}`,
    description: `Search the stories of ${site.name}`,
    canonical: null,
    head: html`<meta name="robots" content="noindex">`,
    content,
  });
}
