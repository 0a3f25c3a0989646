/**
 * Plain text out of a body document, for search, excerpts, reading time and
 * revision diffs. Like the renderer, it reads stored documents defensively:
 * a malformed node contributes nothing and nothing throws.
 */
import { DOC_LIMITS } from './doc-limits.js';
import { isRecord, textAttr } from './node-guards.js';
import type { DocNode, InlineNode, ParagraphNode } from './types.js';

const DEFAULT_WORDS_PER_MINUTE = 230;
// Chinese and Japanese are written without spaces; readers count each character as about a word.
const WORD_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}\p{M}]+(?:['’.\-][\p{L}\p{N}\p{M}]+)*/gu;
const TRAILING_PUNCTUATION_RE = /[\s,;:.!?—–-]+$/u;

/** The document's text, one block per paragraph, blocks separated by a blank line. */
export function documentText(doc: DocNode): string {
  const blocks: string[] = [];
  const root: unknown = doc;
  if (isRecord(root)) collectBlocks(root.content, blocks, 1);
  return blocks.join('\n\n');
}

export function wordCount(doc: DocNode): number {
  return documentText(doc).match(WORD_RE)?.length ?? 0;
}

/** Minutes to read at `wordsPerMinute`, rounded, and never less than one. */
export function readingMinutes(doc: DocNode, wordsPerMinute = DEFAULT_WORDS_PER_MINUTE): number {
  const pace = Number.isFinite(wordsPerMinute) && wordsPerMinute > 0 ? wordsPerMinute : DEFAULT_WORDS_PER_MINUTE;
  return Math.max(1, Math.round(wordCount(doc) / pace));
}

/**
 * The first paragraph's text in at most `maxChars` characters, cut at a word
 * boundary and ended with "…" when it had to be cut.
 *
 * @example
 *   excerpt(docFromParagraphs(['The council voted on Tuesday to close the pool.']), 30)
 *   // 'The council voted on Tuesday…'
 */
export function excerpt(doc: DocNode, maxChars = 200): string {
  const text = firstParagraphText(doc).replace(/\s+/gu, ' ').trim();
  const max = Number.isFinite(maxChars) ? Math.max(2, Math.floor(maxChars)) : 200;
  if (text.length <= max) return text;
  const room = max - 1; // one character for the ellipsis
  let cut = text.lastIndexOf(' ', room);
  if (cut <= 0) {
    // One enormous word: cut inside it, but never between the halves of a surrogate pair.
    cut = room;
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
  }
  return text.slice(0, cut).replace(TRAILING_PUNCTUATION_RE, '') + '…';
}

/** Builds a document of plain paragraphs; line breaks inside a string become hard breaks. */
export function docFromParagraphs(texts: readonly string[]): DocNode {
  const content: ParagraphNode[] = [];
  for (const text of texts) {
    if (typeof text !== 'string' || text.trim() === '') continue;
    const inline: InlineNode[] = [];
    text
      .trim()
      .split(/\r\n?|\n/)
      .forEach((line, i) => {
        if (i > 0) inline.push({ type: 'hardBreak' });
        if (line !== '') inline.push({ type: 'text', text: line });
      });
    content.push({ type: 'paragraph', content: inline });
  }
  return { type: 'doc', content };
}

function firstParagraphText(doc: DocNode): string {
  const root: unknown = doc;
  if (!isRecord(root) || !Array.isArray(root.content)) return '';
  for (const node of root.content as unknown[]) {
    if (!isRecord(node) || node.type !== 'paragraph') continue;
    const text = inlineText(node.content);
    if (text.trim() !== '') return text;
  }
  // No paragraph (a list-only or quote-only body): fall back to the first block of any kind.
  return documentText(doc).split('\n\n', 1)[0] ?? '';
}

function collectBlocks(nodes: unknown, out: string[], depth: number): void {
  if (!Array.isArray(nodes) || depth > DOC_LIMITS.maxDepth * 2) return;
  for (const node of nodes as unknown[]) {
    if (!isRecord(node)) continue;
    switch (node.type) {
      case 'paragraph':
      case 'heading':
        push(out, inlineText(node.content));
        break;
      case 'blockquote': {
        collectBlocks(node.content, out, depth + 1);
        const attribution = isRecord(node.attrs) ? textAttr(node.attrs.attribution).replace(/^[—–-]+\s*/, '') : '';
        if (attribution !== '') push(out, '— ' + attribution);
        break;
      }
      case 'bulletList':
      case 'orderedList':
      case 'listItem':
        collectBlocks(node.content, out, depth + 1);
        break;
      case 'socialPost':
        if (isRecord(node.attrs)) pushSocialPost(node.attrs, out);
        break;
      case 'image':
        if (isRecord(node.attrs)) push(out, textAttr(node.attrs.caption));
        break;
    }
  }
}

function pushSocialPost(attrs: Record<string, unknown>, out: string[]): void {
  push(out, typeof attrs.text === 'string' ? attrs.text : '');
  const author = textAttr(attrs.author);
  const handle = textAttr(attrs.handle).replace(/^@+/, '');
  const credit = [author, handle === '' ? '' : `(@${handle})`].filter((part) => part !== '').join(' ');
  if (credit !== '') push(out, '— ' + credit);
}

function inlineText(content: unknown): string {
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const node of content as unknown[]) {
    if (!isRecord(node)) continue;
    if (node.type === 'hardBreak') text += '\n';
    else if (node.type === 'text' && typeof node.text === 'string') text += node.text;
  }
  return text;
}

function push(out: string[], text: string): void {
  const trimmed = text.trim();
  if (trimmed !== '') out.push(trimmed);
}
