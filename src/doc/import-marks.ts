/** Which inline marks an imported HTML element carries. */
import { attr } from './html-dom.js';
import type { HtmlElement } from './html-dom.js';
import { resolveHref } from './import-url.js';
import type { Mark } from './types.js';

export const NO_MARKS: readonly Mark[] = [];
export const CODE: Mark = { type: 'code' };
const BOLD: Mark = { type: 'bold' };
const ITALIC: Mark = { type: 'italic' };
const UNDERLINE: Mark = { type: 'underline' };
const STRIKE: Mark = { type: 'strike' };
const SUBSCRIPT: Mark = { type: 'subscript' };
const SUPERSCRIPT: Mark = { type: 'superscript' };

const MARK_ELEMENTS = new Map<string, Mark>([
  ['strong', BOLD], ['b', BOLD], ['em', ITALIC], ['i', ITALIC], ['u', UNDERLINE],
  ['s', STRIKE], ['strike', STRIKE], ['del', STRIKE], ['code', CODE], ['kbd', CODE], ['samp', CODE], ['tt', CODE],
  ['sub', SUBSCRIPT], ['sup', SUPERSCRIPT],
]);
// Pasted Google Docs and Word HTML style spans instead of using <b> and <i>.
// The style is only read here; it never reaches the document.
const STYLE_MARKS: readonly (readonly [RegExp, Mark])[] = [
  [/font-weight\s*:\s*(?:bold|[6-9]00)/i, BOLD],
  [/font-style\s*:\s*italic/i, ITALIC],
  [/text-decoration[\w-]*\s*:[^;]*underline/i, UNDERLINE],
  [/text-decoration[\w-]*\s*:[^;]*line-through/i, STRIKE],
  [/vertical-align\s*:\s*super/i, SUPERSCRIPT],
  [/vertical-align\s*:\s*sub/i, SUBSCRIPT],
];

/** The marks `el` adds to its text; a link only when its href passes the URL gate. */
export function marksOf(el: HtmlElement, base: string | undefined): readonly Mark[] {
  if (el.name === 'a') {
    const href = resolveHref(attr(el, 'href'), base);
    return href === null ? NO_MARKS : [{ type: 'link', attrs: { href } }];
  }
  if (el.name === 'span') {
    const style = attr(el, 'style') ?? '';
    return style === '' ? NO_MARKS : STYLE_MARKS.filter(([re]) => re.test(style)).map(([, mark]) => mark);
  }
  // Google Docs wraps whole pastes in <b style="font-weight:normal">.
  if (el.name === 'b' && /font-weight\s*:\s*(?:normal|[1-4]00)/i.test(attr(el, 'style') ?? '')) return NO_MARKS;
  const mark = MARK_ELEMENTS.get(el.name);
  return mark ? [mark] : NO_MARKS;
}
