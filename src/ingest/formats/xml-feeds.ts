/**
 * RSS 0.9x / 1.0 (RDF) / 2.0 and Atom 1.0 → raw items. Extension elements are matched by
 * namespace URI, whatever prefix a feed chose: `content:encoded`, `dc:creator`, `dc:date`,
 * `dc:subject`, Media RSS `media:content` / `media:group`, and enclosures.
 */
import { child, childrenNamed, innerXml, textOf, type XmlElement } from './xml-tree.js';
import { normaliseItem, type ParsedItem, type RawItem } from './wire-item.js';

const NS = {
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
  atom: 'http://www.w3.org/2005/Atom',
  rss1: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
};

const MAX_ITEMS = 5000;

/** RSS 0.9x and 2.0 (`<rss><channel><item>`), RSS 1.0 and 0.90 (`<rdf:RDF>…<item>`). */
export function readRss(root: XmlElement): ParsedItem[] {
  const channel = child(root, 'channel');
  const containers = root.local === 'RDF' ? [root] : channel ? [channel] : [];
  const items = containers.flatMap((c) => childrenNamed(c, 'item')).slice(0, MAX_ITEMS);
  const language = channel ? textOf(child(channel, 'language')) || textOf(child(channel, 'language', NS.dc)) : '';
  return items.map((item, i) => normaliseItem(rssItem(item, language || null), `item.${i}`));
}

function rssItem(item: XmlElement, language: string | null): RawItem {
  const guid = child(item, 'guid');
  const link = textOf(plain(item, 'link')) || (guid?.attrs.isPermaLink !== 'false' && /^https?:/i.test(textOf(guid)) ? textOf(guid) : '');
  const about = item.attrs['rdf:about'] ?? '';
  return {
    key: textOf(guid) || about || link || null,
    link: link || about || null,
    headline: textOf(plain(item, 'title')),
    summaryHtml: textOf(plain(item, 'description')) || null,
    bodyHtml: textOf(child(item, 'encoded', NS.content)) || null,
    byline: childrenNamed(item, 'creator', NS.dc).map(textOf).filter(Boolean).join(' and ') || authorName(textOf(plain(item, 'author'))),
    published: textOf(plain(item, 'pubDate')) || textOf(child(item, 'date', NS.dc)) || null,
    updated: null,
    keywords: [...childrenNamed(item, 'category').filter((c) => c.ns === '' || c.ns === NS.rss1).map(textOf), ...childrenNamed(item, 'subject', NS.dc).map(textOf)],
    pictures: [...mediaPictures(item), ...enclosures(item)],
    language,
    rights: textOf(child(item, 'rights', NS.dc)) || null,
  };
}

/** An element of the feed's own vocabulary: no namespace (RSS 0.9x/2.0) or RSS 1.0's / 0.90's. */
function plain(item: XmlElement, local: string): XmlElement | undefined {
  return item.children.find((c) => c.local === local && (c.ns === '' || c.ns === NS.rss1 || c.ns === NS.rss090));
}

/** RSS 2.0 `author` is an e-mail address, often followed by the name in brackets. */
function authorName(author: string): string | null {
  if (!author) return null;
  const bracketed = /\(([^)]+)\)/.exec(author);
  if (bracketed) return bracketed[1]!;
  return author.includes('@') ? null : author;
}

function mediaPictures(item: XmlElement): RawItem['pictures'] {
  const contents = [...childrenNamed(item, 'content', NS.media), ...childrenNamed(item, 'group', NS.media).flatMap((g) => childrenNamed(g, 'content', NS.media))];
  return contents
    .filter((c) => c.attrs.url && (c.attrs.medium === 'image' || (c.attrs.type ?? '').startsWith('image/') || (!c.attrs.medium && !c.attrs.type)))
    .map((c) => ({
      href: c.attrs.url!,
      mimetype: c.attrs.type ?? null,
      caption: textOf(child(c, 'description', NS.media)) || textOf(child(item, 'description', NS.media)) || textOf(child(c, 'title', NS.media)) || null,
      alt: textOf(child(c, 'title', NS.media)) || null,
      credit: textOf(child(c, 'credit', NS.media)) || textOf(child(item, 'credit', NS.media)) || null,
      licence: textOf(child(c, 'copyright', NS.media)) || null,
    }));
}

function enclosures(item: XmlElement): RawItem['pictures'] {
  return childrenNamed(item, 'enclosure')
    .filter((e) => e.attrs.url && (e.attrs.type ?? '').startsWith('image/'))
    .map((e) => ({ href: e.attrs.url!, mimetype: e.attrs.type ?? null, caption: null, alt: null, credit: null, licence: null }));
}

/** Atom 1.0: `<feed><entry>`. */
export function readAtom(root: XmlElement): ParsedItem[] {
  const feedAuthor = child(root, 'author', NS.atom);
  const language = root.attrs['xml:lang'] ?? null;
  return childrenNamed(root, 'entry', NS.atom)
    .slice(0, MAX_ITEMS)
    .map((entry, i) => normaliseItem(atomEntry(entry, feedAuthor, entry.attrs['xml:lang'] ?? language), `entry.${i}`));
}

function atomEntry(entry: XmlElement, feedAuthor: XmlElement | undefined, language: string | null): RawItem {
  const links = childrenNamed(entry, 'link', NS.atom);
  const alternate = links.find((l) => (l.attrs.rel ?? 'alternate') === 'alternate')?.attrs.href ?? null;
  const authors = childrenNamed(entry, 'author', NS.atom);
  const names = (authors.length ? authors : feedAuthor ? [feedAuthor] : []).map((a) => textOf(child(a, 'name', NS.atom))).filter(Boolean);
  return {
    key: textOf(child(entry, 'id', NS.atom)) || alternate,
    link: alternate,
    headline: atomText(child(entry, 'title', NS.atom)),
    summaryHtml: atomText(child(entry, 'summary', NS.atom)) || null,
    bodyHtml: atomText(child(entry, 'content', NS.atom)) || null,
    byline: names.join(' and ') || null,
    published: textOf(child(entry, 'published', NS.atom)) || null,
    updated: textOf(child(entry, 'updated', NS.atom)) || null,
    keywords: childrenNamed(entry, 'category', NS.atom).map((c) => c.attrs.label ?? c.attrs.term ?? ''),
    pictures: [
      ...mediaPictures(entry),
      ...links
        .filter((l) => l.attrs.rel === 'enclosure' && (l.attrs.type ?? '').startsWith('image/') && l.attrs.href)
        .map((l) => ({ href: l.attrs.href!, mimetype: l.attrs.type ?? null, caption: l.attrs.title ?? null, alt: null, credit: null, licence: null })),
    ],
    language,
    rights: textOf(child(entry, 'rights', NS.atom)) || null,
  };
}

/** Atom text constructs: `text` plain, `html` markup as text, `xhtml` inline markup in a div. */
function atomText(element: XmlElement | undefined): string {
  if (!element) return '';
  const type = element.attrs.type ?? 'text';
  if (type === 'xhtml') {
    const div = child(element, 'div');
    return (div ? innerXml(div) : innerXml(element)).trim();
  }
  // 'html' is markup as text; 'text' is plain text, which the shared rules turn into paragraphs.
  return textOf(element);
}

export const FEED_NAMESPACES = NS;
