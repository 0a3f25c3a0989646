/**
 * The article body document: a ProseMirror/TipTap-shaped JSON tree. Stored as
 * JSON, rendered to HTML on the server through an allow-list (render-html.ts),
 * and produced from foreign HTML by one converter (html-to-doc.ts).
 *
 * Node and mark names follow TipTap's so the editor app (a later issue) can load
 * and save documents without translation.
 */

export type Mark =
  | { type: 'bold' }
  | { type: 'italic' }
  | { type: 'underline' }
  | { type: 'strike' }
  | { type: 'code' }
  | { type: 'subscript' }
  | { type: 'superscript' }
  | { type: 'link'; attrs: { href: string } };

export interface TextNode {
  type: 'text';
  text: string;
  marks?: Mark[];
}

export interface HardBreakNode {
  type: 'hardBreak';
}

export type InlineNode = TextNode | HardBreakNode;

export interface ParagraphNode {
  type: 'paragraph';
  content?: InlineNode[];
}

export interface HeadingNode {
  type: 'heading';
  /** h1 is reserved for the headline; body headings are h2–h4. */
  attrs: { level: 2 | 3 | 4 };
  content?: InlineNode[];
}

/** A quotation, optionally attributed ("— Minister of Health"). */
export interface BlockquoteNode {
  type: 'blockquote';
  attrs?: { attribution?: string | null };
  content: BlockNode[];
}

export type SocialNetwork = 'x' | 'facebook' | 'instagram' | 'threads' | 'bluesky' | 'mastodon' | 'youtube' | 'linkedin' | 'other';

/**
 * A quoted social-media post, stored as text and rendered statically: no
 * third-party embed script ever loads on our pages.
 */
export interface SocialPostNode {
  type: 'socialPost';
  attrs: {
    network: SocialNetwork;
    author: string;
    handle?: string | null;
    url?: string | null;
    text: string;
    /** ISO-8601 timestamp of the original post. */
    postedAt?: string | null;
  };
}

/**
 * An inline picture. `mediaId` points into the media library; `src` is only
 * set by imports until the importer has fetched the file into the library.
 * Pictures without a resolvable `mediaId` are not rendered.
 */
export interface ImageNode {
  type: 'image';
  attrs: {
    mediaId?: string | null;
    src?: string | null;
    alt?: string | null;
    caption?: string | null;
    credit?: string | null;
  };
}

export interface ListItemNode {
  type: 'listItem';
  content: BlockNode[];
}

export interface BulletListNode {
  type: 'bulletList';
  content: ListItemNode[];
}

export interface OrderedListNode {
  type: 'orderedList';
  attrs?: { start?: number };
  content: ListItemNode[];
}

export interface HorizontalRuleNode {
  type: 'horizontalRule';
}

export type BlockNode =
  | ParagraphNode
  | HeadingNode
  | BlockquoteNode
  | SocialPostNode
  | ImageNode
  | BulletListNode
  | OrderedListNode
  | HorizontalRuleNode;

export interface DocNode {
  type: 'doc';
  content: BlockNode[];
}

/** What the renderer needs to draw an inline picture from the media library. */
export interface ResolvedImage {
  src: string;
  srcset?: string;
  /** `<source>` entries for modern formats, best first. */
  sources?: { type: string; srcset: string }[];
  sizes?: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
}

export interface RenderContext {
  /** Looks up a media item for an inline picture; null means "do not render it". */
  resolveImage?: (mediaId: string) => ResolvedImage | null;
}
