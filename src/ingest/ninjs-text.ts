/**
 * Reads a ninjs item's words: headline, standfirst and body.
 *
 * 1.x names its text properties by purpose or format after a prefix (the schema's
 * `headline_*`, `body_*` and `description_*` pattern properties): IPTC's own
 * examples use `headline_main`, `body_main` and `body_richtext` as often as the
 * older `headline`, `body_html`, `body_xhtml` and `body_text`. 2.x and 3.x send
 * arrays of `{ role, contenttype | contentType, value }` blocks.
 *
 * Choices:
 * - body: markup (html, xhtml, richtext, or a `text/html` block) before plain text;
 *   a body whose format is not named is treated as markup only when it looks like it;
 * - with no body, a description becomes the body (NTB sends its text as the 2.x
 *   description with role `text`), so it is imported rather than published empty;
 * - standfirst: a summary-like description, else any other description meant for
 *   readers (not an editor's note, caption or alt text; role `text` is body text),
 *   else a sub-headline;
 * - an item with no text at all is refused, unless the agency withdrew it, when only
 *   its identity matters.
 */
import { LIMITS, invalid, type Checked, type TextBlock } from './ninjs-schema.js';
import { cleanText, htmlToPlainText, plainTextToHtml } from './wire-text.js';

export interface StoryText {
  headline: string;
  standfirst: string | null;
  bodyHtml: string | null;
  /** JSON path of the property the body came from, for error messages. */
  bodyPath: string | null;
}

const MAX_HEADLINE = 300;
const MARKUP_FORMAT = /html|xhtml|rich/i;
const MARKUP_TYPE = /^(?:text\/html|application\/xhtml\+xml)\b/i;
const LOOKS_LIKE_MARKUP = /<\/?(?:p|div|br|h[1-6]|ul|ol|li|section|article|blockquote|strong|em|b|i|a)\b[^>]*>/i;
const SUMMARY_ROLES = new Set(['', 'summary', 'default', 'abstract', 'lead', 'intro', 'teaser', 'standfirst', 'ingress']);
/** Roles that are not for readers, or (text) are the story itself. */
const NOT_A_STANDFIRST = /^(?:text|body|ednote|editorial.?note|note|internal|alt|alt.?text|caption|credit|keywords?)$/i;
const NO_TEXT = 'the item carries no text to publish (no body and no description)';

interface Part {
  key: string;
  value: string;
  markup: boolean;
  /** 2.x/3.x role, lower-cased; '' when absent. */
  role: string;
}

/** 1.x: `headline`/`headline_*`, `body_*` and `description_*` properties. */
export function readText1(input: Record<string, unknown>, requireText: boolean): Checked<StoryText> {
  const props = prefixedProperties(input);
  if (!props.ok) return props;
  const { headlines, bodies, descriptions } = props.value;
  const main = typeof input.headline === 'string' && cleanText(input.headline) ? { key: 'headline', value: input.headline } : undefined;
  const chosen = main ?? headlines.find((h) => h.key === 'headline_main') ?? headlines.find((h) => !/sub/i.test(h.key));
  const headline = checkHeadline(chosen?.value, chosen?.key ?? 'headline', requireText);
  if (!headline.ok) return headline;

  const body = [...bodies.filter((b) => b.markup), ...bodies.filter((b) => !b.markup)][0];
  const description = descriptions.find((d) => d.key === 'description_text') ?? descriptions.find((d) => d.key === 'description_main') ?? descriptions[0];
  const subheadline = headlines.find((h) => /sub/i.test(h.key));
  const text = body ?? description;
  if (!text && requireText) return invalid('body_html', NO_TEXT);
  return {
    ok: true,
    value: {
      headline: headline.value,
      standfirst: (body && description ? plainOf(description) : null) ?? cleanText(subheadline?.value),
      bodyHtml: text ? htmlOf(text) : null,
      bodyPath: text?.key ?? null,
    },
  };
}

/** A 2.x/3.x block array and the property it was read from. */
export interface BlockList {
  path: string;
  blocks: readonly TextBlock[] | null | undefined;
}

/** 2.x and 3.x: `headlines[]`, `bodies[]` and `descriptions[]`. */
export function readText2(raw: { headlines: BlockList; bodies: BlockList; descriptions: BlockList }, requireText: boolean): Checked<StoryText> {
  const headline = mainHeadline(raw.headlines, requireText);
  if (!headline.ok) return headline;
  const bodies = blocks(raw.bodies);
  const body = [...bodies.filter((b) => b.markup), ...bodies.filter((b) => !b.markup)][0];
  const descriptions = blocks(raw.descriptions);
  const summary = descriptions.find((d) => SUMMARY_ROLES.has(d.role)) ?? descriptions.find((d) => !NOT_A_STANDFIRST.test(d.role));
  const text = body ?? descriptions.find((d) => d.role === 'text') ?? summary;
  if (!text && requireText) return invalid(raw.bodies.path, NO_TEXT);
  const standfirst = summary && summary !== text ? plainOf(summary) : null;
  return {
    ok: true,
    value: {
      headline: headline.value,
      standfirst: standfirst ?? describe(raw.headlines.blocks, (r) => /sub/i.test(r)),
      bodyHtml: text ? htmlOf(text) : null,
      bodyPath: text?.key ?? null,
    },
  };
}

