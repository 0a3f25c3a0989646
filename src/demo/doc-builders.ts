/**
 * Compact builders for body documents, so the demo stories read like prose
 * rather than JSON. Inline text accepts a tiny markup: **bold**, _italic_ and
 * [link text](https://…). Anything else is literal text.
 *
 * @example
 *   doc(p('The **council** voted _unanimously_.'), quote('We are ready.', 'Mayor'))
 */
import type {
  BlockNode,
  BlockquoteNode,
  BulletListNode,
  DocNode,
  HeadingNode,
  InlineNode,
  ListItemNode,
  Mark,
  OrderedListNode,
  ParagraphNode,
  SocialPostNode,
  TextNode,
} from '../doc/types.js';

// Underscores only count as italic at word edges, so snake_case stays literal.
const INLINE_RE = /\*\*(.+?)\*\*|(?<![\p{L}\p{N}])_(.+?)_(?![\p{L}\p{N}])|\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/gu;

function textNode(text: string, marks: Mark[] = []): TextNode {
  return marks.length ? { type: 'text', text, marks } : { type: 'text', text };
}

/** Parses the inline markup into text nodes with marks. */
export function inline(source: string): InlineNode[] {
  const out: InlineNode[] = [];
  let last = 0;
  for (const match of source.matchAll(INLINE_RE)) {
    const index = match.index ?? 0;
    if (index > last) out.push(textNode(source.slice(last, index)));
    const [, bold, italic, linkText, href] = match;
    if (bold !== undefined) out.push(textNode(bold, [{ type: 'bold' }]));
    else if (italic !== undefined) out.push(textNode(italic, [{ type: 'italic' }]));
    else if (linkText !== undefined && href !== undefined) {
      out.push(textNode(linkText, [{ type: 'link', attrs: { href } }]));
    }
    last = index + match[0].length;
  }
  if (last < source.length) out.push(textNode(source.slice(last)));
  return out;
}

export function doc(...content: BlockNode[]): DocNode {
  return { type: 'doc', content };
}

export function p(text: string): ParagraphNode {
  return { type: 'paragraph', content: inline(text) };
}

/** Several paragraphs at once, one per string. */
export function paras(...texts: string[]): ParagraphNode[] {
  return texts.map(p);
}

export function h2(text: string): HeadingNode {
  return { type: 'heading', attrs: { level: 2 }, content: inline(text) };
}

export function h3(text: string): HeadingNode {
  return { type: 'heading', attrs: { level: 3 }, content: inline(text) };
}

/** A quotation; pass an array for a quote of several paragraphs. */
export function quote(text: string | string[], attribution: string | null): BlockquoteNode {
  const texts = Array.isArray(text) ? text : [text];
  return { type: 'blockquote', attrs: { attribution }, content: texts.map(p) };
}

export function social(attrs: SocialPostNode['attrs']): SocialPostNode {
  return { type: 'socialPost', attrs };
}

function items(texts: string[]): ListItemNode[] {
  return texts.map((text) => ({ type: 'listItem', content: [p(text)] }));
}

export function ul(...texts: string[]): BulletListNode {
  return { type: 'bulletList', content: items(texts) };
}

export function ol(...texts: string[]): OrderedListNode {
  return { type: 'orderedList', content: items(texts) };
}
