/**
 * One fetched or read document → its items, whatever the format: the format is told from
 * the content itself (a feed's `Content-Type` is too often wrong), JSON or XML first, then
 * the root: `rss` / `rdf:RDF` (RSS), `feed` (Atom), `newsItem` / `newsMessage` (NewsML-G2),
 * a JSON Feed `version`, or ninjs (one item, an array, or `{ items: [...] }`).
 */
import { parseNinjs } from '../ninjs.js';
import { readNewsml } from './newsml-g2.js';
import { normaliseItem, type DocumentOutcome, type ParsedItem, type RawItem } from './wire-item.js';
import { FEED_NAMESPACES, readAtom, readRss } from './xml-feeds.js';
import { parseXml } from './xml-tree.js';

const MAX_JSON_ITEMS = 5000;

export function parseDocument(text: string): DocumentOutcome {
  const start = text.trimStart().slice(0, 1);
  if (start === '{' || start === '[') return parseJson(text);
  if (start !== '<') return { ok: false, reason: 'unknown_format', message: 'the document is neither XML nor JSON' };
  const xml = parseXml(text);
  if (!xml.ok) return xml;
  const { root } = xml;
  if (root.local === 'rss' || (root.local === 'RDF' && root.ns === FEED_NAMESPACES.rdf)) return { ok: true, format: 'rss', items: readRss(root) };
  if (root.local === 'feed' && root.ns === FEED_NAMESPACES.atom) return { ok: true, format: 'atom', items: readAtom(root) };
  if (root.local === 'newsItem' || root.local === 'newsMessage') return { ok: true, format: 'newsml-g2', items: readNewsml(root) };
  if (root.local === 'feed') return { ok: false, reason: 'unknown_namespace', message: `<feed> is in the namespace "${root.ns || '(none)'}", not Atom's` };
  return { ok: false, reason: 'unknown_format', message: `an XML document with the root <${root.name.slice(0, 60)}> is not RSS, Atom or NewsML-G2` };
}

function parseJson(text: string): DocumentOutcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: 'malformed_json', message: `the JSON is malformed: ${(err as Error).message}` };
  }
  if (isObject(value) && typeof value.version === 'string' && value.version.startsWith('https://jsonfeed.org/version/')) {
    const items = Array.isArray(value.items) ? value.items.slice(0, MAX_JSON_ITEMS) : [];
    return { ok: true, format: 'json-feed', items: items.map((item, i) => jsonFeedItem(item, `items.${i}`, value)) };
  }
  const many = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.items) ? value.items : null;
  if (!many) return { ok: true, format: 'ninjs', items: [ninjsItem(value, '$')] };
  return { ok: true, format: 'ninjs', items: many.slice(0, MAX_JSON_ITEMS).map((item, i) => ninjsItem(item, `items.${i}`)) };
}

function ninjsItem(raw: unknown, path: string): ParsedItem {
  const parsed = parseNinjs(raw);
  const key = isObject(raw) && typeof raw.uri === 'string' ? raw.uri : undefined;
  if (!parsed.ok && /no text|no body/.test(parsed.message)) return { ok: false, reason: 'no_body', message: `${path}: the ninjs item has no body`, ...(key ? { key } : {}) };
  if (!parsed.ok) return { ok: false, reason: 'invalid_item', message: `${path}: ${parsed.field}: ${parsed.message}`, ...(key ? { key } : {}) };
  const item = parsed.item;
  if (!item.bodyHtml?.trim() && !item.standfirst) return { ok: false, reason: 'no_body', message: `${path}: the ninjs item "${item.headline.slice(0, 80)}" has no body`, ...(key ? { key } : {}) };
  if (!item.bodyHtml?.trim()) item.bodyHtml = `<p>${item.standfirst!.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`;
  const link = [item.wireId, ...(isObject(raw) && typeof raw.url === 'string' ? [raw.url] : [])].find((u) => /^https?:\/\//i.test(u)) ?? null;
  return { ok: true, item: { ...item, link } };
}

/** JSON Feed 1.0 and 1.1: `author` or `authors`, `content_html` or `content_text`, `image`, image attachments. */
function jsonFeedItem(raw: unknown, path: string, feed: Record<string, unknown>): ParsedItem {
  if (!isObject(raw)) return { ok: false, reason: 'invalid_item', message: `${path}: an item must be an object` };
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const authors = Array.isArray(raw.authors) ? raw.authors : isObject(raw.author) ? [raw.author] : Array.isArray(feed.authors) ? feed.authors : [];
  const attachments = Array.isArray(raw.attachments) ? raw.attachments.filter(isObject) : [];
  const pictures: RawItem['pictures'] = [str(raw.image), str(raw.banner_image), ...attachments.filter((a) => String(a.mime_type ?? '').startsWith('image/')).map((a) => str(a.url))]
    .filter((href): href is string => !!href)
    .filter((href, i, all) => all.indexOf(href) === i)
    .map((href) => ({ href, mimetype: null, caption: null, alt: null, credit: null, licence: null }));
  const rawItem: RawItem = {
    key: str(raw.id) ?? (typeof raw.id === 'number' ? String(raw.id) : null),
    link: str(raw.url) ?? str(raw.external_url),
    headline: str(raw.title),
    summaryHtml: str(raw.summary),
    bodyHtml: str(raw.content_html) ?? (str(raw.content_text) ? plainParagraphs(str(raw.content_text)!) : null),
    byline: authors.filter(isObject).map((a) => str(a.name)).filter(Boolean).join(' and ') || null,
    published: str(raw.date_published),
    updated: str(raw.date_modified),
    keywords: Array.isArray(raw.tags) ? raw.tags.filter((t): t is string => typeof t === 'string') : [],
    pictures,
    language: str(raw.language) ?? str(feed.language),
  };
  return normaliseItem(rawItem, path);
}

function plainParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => `<p>${p.trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
    .join('');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
