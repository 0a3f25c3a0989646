/**
 * Body document → HTML, through a fixed allow-list. This is the only producer
 * of trusted body HTML (see shared/html.ts), so it escapes every text and
 * attribute value and lets no URL through without `safeHref`.
 *
 * Documents come from the database and may be corrupt or older than the
 * current types, so the renderer reads its input as `unknown` shapes: a
 * malformed node renders as nothing, never as an exception.
 *
 * It runs on every article view, so it builds one string by concatenation:
 * no DOM, no intermediate arrays, no closures in the loops.
 *
 * @example
 *   renderDocument(article.body, { resolveImage: (id) => media.resolve(id) })
 */
import { escapeHtml } from '../shared/html.js';
import { isRecord, textAttr } from './node-guards.js';
import { renderImage, renderSocialPost } from './render-figures.js';
import { isWebUrl, safeHref } from './safe-url.js';
import type { DocNode, RenderContext } from './types.js';

// Deeper than the schema allows (20), so valid documents are never cut, while
// corrupt or cyclic data cannot exhaust the stack.
const MAX_RENDER_DEPTH = 40;
const NO_CONTEXT: RenderContext = {};

interface OpenMark {
  /** Equal keys mean the same mark, so it can stay open across text nodes. */
  readonly key: string;
  readonly open: string;
  readonly close: string;
}

const BOLD: OpenMark = { key: 'bold', open: '<strong>', close: '</strong>' };
const ITALIC: OpenMark = { key: 'italic', open: '<em>', close: '</em>' };
const UNDERLINE: OpenMark = { key: 'underline', open: '<u>', close: '</u>' };
const STRIKE: OpenMark = { key: 'strike', open: '<s>', close: '</s>' };
const CODE: OpenMark = { key: 'code', open: '<code>', close: '</code>' };
const SUBSCRIPT: OpenMark = { key: 'subscript', open: '<sub>', close: '</sub>' };
const SUPERSCRIPT: OpenMark = { key: 'superscript', open: '<sup>', close: '</sup>' };
const NO_MARKS: readonly OpenMark[] = [];

/** The context plus the outline so far: the level of the last heading written (the page's h1 comes first). */
interface Rendering extends RenderContext {
  lastHeading: number;
}

export function renderDocument(doc: DocNode, ctx: RenderContext = NO_CONTEXT): string {
  const root: unknown = doc;
  return isRecord(root) ? renderBlocks(root.content, { ...ctx, lastHeading: 1 }, 1) : '';
}

function renderBlocks(nodes: unknown, ctx: Rendering, depth: number): string {
  if (!Array.isArray(nodes) || depth > MAX_RENDER_DEPTH) return '';
  let html = '';
  for (let i = 0; i < nodes.length; i++) html += renderBlock(nodes[i], ctx, depth);
  return html;
}

function renderBlock(node: unknown, ctx: Rendering, depth: number): string {
  if (!isRecord(node)) return '';
  switch (node.type) {
    case 'paragraph': {
      const inner = renderInline(node.content);
      // Editors leave empty paragraphs as spacing; the page's CSS spaces blocks.
      return inner === '' ? '' : '<p>' + inner + '</p>';
    }
    case 'heading': {
      const inner = renderInline(node.content);
      if (inner === '') return '';
      // A level is never skipped (h1 → h3 fails validators and screen-reader outlines): a heading
      // goes at most one level below the one before it, whatever the writer picked.
      const level = Math.min(headingLevel(node.attrs), ctx.lastHeading + 1);
      ctx.lastHeading = level;
      return '<h' + level + '>' + inner + '</h' + level + '>';
    }
    case 'blockquote':
      return renderQuote(node.content, node.attrs, ctx, depth);
    case 'bulletList':
      return renderList('<ul>', '</ul>', node.content, ctx, depth);
    case 'orderedList':
      return renderList(orderedListOpen(node.attrs), '</ol>', node.content, ctx, depth);
    case 'listItem':
      // Misplaced outside a list: keep what it says rather than emit a stray <li>.
      return renderBlocks(node.content, ctx, depth + 1);
    case 'horizontalRule':
      return '<hr>';
    case 'socialPost':
      return renderSocialPost(node.attrs);
    case 'image':
      return renderImage(node.attrs, ctx);
    default:
      return '';
  }
}

