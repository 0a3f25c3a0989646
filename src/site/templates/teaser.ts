import { html, type TrustedHtml } from '../../shared/html.js';
import type { ArticleTeaser } from '../../content/index.js';
import type { MediaView } from '../../media/index.js';
import { articlePath, authorPath, sectionPath, type SiteInfo } from '../site-info.js';
import { pictureHtml } from './picture.js';

export type TeaserStyle = 'lead' | 'card' | 'compact' | 'row';

/**
 * How wide the home page's lead picture is drawn (site.css `.front`): two thirds of the
 * 1200 px wrap less its 16 px padding and the 26 px gap from 1000 px up, else the full
 * width less the padding. Exact, so the browser picks the file nearest the slot.
 */
export const LEAD_PICTURE_SIZES = '(min-width: 1200px) 761px, (min-width: 1000px) calc(66.67vw - 39px), calc(100vw - 32px)';

/** "By A, B and C" with each name linking to the author page. */
export function bylineHtml(authors: { slug: string; name: string }[]): TrustedHtml {
  if (authors.length === 0) return html``;
  const links = authors.map((a) => html`<a href="${authorPath(a.slug)}" rel="author">${a.name}</a>`);
  const joined: (TrustedHtml | string)[] = [];
  links.forEach((link, i) => {
    if (i > 0) joined.push(i === links.length - 1 ? ' and ' : ', ');
    joined.push(link);
  });
  return html`By ${joined}`;
}

export function viewsLabel(views: number): string {
  return views === 1 ? '1 View' : `${views.toLocaleString('en-US')} Views`;
}

/** A story in a listing. `lead` uses the full picture; the others the thumbnail crop. */
export function teaserHtml(site: SiteInfo, teaser: ArticleTeaser, media: Map<string, MediaView>, style: TeaserStyle): TrustedHtml {
  const href = articlePath(teaser.section.slug, teaser.slug);
  const picture = teaser.heroMediaId ? media.get(teaser.heroMediaId) : undefined;
  const pic =
    picture && style !== 'compact'
      ? html`<a class="teaser-pic" href="${href}" tabindex="-1" aria-hidden="true">${pictureHtml(picture, {
          purpose: style === 'lead' ? 'full' : 'thumb',
          sizes: style === 'lead' ? LEAD_PICTURE_SIZES : style === 'row' ? '(min-width: 700px) 240px, 35vw' : '(min-width: 1000px) 300px, (min-width: 700px) 45vw, 100vw',
          alt: picture.alt,
          priority: style === 'lead',
        })}</a>`
      : '';
  // Headings go one level below what they sit under: the lead and a listing's rows sit
  // right under the page's h1, cards and compact items under a rail's h2.
  const link = html`<a href="${href}">${teaser.headline}</a>`;
  const heading = style === 'lead' || style === 'row' ? html`<h2 class="teaser-title">${link}</h2>` : html`<h3 class="teaser-title">${link}</h3>`;
  return html`<article class="teaser teaser--${style}" lang="${teaser.language}">${pic}<div class="teaser-text"><a class="kicker kicker--small" href="${sectionPath(teaser.section.slug)}">${teaser.section.name}</a>${heading}${
    style === 'compact' ? '' : html`<p class="teaser-standfirst">${teaser.standfirst}</p>`
  }<p class="teaser-meta"><time datetime="${teaser.publishedAt}">${site.dates.day(teaser.publishedAt)}</time>${
    teaser.authors.length ? html` · ${teaser.authors.map((a) => a.name).join(', ')}` : ''
  }</p></div></article>`;
}

/** Ids of every listing picture on a page, to load their variants in one query. */
export function teaserMediaIds(...lists: ArticleTeaser[][]): string[] {
  return lists.flat().map((t) => t.heroMediaId).filter((id): id is string => !!id);
}
