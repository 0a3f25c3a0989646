/**
 * Foreign HTML → body document. The one converter every import uses: wire
 * `body_html`, RSS, WordPress and HTML pasted into the editor, so each source
 * gets the same cleaning.
 *
 * It keeps structure and text from an allow-list and nothing else: no
 * attribute survives except a link's href and a picture's src and alt, both
 * through the URL gate. Active and foreign content (scripts, frames, SVG,
 * forms…) is dropped with everything inside it; unknown elements are
 * unwrapped so their text is kept.
 *
 * @example
 *   htmlToDocument(item.body_html, { baseUrl: item.uri })
 */
import { ValidationError } from '../shared/errors.js';
import { DOC_LIMITS } from './doc-limits.js';
import { DROPPED_ELEMENTS, attr, findElements, hasClass, isElement, parseHtml, textOf } from './html-dom.js';
import type { HtmlElement, HtmlNode } from './html-dom.js';
import { CODE, NO_MARKS, marksOf } from './import-marks.js';
import { captionParts, imageFrom } from './import-picture.js';
import { cleanAttribution, splitAttribution, takeLineAttribution } from './import-quote.js';
import { resolveWebUrl } from './import-url.js';
import { LINE_BREAK, buildInline, withMark } from './inline-builder.js';
import type { Piece } from './inline-builder.js';
import { safeWebUrl } from './safe-url.js';
import { socialPostFromCard, socialPostFromEmbed } from './social-embed.js';
import type { BlockNode, DocNode, ListItemNode, Mark } from './types.js';

export const MAX_IMPORT_HTML_BYTES = 5 * 1024 * 1024;

export interface HtmlToDocumentOptions {
  /**
   * The address the HTML came from. Relative links and pictures resolve
   * against it; without it, relative links stay relative (to our own site)
   * and relative pictures are dropped.
   */
  baseUrl?: string;
}

const CONTROL_CHARS_RE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;
/** Elements that end the paragraph before them and start a new one after. */
const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'address', 'center', 'details',
  'summary', 'dl', 'dt', 'dd', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'li', 'figcaption',
  'hgroup', 'fieldset', 'legend', 'html', 'body',
]);
const LIST_ELEMENTS: ReadonlySet<string> = new Set(['ul', 'ol', 'menu']);
// h1 is the page's headline, so imported headings shift into the body's h2–h4.
const HEADING_LEVELS: ReadonlyMap<string, 2 | 3 | 4> = new Map([
  ['h1', 2], ['h2', 2], ['h3', 3], ['h4', 4], ['h5', 4], ['h6', 4],
]);

/** Collects one container's blocks; inline content waits in `pieces` until a block boundary. */
interface Walker {
  readonly blocks: BlockNode[];
  pieces: Piece[];
  marks: readonly Mark[];
  heading: 2 | 3 | 4 | null;
  pre: boolean;
  /** Depth below the doc node of the blocks collected here. */
  readonly depth: number;
  readonly base: string | undefined;
}

/**
 * Converts HTML to a body document. Never throws for markup, however broken;
 * throws a ValidationError for input over 5 MB.
 */
export function htmlToDocument(html: string, options: HtmlToDocumentOptions = {}): DocNode {
  if (typeof html !== 'string') return { type: 'doc', content: [] };
  // Three bytes per UTF-16 unit bounds the UTF-8 size, so most inputs skip the exact count.
  if (html.length * 3 > MAX_IMPORT_HTML_BYTES && Buffer.byteLength(html, 'utf8') > MAX_IMPORT_HTML_BYTES) {
    throw new ValidationError('body', 'HTML body is larger than 5 MB');
  }
  const base = safeWebUrl(options.baseUrl) ?? undefined;
  const walker: Walker = { blocks: [], pieces: [], marks: NO_MARKS, heading: null, pre: false, depth: 1, base };
  walkChildren(parseHtml(html), walker);
  flush(walker);
  return { type: 'doc', content: walker.blocks };
}

function childWalker(parent: Walker, depth: number): Walker {
  return { blocks: [], pieces: [], marks: parent.marks, heading: null, pre: parent.pre, depth, base: parent.base };
}

function walkChildren(node: HtmlNode, w: Walker): void {
  for (const child of node.children ?? []) walkNode(child, w);
}

function walkNode(node: HtmlNode, w: Walker): void {
  if (node.type === 'text') return pushText(w, node.data ?? '');
  // Comments, CDATA and processing instructions are not elements and fall out here.
  if (!isElement(node) || DROPPED_ELEMENTS.has(node.name)) return;
  const marks = marksOf(node, w.base);
  if (marks.length === 0) return walkElement(node, w);
  const saved = w.marks;
  for (const mark of marks) w.marks = withMark(w.marks, mark);
  walkChildren(node, w);
  w.marks = saved;
}

/** Elements that carry no mark: structure, pictures, or text to unwrap. */
function walkElement(node: HtmlElement, w: Walker): void {
  switch (node.name) {
    case 'br':
      w.pieces.push(LINE_BREAK);
      return;
    case 'hr':
      flush(w);
      w.blocks.push({ type: 'horizontalRule' });
      return;
    case 'img': {
      const image = imageFrom(node, w.base);
      if (image) {
        flush(w);
        w.blocks.push(image);
      }
      return;
    }
    case 'pre':
      return walkPre(node, w);
    case 'blockquote':
      return walkBlockquote(node, w, null);
    case 'figure':
      return walkFigure(node, w);
    case 'q':
      pushText(w, '“');
      walkChildren(node, w);
      pushText(w, '”');
      return;
  }
  const level = HEADING_LEVELS.get(node.name);
  if (level !== undefined) return walkHeading(node, level, w);
  if (LIST_ELEMENTS.has(node.name)) return walkList(node, w);
  if (BLOCK_ELEMENTS.has(node.name)) return walkBlock(node, w);
  // span, font, custom tags and the rest: unwrapped, so their text is kept.
  walkChildren(node, w);
}

