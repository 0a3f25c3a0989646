/**
 * Recognises social media embed markup in imported HTML and turns it into a
 * socialPost node, so a pasted tweet becomes our static card rather than a
 * quote full of "pic.twitter.com" debris, and the network's script is never
 * needed. Embed markup varies by era and network, so extraction is loose:
 * whatever is found is kept, and a post needs only text or a link.
 */
import { DOC_LIMITS } from './doc-limits.js';
import { attr, collapseWhitespace, findElements, hasClass, textOf } from './html-dom.js';
import type { HtmlElement } from './html-dom.js';
import type { SocialNetwork, SocialPostNode } from './types.js';

/** Turns a raw href into a safe absolute web URL, or null. */
export type WebUrlResolver = (raw: string | undefined) => string | null;

// "<blockquote class=…>" embeds whose markup is a quote followed by "— Name (@handle) Date".
const QUOTE_EMBEDS: ReadonlyMap<string, SocialNetwork> = new Map([
  ['twitter-tweet', 'x'],
  ['bluesky-embed', 'bluesky'],
  ['mastodon-embed', 'mastodon'],
]);
// Embeds that carry a permalink attribute and little else until their script runs.
const PERMALINK_EMBEDS: ReadonlyMap<string, { network: SocialNetwork; attribute: string }> = new Map([
  ['instagram-media', { network: 'instagram', attribute: 'data-instgrm-permalink' }],
  ['text-post-media', { network: 'threads', attribute: 'data-text-post-permalink' }],
]);
const NETWORKS: ReadonlySet<string> = new Set(['x', 'facebook', 'instagram', 'threads', 'bluesky', 'mastodon', 'youtube', 'linkedin', 'other']);
const CREDIT_RE = /^[\s—–-]*(.*?)\s*\(\s*(@[^\s()]+)\s*\)/u;
const SHARED_BY_RE = /shared by\s+(?:(.+?)\s*\(\s*(@[\w.]+)\s*\)|(@?[\w.]+))/iu;
const PERMALINK_CHATTER_RE = /^(?:view this post on instagram|a post shared by|view on threads)/i;
const TRACKING_PARAM_RE = /^(?:utm_\w+|ref_src|ref_url|igsh|igshid)$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A socialPost for a known embed `<blockquote>`, or null to import it as an ordinary quote. */
export function socialPostFromEmbed(quote: HtmlElement, resolve: WebUrlResolver): SocialPostNode | null {
  for (const [className, network] of QUOTE_EMBEDS) {
    if (hasClass(quote, className)) return fromQuoteEmbed(quote, network, resolve);
  }
  for (const [className, { network, attribute }] of PERMALINK_EMBEDS) {
    if (hasClass(quote, className)) return fromPermalinkEmbed(quote, network, resolve(attr(quote, attribute)), resolve);
  }
  return null;
}

/** Reads back the card render-html.ts draws, so our own HTML imports as the post it was. */
export function socialPostFromCard(figure: HtmlElement, resolve: WebUrlResolver): SocialPostNode | null {
  const modifier = (attr(figure, 'class') ?? '').match(/\bsocial-post--([a-z]+)\b/)?.[1] ?? 'other';
  const network = NETWORKS.has(modifier) ? (modifier as SocialNetwork) : 'other';
  const byClass = (name: string) => findElements(figure, (el) => hasClass(el, name))[0];
  const quote = findElements(figure, (el) => el.name === 'blockquote')[0];
  const author = byClass('social-post__author');
  const handle = byClass('social-post__handle');
  const time = findElements(figure, (el) => el.name === 'time')[0];
  const link = findElements(figure, (el) => el.name === 'a').at(-1);
  return post(network, {
    text: quote ? paragraphsText(quote) : '',
    author: author ? collapseWhitespace(textOf(author)) : '',
    handle: handle ? collapseWhitespace(textOf(handle)) : null,
    url: link ? resolve(attr(link, 'href')) : null,
    postedAt: time ? isoDate(attr(time, 'datetime')) : null,
  });
}

