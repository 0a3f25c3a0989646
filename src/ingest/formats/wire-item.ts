/**
 * What every format is normalised to: the importer's `IncomingStory` (so Take goes through the
 * one wire importer) plus the original's link. Items a format cannot use are values with a
 * reason, never exceptions.
 */
import type { IncomingPicture, IncomingStory } from '../ninjs.js';
import { cleanText, htmlToPlainText, plainTextToHtml, splitByline, stripControlChars, uniqueNames } from '../wire-text.js';

export interface WireItem extends IncomingStory {
  /** The original's web address, kept on the story ("original link"). */
  link: string | null;
}

export type SkipReason = 'duplicate' | 'no_body' | 'no_headline' | 'no_id' | 'not_a_story' | 'unknown_namespace' | 'invalid_item';

export type ParsedItem = { ok: true; item: WireItem } | { ok: false; reason: SkipReason; message: string; key?: string };

export type FeedFormat = 'rss' | 'atom' | 'json-feed' | 'ninjs' | 'newsml-g2';

export type DocumentOutcome =
  | { ok: true; format: FeedFormat; items: ParsedItem[] }
  | { ok: false; reason: 'malformed_xml' | 'dtd_refused' | 'malformed_json' | 'unknown_format' | 'unknown_namespace'; message: string };

/** Raw fields a format found, before the shared rules (headline and text required, dates parsed). */
export interface RawItem {
  key: string | null;
  link: string | null;
  headline: string | null;
  /** Plain text or HTML summary. */
  summaryHtml: string | null;
  bodyHtml: string | null;
  byline: string | null;
  published: string | null;
  updated: string | null;
  located?: string | null;
  sectionName?: string | null;
  keywords: string[];
  subjects?: { name: string; code: string | null }[];
  pubStatus?: IncomingStory['pubStatus'];
  pictures: Omit<IncomingPicture, 'hrefPath' | 'width' | 'height' | 'sourceUrl'>[];
  language?: string | null;
  rights?: string | null;
}

const MAX_PICTURES = 8;
const STANDFIRST_CHARS = 400;

/** The shared rules: an item needs an id (guid, uri or link), a headline and some text. */
export function normaliseItem(raw: RawItem, path: string): ParsedItem {
  const clean = stripControlChars(raw) as RawItem;
  const key = cleanText(clean.key) ?? cleanText(clean.link);
  const headline = cleanText(htmlToPlainText(clean.headline ?? '') ?? '');
  if (!key) return { ok: false, reason: 'no_id', message: `${path}: the item has no guid, id or link, so a later copy could not be told apart` };
  if (!headline) return { ok: false, reason: 'no_headline', message: `${path}: the item has no headline`, key };
  const summaryText = clean.summaryHtml ? htmlToPlainText(clean.summaryHtml) : null;
  const bodyHtml = clean.bodyHtml?.trim() ? clean.bodyHtml : clean.summaryHtml?.trim() ? asHtml(clean.summaryHtml) : null;
  if (!bodyHtml || !htmlToPlainText(bodyHtml)) return { ok: false, reason: 'no_body', message: `${path}: the item "${headline.slice(0, 80)}" has no text`, key };
  const pictures: IncomingPicture[] = clean.pictures.slice(0, MAX_PICTURES).map((p, i) => ({ ...p, hrefPath: `${path}.pictures.${i}`, width: null, height: null, sourceUrl: p.href }));
  const item: WireItem = {
    wireId: key.slice(0, 500),
    version: null,
    language: cleanText(clean.language) ?? null,
    pubStatus: clean.pubStatus ?? 'usable',
    pubStatusPath: `${path}.pubStatus`,
    headline: headline.slice(0, 300),
    standfirst: clean.bodyHtml?.trim() && summaryText ? summaryText.slice(0, STANDFIRST_CHARS) : null,
    bodyHtml,
    bodyPath: `${path}.body`,
    bylines: uniqueNames(splitByline(clean.byline)),
    firstCreated: parseDate(clean.published) ?? parseDate(clean.updated),
    versionCreated: parseDate(clean.updated),
    embargoed: null,
    located: cleanText(clean.located) ?? null,
    sectionName: cleanText(clean.sectionName) ?? null,
    source: null,
    keywords: uniqueNames(clean.keywords.map((k) => cleanText(k))).slice(0, 20),
    subjects: clean.subjects ?? [],
    picture: pictures[0] ?? null,
    furtherPictures: pictures.slice(1),
    link: httpLink(clean.link),
  };
  return { ok: true, item };
}

/** A summary that is plain text becomes paragraphs; markup is kept for the converter to clean. */
function asHtml(summary: string): string {
  return /<[a-z][^>]*>/i.test(summary) ? summary : (plainTextToHtml(summary) ?? '');
}

export function parseDate(value: string | null | undefined): Date | null {
  const text = cleanText(value);
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

function httpLink(value: string | null): string | null {
  const text = cleanText(value);
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