function pushText(w: Walker, data: string): void {
  const text = data.replace(CONTROL_CHARS_RE, '');
  if (text !== '') w.pieces.push({ text, marks: w.marks, pre: w.pre });
}

/** Ends the pending paragraph (or heading); blank ones are dropped. */
function flush(w: Walker): void {
  if (w.pieces.length === 0) return;
  const content = buildInline(w.pieces);
  w.pieces = [];
  if (content === null) return;
  w.blocks.push(w.heading === null ? { type: 'paragraph', content } : { type: 'heading', attrs: { level: w.heading }, content });
}

function walkBlock(el: HtmlElement, w: Walker): void {
  flush(w);
  walkChildren(el, w);
  flush(w);
}

function walkHeading(el: HtmlElement, level: 2 | 3 | 4, w: Walker): void {
  flush(w);
  const saved = w.heading;
  w.heading = level;
  walkChildren(el, w);
  flush(w);
  w.heading = saved;
}

/** Preformatted text becomes a code-marked paragraph that keeps its spacing and line breaks. */
function walkPre(el: HtmlElement, w: Walker): void {
  flush(w);
  const saved = { pre: w.pre, marks: w.marks };
  w.pre = true;
  w.marks = withMark(w.marks, CODE);
  walkChildren(el, w);
  flush(w);
  w.pre = saved.pre;
  w.marks = saved.marks;
}

function walkList(el: HtmlElement, w: Walker): void {
  flush(w);
  // A list's text sits three levels below it (item, paragraph, text); too deep, keep the words only.
  if (w.depth + 3 > DOC_LIMITS.maxDepth) return walkBlock(el, w);
  const items: ListItemNode[] = [];
  let stray: HtmlNode[] = [];
  const takeStray = () => {
    const item = stray.length > 0 ? listItem(stray, w) : null;
    if (item) items.push(item);
    stray = [];
  };
  for (const child of el.children) {
    if (isElement(child) && child.name === 'li') {
      takeStray();
      const item = listItem(child.children, w);
      if (item) items.push(item);
    } else if (isElement(child) && LIST_ELEMENTS.has(child.name) && items.length > 0 && stray.length === 0) {
      // <ul><li>a</li><ul>…</ul></ul>: a list placed between items belongs to the item before it.
      const owner = items.at(-1)!;
      const inner = childWalker(w, w.depth + 2);
      walkList(child, inner);
      for (const block of inner.blocks) owner.content.push(block);
    } else {
      stray.push(child);
    }
  }
  takeStray();
  if (items.length === 0) return;
  w.blocks.push(el.name === 'ol' ? { type: 'orderedList', attrs: { start: listStart(el) }, content: items } : { type: 'bulletList', content: items });
}

function listItem(children: readonly HtmlNode[], w: Walker): ListItemNode | null {
  const inner = childWalker(w, w.depth + 2);
  for (const child of children) walkNode(child, inner);
  flush(inner);
  if (inner.blocks.length === 0) return null;
  // TipTap's list item must open with a paragraph (content: 'paragraph block*').
  if (inner.blocks[0]!.type !== 'paragraph') inner.blocks.unshift({ type: 'paragraph' });
  return { type: 'listItem', content: inner.blocks };
}

function listStart(el: HtmlElement): number {
  const start = Number.parseInt(attr(el, 'start') ?? '', 10);
  return Number.isSafeInteger(start) && start >= 0 && start <= 1_000_000 ? start : 1;
}

/** `attribution` comes from a surrounding <figure>'s caption, when there is one. */
function walkBlockquote(el: HtmlElement, w: Walker, attribution: string | null): void {
  flush(w);
  const post = socialPostFromEmbed(el, (raw) => resolveWebUrl(raw, w.base));
  if (post) {
    w.blocks.push(post);
    return;
  }
  // A quote's text sits two levels below it; too deep, keep the words only.
  if (w.depth + 2 > DOC_LIMITS.maxDepth) return walkBlock(el, w);
  const split = attribution === null ? splitAttribution(el) : { body: el.children, attribution };
  const inner = childWalker(w, w.depth + 1);
  for (const child of split.body) walkNode(child, inner);
  flush(inner);
  const found = split.attribution ?? takeLineAttribution(inner.blocks);
  if (inner.blocks.length === 0) return;
  w.blocks.push({ type: 'blockquote', attrs: { attribution: found }, content: inner.blocks });
}

function walkFigure(el: HtmlElement, w: Walker): void {
  const resolve = (raw: string | undefined) => resolveWebUrl(raw, w.base);
  const post = hasClass(el, 'social-post') ? socialPostFromCard(el, resolve) : null;
  if (post) {
    flush(w);
    w.blocks.push(post);
    return;
  }
  const caption = findElements(el, (child) => child.name === 'figcaption')[0];
  const images = findElements(el, (child) => child.name === 'img')
    .map((img) => imageFrom(img, w.base))
    .filter((image) => image !== null);
  if (images.length > 0) {
    flush(w);
    // One caption under a group of pictures reads as the caption of the last.
    if (caption) Object.assign(images.at(-1)!.attrs, captionParts(caption));
    for (const image of images) w.blocks.push(image);
    return;
  }
  // A pull quote: <figure><blockquote>…</blockquote><figcaption>— Name</figcaption></figure>.
  const quote = el.children.find((child) => isElement(child) && child.name === 'blockquote');
  if (quote && isElement(quote)) return walkBlockquote(quote, w, caption ? cleanAttribution(textOf(caption)) : null);
  walkBlock(el, w);
}
