import { html, type TrustedHtml } from '../../shared/html.js';
import type { SiteInfo } from '../site-info.js';
import { jsonLdScript } from './json-ld.js';
import { breadcrumbLd, collectionPageLd, profilePageLd, websiteLd, publisherLd } from './seo-jsonld.js';
import { socialMeta } from './seo-tags.js';

/** What a topic page is about, when schema.org has a type for its kind. */
export interface TopicAbout {
  type: 'Person' | 'Place' | 'Organization';
  name: string;
  alternateName: string[];
  description: string;
}

/** What kind of listing a page is, and for an author page, who; for a topic page, what it is about. */
export type ListingSeo = { kind: 'section' } | { kind: 'topic'; about?: TopicAbout } | { kind: 'author'; person: { name: string; bio: string; links?: Record<string, string> } };

function aboutLd(about: TopicAbout) {
  return {
    about: {
      '@type': about.type,
      name: about.name,
      ...(about.alternateName.length ? { alternateName: about.alternateName } : {}),
      ...(about.description ? { description: about.description } : {}),
    },
  };
}

export interface ListingHeadInput {
  seo: ListingSeo;
  title: string;
  description: string;
  /** The canonical URL of this page (with ?page=N past the first). */
  canonical: string;
  /** The URL of page 1, which the breadcrumb names. */
  firstPage: string;
}

/**
 * Social tags and structured data of a listing: sections and topics are a CollectionPage
 * with a BreadcrumbList (Home › Section), authors a ProfilePage about a Person.
 */
export function listingHead(site: SiteInfo, input: ListingHeadInput): TrustedHtml {
  const { seo } = input;
  const home = { name: site.name, url: site.url + '/' };
  const data =
    seo.kind === 'author'
      ? [profilePageLd(site, { url: input.canonical, person: { name: seo.person.name, url: input.firstPage, bio: seo.person.bio, links: seo.person.links } }), breadcrumbLd([home, { name: seo.person.name, url: input.firstPage }])]
      : [
          { ...collectionPageLd(site, { name: input.title, url: input.canonical, description: input.description }), ...(seo.kind === 'topic' && seo.about ? aboutLd(seo.about) : {}) },
          breadcrumbLd([home, { name: input.title, url: input.firstPage }]),
        ];
  return html`${socialMeta(site, { type: seo.kind === 'author' ? 'profile' : 'website', title: `${input.title} | ${site.name}`, description: input.description, url: input.canonical, image: site.shareImage })}
${data.map((d) => html`${jsonLdScript(d)}\n`)}`;
}

/** The home page: social tags, the WebSite and the publisher. */
export function homeHead(site: SiteInfo, page: { title: string; description: string }): TrustedHtml {
  const url = site.url + '/';
  // The site's search page (/search) as the WebSite's SearchAction.
  return html`${socialMeta(site, { type: 'website', title: page.title, description: page.description, url, image: site.shareImage })}
${jsonLdScript(websiteLd(site, { urlTemplate: `${site.url}/search?q={search_term_string}` }))}
${jsonLdScript(publisherLd(site, true))}`;
}