function fromQuoteEmbed(quote: HtmlElement, network: SocialNetwork, resolve: WebUrlResolver): SocialPostNode | null {
  const lastParagraph = quote.children.findLastIndex((node) => node.name === 'p');
  const text = lastParagraph >= 0 ? paragraphsText(quote) : '';
  // The credit is whatever follows the post's paragraphs: "— Name (@handle) <a>Date</a>".
  const credit = collapseWhitespace(quote.children.slice(lastParagraph + 1).map((node) => textOf(node)).join(''));
  const links = findElements(quote, (el) => el.name === 'a' && resolve(attr(el, 'href')) !== null);
  const permalink = links.at(-1);
  const dateText = permalink ? collapseWhitespace(textOf(permalink)) : '';
  const match = CREDIT_RE.exec(credit);
  const author = match ? match[1]! : credit.replace(/^[\s—–-]+/u, '').replace(dateText, '').trim();
  return post(network, {
    text,
    author,
    handle: match ? match[2]! : null,
    url: permalink ? resolve(attr(permalink, 'href')) : null,
    postedAt: parseLooseDate(dateText) ?? parseLooseDate(credit) ?? timeOf(quote),
  });
}

function fromPermalinkEmbed(quote: HtmlElement, network: SocialNetwork, permalink: string | null, resolve: WebUrlResolver): SocialPostNode | null {
  const links = findElements(quote, (el) => el.name === 'a').map((el) => resolve(attr(el, 'href')));
  const url = permalink ?? links.find((href) => href !== null) ?? null;
  const allText = collapseWhitespace(textOf(quote));
  const shared = SHARED_BY_RE.exec(allText);
  const handle = shared?.[2] ?? shared?.[3] ?? (url ? url.match(/\/(@[\w.]+)/)?.[1] : undefined) ?? null;
  const text = findElements(quote, (el) => el.name === 'p')
    .map((p) => collapseWhitespace(textOf(p)))
    .filter((line) => line !== '' && !PERMALINK_CHATTER_RE.test(line))
    .join('\n\n');
  return post(network, {
    text,
    author: shared?.[1] ?? '',
    handle: handle === null || handle.startsWith('@') ? handle : '@' + handle,
    url,
    postedAt: timeOf(quote),
  });
}

type PostFields = Omit<SocialPostNode['attrs'], 'network'>;

function post(network: SocialNetwork, fields: PostFields): SocialPostNode | null {
  if (fields.text === '' && !fields.url) return null;
  // Loose extraction can misfire on odd markup; caps keep the node inside the schema.
  return {
    type: 'socialPost',
    attrs: {
      network,
      author: fields.author.slice(0, DOC_LIMITS.maxAttrLength),
      handle: fields.handle ? fields.handle.slice(0, DOC_LIMITS.maxAttrLength) : null,
      url: fields.url ? withoutTracking(fields.url) : null,
      text: fields.text.slice(0, DOC_LIMITS.maxTextLength),
      postedAt: fields.postedAt ?? null,
    },
  };
}

/** Drops the referral parameters embed codes add to permalinks. */
function withoutTracking(url: string): string {
  if (!url.includes('?')) return url;
  try {
    const parsed = new URL(url);
    for (const key of [...parsed.searchParams.keys()]) {
      if (TRACKING_PARAM_RE.test(key)) parsed.searchParams.delete(key);
    }
    return parsed.href;
  } catch {
    return url;
  }
}

/** The post's paragraphs, with their line breaks, separated by blank lines. */
function paragraphsText(quote: HtmlElement): string {
  const paragraphs = findElements(quote, (el) => el.name === 'p');
  const sources = paragraphs.length > 0 ? paragraphs : [quote];
  // Posts use <br><br> for paragraph breaks; keep them as blank lines.
  return sources
    .map((p) => textOf(p).split('\n').map(collapseWhitespace).join('\n').replace(/\n{3,}/g, '\n\n').trim())
    .filter((text) => text !== '')
    .join('\n\n');
}

function timeOf(root: HtmlElement): string | null {
  const time = findElements(root, (el) => el.name === 'time' && attr(el, 'datetime') !== undefined)[0];
  return time ? isoDate(attr(time, 'datetime')) : null;
}

function isoDate(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return /^\d{4}-\d{2}-\d{2}/.test(trimmed) && !Number.isNaN(Date.parse(trimmed)) ? trimmed : null;
}

/**
 * "March 1, 2024" or "1 March 2024" → "2024-03-01". Embeds show the date in
 * the reader's words, without a time zone, so only the day is kept.
 */
export function parseLooseDate(text: string): string | null {
  const monthFirst = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b/.exec(text);
  const dayFirst = /\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(text);
  const [monthName, day, year] = monthFirst
    ? [monthFirst[1]!, monthFirst[2]!, monthFirst[3]!]
    : dayFirst
      ? [dayFirst[2]!, dayFirst[1]!, dayFirst[3]!]
      : [];
  if (!monthName || !day || !year) return null;
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  const date = new Date(Date.UTC(Number(year), month - 1, Number(day)));
  if (month === 0 || date.getUTCDate() !== Number(day)) return null;
  return date.toISOString().slice(0, 10);
}
