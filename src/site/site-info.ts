import type { Section } from '../content/index.js';
import type { DateFormatter } from './format-date.js';

/** What every template knows about the site. Built once at start, sections refreshed on change. */
export interface SiteInfo {
  name: string;
  /** Absolute base URL without a trailing slash. */
  url: string;
  locale: string;
  timeZone: string;
  disclaimerTemplate: string;
  dates: DateFormatter;
  sections: Section[];
  /** Path to the client script, with a content hash for cache-busting. */
  scriptPath: string;
  /** The stylesheet, inlined into every page so nothing blocks rendering. */
  css: string;
  /** Whether "Published On" and "Updated On" show the time of day as well as the date (a setting). */
  showPublishedTime: boolean;
  /** Static pages the footer links (About, Contact, …), in their order. */
  footerPages: { slug: string; title: string }[];
  /** The site's X account (`@handle`) for `twitter:site`; '' for none (a setting). */
  twitterHandle: string;
  /** The site-wide share image (the site name drawn on the brand colour), for pages without a picture. */
  shareImage: { url: string; width: number; height: number; alt: string };
  /** The publisher logo structured data points at, with its size. */
  logo: { url: string; width: number; height: number };
}

/** The absolute URL of a site path; a URL already absolute (media under MEDIA_PUBLIC_URL) is kept. */
export function absoluteUrl(site: SiteInfo, path: string): string {
  return /^https?:\/\//.test(path) ? path : site.url + path;
}

export function articlePath(sectionSlug: string, articleSlug: string): string {
  return `/${encodeURIComponent(sectionSlug)}/${encodeURIComponent(articleSlug)}`;
}

export function sectionPath(slug: string): string {
  return `/${encodeURIComponent(slug)}`;
}

/** A static page (About, Privacy) lives at the top level, like a section: `/about`. */
export function staticPagePath(slug: string): string {
  return `/${encodeURIComponent(slug)}`;
}

export function authorPath(slug: string): string {
  return `/author/${encodeURIComponent(slug)}`;
}

export function topicPath(slug: string): string {
  return `/topic/${encodeURIComponent(slug)}`;
}