/** The writer's level, within the h2–h4 the body may use. */
function headingLevel(attrs: unknown): number {
  const level = isRecord(attrs) ? attrs.level : undefined;
  if (typeof level !== 'number' || !(level > 2)) return 2;
  return level >= 4 ? 4 : 3;
}

function orderedListOpen(attrs: unknown): string {
  const start = isRecord(attrs) ? attrs.start : undefined;
  return typeof start === 'number' && Number.isSafeInteger(start) && start !== 1 ? '<ol start="' + start + '">' : '<ol>';
}

function renderList(open: string, close: string, items: unknown, ctx: Rendering, depth: number): string {
  if (!Array.isArray(items) || depth > MAX_RENDER_DEPTH) return '';
  let inner = '';
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    if (isRecord(item) && item.type === 'listItem') {
      inner += '<li>' + renderBlocks(item.content, ctx, depth + 2) + '</li>';
    } else {
      // A block where an item belongs: give it an item of its own.
      const block = renderBlock(item, ctx, depth + 1);
      if (block !== '') inner += '<li>' + block + '</li>';
    }
  }
  return inner === '' ? '' : open + inner + close;
}

function renderQuote(content: unknown, attrs: unknown, ctx: Rendering, depth: number): string {
  const inner = renderBlocks(content, ctx, depth + 1);
  if (inner === '') return '';
  // Attributions typed with their own dash must not come out as "— — Name".
  const attribution = isRecord(attrs) ? textAttr(attrs.attribution).replace(/^[—–-]+\s*/, '') : '';
  const caption = attribution === '' ? '' : '<figcaption>— ' + escapeHtml(attribution) + '</figcaption>';
  return '<figure class="quote"><blockquote>' + inner + '</blockquote>' + caption + '</figure>';
}

/**
 * Renders text and hard breaks. Marks stay open across neighbouring text
 * nodes that share them, so a link over "a **bold** word" is one <a>.
 */
function renderInline(content: unknown): string {
  if (!Array.isArray(content)) return '';
  let html = '';
  const open: OpenMark[] = [];
  for (let i = 0; i < content.length; i++) {
    const node: unknown = content[i];
    if (!isRecord(node)) continue;
    if (node.type === 'hardBreak') {
      html += '<br>';
      continue;
    }
    if (node.type !== 'text' || typeof node.text !== 'string' || node.text === '') continue;
    const marks = resolveMarks(node.marks);
    let keep = 0;
    while (keep < open.length && keep < marks.length && open[keep]!.key === marks[keep]!.key) keep++;
    for (let j = open.length - 1; j >= keep; j--) html += open[j]!.close;
    if (keep < open.length) open.length = keep;
    for (let j = keep; j < marks.length; j++) {
      html += marks[j]!.open;
      open.push(marks[j]!);
    }
    html += escapeHtml(node.text);
  }
  for (let j = open.length - 1; j >= 0; j--) html += open[j]!.close;
  return html;
}

/** The renderable marks of a text node: known types, first of each type, safe links only. */
function resolveMarks(marks: unknown): readonly OpenMark[] {
  if (!Array.isArray(marks) || marks.length === 0) return NO_MARKS;
  const out: OpenMark[] = [];
  for (let i = 0; i < marks.length; i++) {
    const mark = openMark(marks[i]);
    if (mark === null) continue;
    let duplicate = false;
    for (let j = 0; j < out.length; j++) {
      if (out[j]!.close === mark.close) duplicate = true;
    }
    if (!duplicate) out.push(mark);
  }
  return out;
}

function openMark(mark: unknown): OpenMark | null {
  if (!isRecord(mark)) return null;
  switch (mark.type) {
    case 'bold':
      return BOLD;
    case 'italic':
      return ITALIC;
    case 'underline':
      return UNDERLINE;
    case 'strike':
      return STRIKE;
    case 'code':
      return CODE;
    case 'subscript':
      return SUBSCRIPT;
    case 'superscript':
      return SUPERSCRIPT;
    case 'link':
      return linkMark(mark.attrs);
    default:
      return null;
  }
}

function linkMark(attrs: unknown): OpenMark | null {
  const href = isRecord(attrs) ? safeHref(attrs.href) : null;
  if (href === null) return null;
  // Off-site links must not learn which article sent the reader, nor reach back into it.
  const rel = isWebUrl(href) ? ' rel="noopener noreferrer"' : '';
  return { key: 'link ' + href, open: '<a href="' + escapeHtml(href) + '"' + rel + '>', close: '</a>' };
}
