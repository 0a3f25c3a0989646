/**
 * Size limits for a body document. The schema enforces them on save, and the
 * HTML importer shapes its output to stay inside them, so one place decides.
 */
export const DOC_LIMITS = {
  /** Characters in one text node. */
  maxTextLength: 100_000,
  /** Levels below the doc node: a top-level paragraph is at 1, its text at 2. */
  maxDepth: 20,
  /** Nodes in the whole tree, the doc node excluded. */
  maxNodes: 20_000,
  /** Characters in a URL (links, picture sources, social post links). */
  maxUrlLength: 4096,
  /** Characters in a short attribute: alt text, credit, attribution, author, handle. */
  maxAttrLength: 1_000,
  /** Characters in a picture caption. */
  maxCaptionLength: 10_000,
} as const;