/** Text of the first block whose role passes `wantRole` (a missing role counts as ''). */
export function describe(list: readonly TextBlock[] | null | undefined, wantRole: (role: string) => boolean): string | null {
  for (const block of list ?? []) {
    if (!block || !wantRole(roleOf(block))) continue;
    const text = /html/i.test(contentType(block)) ? htmlToPlainText(block.value) : cleanText(block.value);
    if (text) return text;
  }
  return null;
}

function contentType(block: NonNullable<TextBlock>): string {
  return block.contentType ?? block.contenttype ?? '';
}

function blocks({ blocks: list, path }: BlockList): Part[] {
  const parts: Part[] = [];
  (list ?? []).forEach((block, i) => {
    if (!block || !cleanText(block.value)) return;
    const type = contentType(block);
    // A block with another declared type (NITF, other XML) is neither markup we convert nor plain text.
    if (type && !MARKUP_TYPE.test(type) && !/^text\/plain\b/i.test(type)) return;
    const markup = type ? MARKUP_TYPE.test(type) : LOOKS_LIKE_MARKUP.test(block.value);
    parts.push({ key: `${path}.${i}.value`, value: block.value, markup, role: roleOf(block) });
  });
  return parts;
}

/** The headline with role "main", else the first that is not a sub-headline, else the first. */
function mainHeadline({ blocks: list, path }: BlockList, required: boolean): Checked<string> {
  const usable = (list ?? [])
    .map((block, i) => ({ block, i }))
    .filter((h): h is { block: NonNullable<TextBlock>; i: number } => cleanText(h.block?.value) !== null);
  const main = usable.find((h) => roleOf(h.block) === 'main') ?? usable.find((h) => !/sub/.test(roleOf(h.block))) ?? usable[0];
  if (!main) return required ? invalid(path, `a headline is required (${path}[] with a non-empty value)`) : { ok: true, value: '' };
  return checkHeadline(main.block.value, `${path}.${main.i}.value`, required);
}

/** 2.0 drafts named the role `name`. */
function roleOf(block: NonNullable<TextBlock>): string {
  return (block.role ?? block.name ?? '').trim().toLowerCase();
}

function checkHeadline(value: string | null | undefined, field: string, required: boolean): Checked<string> {
  const headline = cleanText(value);
  if (!headline) return required ? invalid(field, 'a headline is required') : { ok: true, value: '' };
  if (headline.length > MAX_HEADLINE) return invalid(field, `headline is longer than ${MAX_HEADLINE} characters`);
  return { ok: true, value: headline };
}

/** Collects and checks 1.x `headline_*`, `body_*` and `description_*` properties, in document order. */
function prefixedProperties(input: Record<string, unknown>): Checked<{ headlines: Part[]; bodies: Part[]; descriptions: Part[] }> {
  const found = { headlines: [] as Part[], bodies: [] as Part[], descriptions: [] as Part[] };
  for (const [key, value] of Object.entries(input)) {
    const match = /^(headline|body|description)_([A-Za-z0-9_]+)$/.exec(key);
    if (!match || value === null || value === undefined) continue;
    const [, prefix, format = ''] = match;
    const max = prefix === 'body' ? LIMITS.body : LIMITS.text;
    if (typeof value !== 'string') return invalid(key, 'expected a string');
    if (value.length > max) return invalid(key, `longer than ${max} characters`);
    if (!cleanText(value)) continue;
    const markup = /^text$/i.test(format) ? false : MARKUP_FORMAT.test(format) || LOOKS_LIKE_MARKUP.test(value);
    const part = { key, value, markup, role: '' };
    if (prefix === 'headline') found.headlines.push(part);
    else if (prefix === 'body') found.bodies.push(part);
    else found.descriptions.push(part);
  }
  // body_html, body_xhtml and body_richtext are the named markup forms; keep them first.
  found.bodies.sort((a, b) => rank(a.key) - rank(b.key));
  return { ok: true, value: found };
}

function rank(key: string): number {
  const order = ['body_html', 'body_xhtml', 'body_richtext', 'body_text'];
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
}

function htmlOf(part: Part): string | null {
  return part.markup ? part.value : plainTextToHtml(part.value);
}

function plainOf(part: Part): string | null {
  return part.markup ? htmlToPlainText(part.value) : cleanText(part.value);
}
