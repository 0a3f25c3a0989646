import { rfc822Date, w3cDate } from './feed-dates.js';
import type { FeedItem } from './feed-items.js';
import type { FeedFormat } from './feed-paths.js';
import { cdata, element, escapeXml } from './xml.js';

/** What a feed says about itself, the same in every format. */
export interface FeedChannel {
  title: string;
  description: string;
  /** The page the feed belongs to (absolute). */
  homeUrl: string;
  /** This feed's own address in each format (absolute). */
  feedUrls: Record<FeedFormat, string>;
  /** The site's BCP 47 locale, e.g. `en-IN`. */
  language: string;
  siteName: string;
  siteUrl: string;
  /** The newest item's time (ISO); for an empty feed, when it was built. */
  updated: string;
}

/*
 * Written by hand rather than with the `feed` package: its JSON Feed is version 1, not 1.1
 * (STACK-NOTES), and its RSS lacks media:content. Each writer is a string template in which
 * every value passes through escapeXml (or cdata, or JSON.stringify).
 */

const RSS_NAMESPACES = [
  'xmlns:atom="http://www.w3.org/2005/Atom"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:media="http://search.yahoo.com/mrss/"',
].join(' ');

/** Media RSS for the hero: the largest JPEG with its size, caption and credit. */
function mediaContent(item: FeedItem): string {
  const image = item.image;
  if (!image) return '';
  const caption = image.caption ? `<media:description type="plain">${escapeXml(image.caption)}</media:description>` : '';
  const credit = image.credit ? `<media:credit>${escapeXml(image.credit)}</media:credit>` : '';
  return `<media:content url="${escapeXml(image.url)}" type="${image.type}" medium="image" width="${image.width}" height="${image.height}">${caption}${credit}</media:content>`;
}

/** RSS 2.0 with atom:link rel=self, dc:creator per author, media:content and (full text) content:encoded. */
export function writeRss(channel: FeedChannel, items: FeedItem[]): string {
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ${RSS_NAMESPACES}>\n<channel>\n`,
    element('title', channel.title),
    element('link', channel.homeUrl),
    element('description', channel.description),
    `<atom:link href="${escapeXml(channel.feedUrls.rss)}" rel="self" type="application/rss+xml"/>`,
    element('language', channel.language.toLowerCase()),
    element('lastBuildDate', rfc822Date(channel.updated)),
    '<generator>Dateline</generator>',
    `<image>${element('url', `${channel.siteUrl}/logo.png`)}${element('title', channel.title)}${element('link', channel.homeUrl)}</image>\n`,
  ];
  for (const item of items) {
    out.push(
      '<item>',
      element('title', item.title),
      element('link', item.url),
      `<guid isPermaLink="false">${escapeXml(item.id)}</guid>`,
      element('pubDate', rfc822Date(item.published)),
      element('description', item.summary),
      item.contentHtml !== null ? `<content:encoded>${cdata(item.contentHtml)}</content:encoded>` : '',
      ...item.authors.map((a) => element('dc:creator', a.name)),
      ...item.categories.map((c) => element('category', c)),
      mediaContent(item),
      '</item>\n',
    );
  }
  out.push('</channel>\n</rss>\n');
  return out.join('');
}

/** Atom 1.0 (RFC 4287): the site is the feed's author, so an entry without a byline is still valid. */
export function writeAtom(channel: FeedChannel, items: FeedItem[]): string {
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(channel.language)}">\n`,
    element('id', channel.feedUrls.atom),
    `<title type="text">${escapeXml(channel.title)}</title>`,
    `<subtitle type="text">${escapeXml(channel.description)}</subtitle>`,
    element('updated', w3cDate(channel.updated)),
    `<link rel="alternate" type="text/html" href="${escapeXml(channel.homeUrl)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(channel.feedUrls.atom)}"/>`,
    `<author>${element('name', channel.siteName)}${element('uri', `${channel.siteUrl}/`)}</author>`,
    '<generator>Dateline</generator>',
    element('logo', `${channel.siteUrl}/logo.png`),
    '\n',
  ];
  for (const item of items) {
    out.push(
      '<entry>',
      element('id', item.id),
      `<title type="text">${escapeXml(item.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(item.url)}"/>`,
      element('published', w3cDate(item.published)),
      element('updated', w3cDate(item.updated ?? item.published)),
      ...item.authors.map((a) => `<author>${element('name', a.name)}${element('uri', a.url)}</author>`),
      ...item.categories.map((c) => `<category term="${escapeXml(c)}"/>`),
      item.summary ? `<summary type="text">${escapeXml(item.summary)}</summary>` : '',
      item.contentHtml !== null ? `<content type="html">${escapeXml(item.contentHtml)}</content>` : '',
      // The hero as an enclosure link, Atom's own way; media:content here reads as the entry's content to some parsers.
      item.image ? `<link rel="enclosure" type="${item.image.type}" href="${escapeXml(item.image.url)}"/>` : '',
      '</entry>\n',
    );
  }
  out.push('</feed>\n');
  return out.join('');
}

/** JSON Feed 1.1: content_html in full text, else content_text (the spec wants one of them). */
export function writeJsonFeed(channel: FeedChannel, items: FeedItem[]): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.feedUrls.json,
    description: channel.description,
    language: channel.language,
    authors: [{ name: channel.siteName, url: `${channel.siteUrl}/` }],
    items: items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      ...(item.contentHtml !== null ? { content_html: item.contentHtml } : { content_text: item.summary }),
      ...(item.summary ? { summary: item.summary } : {}),
      ...(item.image ? { image: item.image.url } : {}),
      date_published: w3cDate(item.published),
      ...(item.updated ? { date_modified: w3cDate(item.updated) } : {}),
      ...(item.authors.length ? { authors: item.authors } : {}),
      tags: item.categories,
      language: item.language,
    })),
  };
  return JSON.stringify(feed, null, 1) + '\n';
}

export const FEED_WRITERS: Record<FeedFormat, (channel: FeedChannel, items: FeedItem[]) => string> = { rss: writeRss, atom: writeAtom, json: writeJsonFeed };
