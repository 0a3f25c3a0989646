/**
 * The body document: its types, the schema that guards saves, the HTML
 * renderer, the HTML importer and plain-text helpers. Other folders import
 * from here only.
 */
export type {
  BlockNode,
  BlockquoteNode,
  BulletListNode,
  DocNode,
  HardBreakNode,
  HeadingNode,
  HorizontalRuleNode,
  ImageNode,
  InlineNode,
  ListItemNode,
  Mark,
  OrderedListNode,
  ParagraphNode,
  RenderContext,
  ResolvedImage,
  SocialNetwork,
  SocialPostNode,
  TextNode,
} from './types.js';
export { DOC_LIMITS } from './doc-limits.js';
export { docSchema, parseDocument } from './doc-schema.js';
export type { ParseDocumentResult } from './doc-schema.js';
export { docFromParagraphs, documentText, excerpt, readingMinutes, wordCount } from './doc-text.js';
export { documentMediaIds } from './doc-media.js';
export { MAX_IMPORT_HTML_BYTES, htmlToDocument } from './html-to-doc.js';
export type { HtmlToDocumentOptions } from './html-to-doc.js';
export { renderDocument } from './render-html.js';
export { safeHref, safeWebUrl } from './safe-url.js';
export { storedDocJson } from './stored-json.js';
