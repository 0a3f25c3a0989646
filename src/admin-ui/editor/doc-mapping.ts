/**
 * The bridge between TipTap's JSON and the body document the server accepts
 * (src/doc/doc-schema.ts). Saving goes through `toServerDoc`, which emits
 * exactly the allowed node and mark names and attributes, so a save is never
 * refused for something the editor added (TipTap's link target/rel/class,
 * empty trailing paragraphs, a heading level the site does not use). Loading
 * goes through `toEditorDoc`, which fills the gaps ProseMirror cannot hold.
 *
 * Pure functions, no DOM: the unit test runs them in Node against the
 * server's own schema.
 */
import { safeHref, safeWebUrl } from '../../doc/safe-url.js';
import type { BlockNode, DocNode, InlineNode, ListItemNode, Mark, SocialNetwork } from '../../doc/types.js';

/** TipTap's JSON, loosely typed: what `editor.getJSON()` returns. */
export interface EditorJson {
  type?: string;
  attrs?: Record<string, unknown>;
  content?: EditorJson[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

export const SOCIAL_NETWORKS: readonly SocialNetwork[] = ['x', 'facebook', 'instagram', 'threads', 'bluesky', 'mastodon', 'youtube', 'linkedin', 'other'];
const SIMPLE_MARKS = new Set(['bold', 'italic', 'underline', 'strike', 'code', 'subscript', 'superscript']);
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
/** A string attribute, or null when absent or blank. */
const optional = (value: unknown): string | null => {
  const text = str(value).trim();
  return text === '' ? null : text;
};

export function toServerDoc(json: EditorJson): DocNode {
  return { type: 'doc', content: blocks(json.content) };
}

function blocks(nodes: EditorJson[] | undefined): BlockNode[] {
  const out: BlockNode[] = [];
  for (const node of nodes ?? []) out.push(...block(node));
  // Empty paragraphs are editing leftovers (TipTap keeps one at the end); readers never need them.
  return out.filter((node) => !(node.type === 'paragraph' && !node.content?.length));
}

function block(node: EditorJson): BlockNode[] {
  switch (node.type) {
    case 'paragraph':
      return [withInline({ type: 'paragraph' }, node.content)];
    case 'heading': {
      const level = Math.min(4, Math.max(2, Number(node.attrs?.level) || 2)) as 2 | 3 | 4;
      const content = inline(node.content);
      return content.length ? [{ type: 'heading', attrs: { level }, content }] : [];
    }
    case 'blockquote': {
      const content = blocks(node.content);
      if (!content.length) return [];
      const attribution = optional(node.attrs?.attribution);
      return [attribution ? { type: 'blockquote', attrs: { attribution }, content } : { type: 'blockquote', content }];
    }
    case 'bulletList':
    case 'orderedList':
      return list(node);
    case 'socialPost':
      return [socialPost(node.attrs ?? {})];
    case 'image':
      return image(node.attrs ?? {});
    case 'horizontalRule':
      return [{ type: 'horizontalRule' }];
    default:
      // Anything else (nothing the editor can make today) keeps its text as paragraphs.
      return node.content ? blocks(node.content) : [];
  }
}

function withInline<T extends { type: 'paragraph' }>(node: T, content: EditorJson[] | undefined): T & { content?: InlineNode[] } {
  const inlineNodes = inline(content);
  return inlineNodes.length ? { ...node, content: inlineNodes } : node;
}

function list(node: EditorJson): BlockNode[] {
  const items: ListItemNode[] = [];
  for (const child of node.content ?? []) {
    if (child.type !== 'listItem') continue;
    const content = blocks(child.content);
    items.push({ type: 'listItem', content: content.length ? content : [{ type: 'paragraph' }] });
  }
  if (!items.length) return [];
  if (node.type === 'bulletList') return [{ type: 'bulletList', content: items }];
  const start = Number(node.attrs?.start);
  return [Number.isInteger(start) && start !== 1 && start >= 0 ? { type: 'orderedList', attrs: { start }, content: items } : { type: 'orderedList', content: items }];
}

function socialPost(attrs: Record<string, unknown>): BlockNode {
  const network = SOCIAL_NETWORKS.includes(attrs.network as SocialNetwork) ? (attrs.network as SocialNetwork) : 'other';
  const postedAt = optional(attrs.postedAt);
  return {
    type: 'socialPost',
    attrs: {
      network,
      author: str(attrs.author).trim(),
      handle: optional(attrs.handle),
      url: safeWebUrl(optional(attrs.url)),
      text: str(attrs.text),
      postedAt: postedAt && ISO_DATE_RE.test(postedAt) && !Number.isNaN(Date.parse(postedAt)) ? postedAt : null,
    },
  };
}

function image(attrs: Record<string, unknown>): BlockNode[] {
  const mediaId = optional(attrs.mediaId);
  const src = safeWebUrl(optional(attrs.src));
  if (!mediaId && !src) return [];
  return [
    {
      type: 'image',
      attrs: { mediaId, src, alt: optional(attrs.alt), caption: optional(attrs.caption), credit: optional(attrs.credit) },
    },
  ];
}

function inline(nodes: EditorJson[] | undefined): InlineNode[] {
  const out: InlineNode[] = [];
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') out.push({ type: 'hardBreak' });
    else if (node.type === 'text' && node.text) {
      const marks = (node.marks ?? []).flatMap(mark);
      out.push(marks.length ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text });
    }
  }
  return out;
}

function mark(m: { type: string; attrs?: Record<string, unknown> }): Mark[] {
  if (SIMPLE_MARKS.has(m.type)) return [{ type: m.type } as Mark];
  if (m.type === 'link') {
    const href = safeHref(m.attrs?.href);
    return href ? [{ type: 'link', attrs: { href } }] : [];
  }
  return [];
}

/**
 * A stored document made loadable: ProseMirror needs at least one block in the
 * document, a quote and a list item, which the server schema allows to be empty.
 */
export function toEditorDoc(doc: DocNode | null | undefined): EditorJson {
  const content = fill(doc?.content as EditorJson[] | undefined);
  return { type: 'doc', content };
}

function fill(nodes: EditorJson[] | undefined): EditorJson[] {
  const out = (nodes ?? []).map((node) => {
    if (node.type === 'blockquote' || node.type === 'listItem') return { ...node, content: fill(node.content) };
    if (node.type === 'bulletList' || node.type === 'orderedList') {
      const items = (node.content ?? []).map((item) => ({ ...item, content: fill(item.content) }));
      return { ...node, content: items.length ? items : [{ type: 'listItem', content: [{ type: 'paragraph' }] }] };
    }
    return node;
  });
  return out.length ? out : [{ type: 'paragraph' }];
}
