/**
 * Finding who is quoted in an imported <blockquote>. Sources mark it up in
 * several ways: a trailing <footer> or <cite>, or a last line "— Name".
 */
import { DOC_LIMITS } from './doc-limits.js';
import { collapseWhitespace, isElement, textOf } from './html-dom.js';
import type { HtmlElement, HtmlNode } from './html-dom.js';
import type { BlockNode } from './types.js';

const DASH_RE = /^[—–―-]+\s*/u;
// A hyphen must be followed by a space, so "-5 degrees" is not an attribution.
const ATTRIBUTION_LINE_RE = /^\s*(?:[—–―]\s*|-\s+)(\S[\s\S]*)$/u;

/** Attribution text without its dash, capped to the schema's length; null when blank. */
export function cleanAttribution(text: string): string | null {
  const cleaned = collapseWhitespace(text).replace(DASH_RE, '').slice(0, DOC_LIMITS.maxAttrLength);
  return cleaned === '' ? null : cleaned;
}

/**
 * Splits off a trailing <footer> or <cite> (alone, or alone in a paragraph)
 * when something else is left to quote.
 */
export function splitAttribution(quote: HtmlElement): { body: readonly HtmlNode[]; attribution: string | null } {
  const parts = meaningfulChildren(quote);
  const last = parts.at(-1);
  if (parts.length < 2 || !last || !isElement(last)) return { body: quote.children, attribution: null };
  const lone = meaningfulChildren(last);
  const only = lone.length === 1 ? lone[0]! : null;
  const credit = isCredit(last) ? last : only && isElement(only) && isCredit(only) ? only : null;
  const attribution = credit ? cleanAttribution(textOf(credit)) : null;
  if (attribution === null) return { body: quote.children, attribution: null };
  return { body: quote.children.filter((child) => child !== last), attribution };
}

/**
 * Takes a last line "— Name" out of converted quote blocks and returns it,
 * when something is left to quote.
 */
export function takeLineAttribution(blocks: BlockNode[]): string | null {
  const last = blocks.at(-1);
  if (last?.type !== 'paragraph' || !last.content) return null;
  const lineStart = last.content.findLastIndex((node) => node.type === 'hardBreak') + 1;
  if (lineStart === 0 && blocks.length < 2) return null;
  const line = last.content.slice(lineStart).map((node) => (node.type === 'text' ? node.text : '')).join('');
  const match = ATTRIBUTION_LINE_RE.exec(line);
  const attribution = match ? cleanAttribution(match[1]!) : null;
  if (attribution === null) return null;
  const rest = last.content.slice(0, lineStart);
  while (rest.at(-1)?.type === 'hardBreak') rest.pop();
  if (rest.some((node) => node.type === 'text' && /\S/.test(node.text))) last.content = rest;
  else blocks.pop();
  return attribution;
}

function meaningfulChildren(el: HtmlElement): HtmlNode[] {
  return el.children.filter((child) => isElement(child) || (child.type === 'text' && /\S/.test(child.data ?? '')));
}

function isCredit(el: HtmlElement): boolean {
  return el.name === 'footer' || el.name === 'cite';
}
