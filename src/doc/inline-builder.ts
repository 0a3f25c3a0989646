/**
 * Turns the text and line breaks the importer collects inside one block into
 * inline nodes, laying out whitespace as a browser would: runs collapse to one
 * space, spaces at line starts and ends vanish, `<pre>` text keeps its spaces
 * and turns newlines into hard breaks.
 */
import { DOC_LIMITS } from './doc-limits.js';
import type { InlineNode, Mark, TextNode } from './types.js';

export interface TextPiece {
  readonly text: string;
  readonly marks: readonly Mark[];
  readonly pre: boolean;
}

export const LINE_BREAK = 'break';
export type Piece = TextPiece | typeof LINE_BREAK;

// One fixed order (links outermost, like TipTap's schema) so equal mark sets
// compare equal and the renderer can keep a link open across styled words.
const MARK_ORDER: readonly Mark['type'][] = ['link', 'bold', 'italic', 'underline', 'strike', 'code', 'subscript', 'superscript'];
const COLLAPSIBLE_RE = /[\t\n\f\r ]+/g;

/**
 * Adds a mark to a mark set, keeping one mark per type. A nested mark of the
 * same type replaces the outer one: an inner link wins, as in a browser.
 */
export function withMark(marks: readonly Mark[], mark: Mark): readonly Mark[] {
  const next = marks.filter((m) => m.type !== mark.type);
  next.push(mark);
  return next.sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
}

/** Inline content for one block, or null when it has no visible text. */
export function buildInline(pieces: readonly Piece[]): InlineNode[] | null {
  const out: InlineNode[] = [];
  let atLineStart = true;
  for (const piece of pieces) {
    if (piece === LINE_BREAK) {
      trimTrailingSpace(out);
      out.push({ type: 'hardBreak' });
      atLineStart = true;
    } else if (piece.pre) {
      piece.text.replace(/\r\n?/g, '\n').split('\n').forEach((line, i) => {
        if (i > 0) out.push({ type: 'hardBreak' });
        append(out, line, piece.marks);
      });
      atLineStart = false;
    } else {
      let text = piece.text.replace(COLLAPSIBLE_RE, ' ');
      if (atLineStart && text.startsWith(' ')) text = text.slice(1);
      if (text === '') continue;
      append(out, text, piece.marks);
      atLineStart = text.endsWith(' ');
    }
  }
  trimTrailingSpace(out);
  while (out[0]?.type === 'hardBreak') out.shift();
  while (out.at(-1)?.type === 'hardBreak') out.pop();
  // \S also treats no-break spaces as blank: Word pastes "empty" paragraphs as &nbsp;.
  if (!out.some((node) => node.type === 'text' && /\S/.test(node.text))) return null;
  return splitLongText(out);
}

function append(out: InlineNode[], text: string, marks: readonly Mark[]): void {
  if (text === '') return;
  const last = out.at(-1);
  if (last?.type === 'text' && sameMarks(last.marks ?? [], marks)) {
    last.text += text;
    return;
  }
  out.push(marks.length === 0 ? { type: 'text', text } : { type: 'text', text, marks: [...marks] });
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.type !== y.type) return false;
    if (x.type === 'link' && y.type === 'link' && x.attrs.href !== y.attrs.href) return false;
  }
  return true;
}

function trimTrailingSpace(out: InlineNode[]): void {
  const last = out.at(-1);
  if (last?.type !== 'text' || !last.text.endsWith(' ')) return;
  last.text = last.text.slice(0, -1);
  if (last.text === '') out.pop();
}

/** Keeps every text node within the schema's length limit. */
function splitLongText(nodes: InlineNode[]): InlineNode[] {
  const max = DOC_LIMITS.maxTextLength;
  if (!nodes.some((node) => node.type === 'text' && node.text.length > max)) return nodes;
  const out: InlineNode[] = [];
  for (const node of nodes) {
    if (node.type !== 'text' || node.text.length <= max) {
      out.push(node);
      continue;
    }
    let start = 0;
    while (start < node.text.length) {
      let end = Math.min(start + max, node.text.length);
      const code = node.text.charCodeAt(end - 1);
      if (end < node.text.length && code >= 0xd800 && code <= 0xdbff) end--;
      const chunk: TextNode = { type: 'text', text: node.text.slice(start, end) };
      if (node.marks) chunk.marks = node.marks;
      out.push(chunk);
      start = end;
    }
  }
  return out;
}
