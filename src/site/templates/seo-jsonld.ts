import type { MediaView } from '../../media/index.js';
import type { SiteInfo } from '../site-info.js';

/**
 * schema.org objects every page type shares. Nodes that appear on many pages (the site, the
 * publisher) carry an `@id`, so a crawler joins them into one graph instead of meeting a
 * new organisation on every page.
 */
type Ld = Record<string, unknown>;

const CONTEXT = 'https://schema.org';

export const websiteId = (site: SiteInfo) => `${site.url}/#website`;
export const publisherId = (site: SiteInfo) => `${site.url}/#publisher`;

/** The site's X profile, from the `@handle` setting. */
function sameAs(site: SiteInfo): string[] {
  return site.twitterHandle ? [`https://x.com/${site.twitterHandle.slice(1)}`] : [];
}

/** The publisher: a NewsMediaOrganization with its logo and the logo's size (Google wants it to fit 600×60). */
export function publisherLd(site: SiteInfo, withContext = false): Ld {
  const links = sameAs(site);
  return {
    ...(withContext ? { '@context': CONTEXT } : {}),
    '@type': 'NewsMediaOrganization',
    '@id': publisherId(site),
    name: site.name,
    url: site.url + '/',
    logo: { '@type': 'ImageObject', url: site.logo.url, width: site.logo.width, height: site.logo.height },
    ...(links.length ? { sameAs: links } : {}),
  };
}

/** What the WebSite node needs to offer a search box in results (the home page passes /search). */
export interface SiteSearch {
  /** An absolute URL with `{search_term_string}` where the query goes, e.g. `https://…/search?q={search_term_string}`. */
  urlTemplate: string;
}

/**
 * The WebSite node. `alternateName` is the host (Google shows a site name and accepts the
 * domain as its alternative). Pass `search` once the site has a search page, and the
 * SearchAction appears.
 */
export function websiteLd(site: SiteInfo, search: SiteSearch | null = null): Ld {
  return {
    '@context': CONTEXT,
    '@type': 'WebSite',
    '@id': websiteId(site),
    name: site.name,
    alternateName: new URL(site.url).host.replace(/^www\./, ''),
    url: site.url + '/',
    inLanguage: site.locale,
    publisher: { '@id': publisherId(site) },
    ...(search
      ? { potentialAction: { '@type': 'SearchAction', target: { '@type': 'EntryPoint', urlTemplate: search.urlTemplate }, 'query-input': 'required name=search_term_string' } }
      : {}),
  };
}

export function breadcrumbLd(items: { name: string; url: string }[]): Ld {
  return {
    '@context': CONTEXT,
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, i) => ({ '@type': 'ListItem', position: i + 1, name: item.name, item: item.url })),
  };
}

/** A section or topic page. */
export function collectionPageLd(site: SiteInfo, page: { name: string; url: string; description: string }): Ld {
  return {
    '@context': CONTEXT,
    '@type': 'CollectionPage',
    '@id': page.url,
    url: page.url,
    name: page.name,
    ...(page.description ? { description: page.description } : {}),
    inLanguage: site.locale,
    isPartOf: { '@id': websiteId(site) },
  };
}

export interface PersonInput {
  name: string;
  /** The author page, absolute. */
  url: string;
  bio?: string;
  /** Social profile URLs (the person's links). */
  links?: Record<string, string>;
}

export function personLd(person: PersonInput): Ld {
  const profiles = Object.values(person.links ?? {}).filter((link) => /^https?:\/\//i.test(link));
  return {
    '@type': 'Person',
    '@id': `${person.url}#person`,
    name: person.name,
    url: person.url,
    ...(person.bio ? { description: person.bio } : {}),
    ...(profiles.length ? { sameAs: profiles } : {}),
  };
}

/** An author page: a ProfilePage whose main entity is the Person. */
export function profilePageLd(site: SiteInfo, page: { url: string; person: PersonInput }): Ld {
  return {
    '@context': CONTEXT,
    '@type': 'ProfilePage',
    '@id': page.url,
    url: page.url,
    name: page.person.name,
    inLanguage: site.locale,
    isPartOf: { '@id': websiteId(site) },
    mainEntity: personLd(page.person),
  };
}

/**
 * A picture with its credit and rights: `creditText` is the credit line ("ANI"), and
 * `copyrightNotice` the licence terms when the library has them, else the credit (who holds
 * the picture's rights is who the desk credits). Google shows both in image results.
 */
export function imageObjectLd(image: { url: string; width: number; height: number }, media?: Pick<MediaView, 'credit' | 'licence' | 'caption' | 'alt'>, caption?: string | null): Ld {
  const credit = media?.credit.trim() ?? '';
  const licence = media?.licence.trim() ?? '';
  const text = (caption ?? media?.caption ?? '').trim();
  return {
    '@type': 'ImageObject',
    url: image.url,
    contentUrl: image.url,
    width: image.width,
    height: image.height,
    ...(text ? { caption: text } : {}),
    ...(credit ? { creditText: credit } : {}),
    ...(licence || credit ? { copyrightNotice: licence || credit } : {}),
  };
}
