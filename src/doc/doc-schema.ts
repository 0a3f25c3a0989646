/**
 * The body document schema: what may be saved. Node and mark names are a
 * closed set; unknown keys are stripped, so only what the renderer knows is
 * stored. Size limits are checked before the schema walks the tree, so a
 * hostile, absurdly deep document is refused without deep recursion.
 *
 * @example
 *   const parsed = parseDocument(request.body.body);
 *   if (!parsed.ok) return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', ...parsed } });
 */
import { z } from 'zod';
import { DOC_LIMITS } from './doc-limits.js';
import { isRecord } from './node-guards.js';
import { safeHref, safeWebUrl } from './safe-url.js';
import type { BlockNode, DocNode, InlineNode, ListItemNode } from './types.js';

const SHORT_TEXT = DOC_LIMITS.maxAttrLength;
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const urlString = z.string().max(DOC_LIMITS.maxUrlLength);
const optionalText = (max: number) => z.string().max(max).nullable().optional();
/** Absent, null or empty means "no URL"; anything else must be a safe web URL. */
const optionalWebUrl = urlString
  .nullable()
  .optional()
  .refine((url) => url == null || url === '' || safeWebUrl(url) !== null, 'Only http and https URLs are allowed here');

const markSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('bold') }),
    z.object({ type: z.literal('italic') }),
    z.object({ type: z.literal('underline') }),
    z.object({ type: z.literal('strike') }),
    z.object({ type: z.literal('code') }),
    z.object({ type: z.literal('subscript') }),
    z.object({ type: z.literal('superscript') }),
    z.object({
      type: z.literal('link'),
      attrs: z.object({
        href: urlString.refine((href) => safeHref(href) !== null, 'Links may only use http, https, mailto or tel, or start with / or #'),
      }),
    }),
  ],
  { error: 'Unknown mark type' },
);

const inlineSchema: z.ZodType<InlineNode> = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('text'),
      // ProseMirror refuses empty text nodes, so the editor could not load them.
      text: z.string().min(1, 'Text nodes must not be empty').max(DOC_LIMITS.maxTextLength),
      marks: z.array(markSchema).optional(),
    }),
    z.object({ type: z.literal('hardBreak') }),
  ],
  { error: 'Unknown inline node type' },
);

const inlineContent = z.array(inlineSchema).optional();
const blocks = z.array(z.lazy(() => blockSchema));
const listItemSchema: z.ZodType<ListItemNode> = z.object({ type: z.literal('listItem'), content: blocks });
const listItems = z.array(listItemSchema);

const blockSchema: z.ZodType<BlockNode> = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('paragraph'), content: inlineContent }),
    z.object({
      type: z.literal('heading'),
      attrs: z.object({ level: z.union([z.literal(2), z.literal(3), z.literal(4)], { error: 'Heading level must be 2, 3 or 4' }) }),
      content: inlineContent,
    }),
    z.object({
      type: z.literal('blockquote'),
      attrs: z.object({ attribution: optionalText(SHORT_TEXT) }).optional(),
      content: blocks,
    }),
    z.object({
      type: z.literal('socialPost'),
      attrs: z.object({
        network: z.enum(['x', 'facebook', 'instagram', 'threads', 'bluesky', 'mastodon', 'youtube', 'linkedin', 'other']),
        author: z.string().max(SHORT_TEXT),
        handle: optionalText(SHORT_TEXT),
        url: optionalWebUrl,
        text: z.string().max(DOC_LIMITS.maxTextLength),
        postedAt: z
          .string()
          .regex(ISO_DATE_RE, 'Expected an ISO-8601 date')
          .refine((value) => !Number.isNaN(Date.parse(value)), 'Expected a real date')
          .nullable()
          .optional(),
      }),
    }),
    z.object({
      type: z.literal('image'),
      attrs: z.object({
        mediaId: optionalText(200),
        src: optionalWebUrl,
        alt: optionalText(SHORT_TEXT),
        caption: optionalText(DOC_LIMITS.maxCaptionLength),
        credit: optionalText(SHORT_TEXT),
      }),
    }),
    z.object({ type: z.literal('bulletList'), content: listItems }),
    z.object({
      type: z.literal('orderedList'),
      attrs: z.object({ start: z.number().int().min(0).max(1_000_000).optional() }).optional(),
      content: listItems,
    }),
    z.object({ type: z.literal('horizontalRule') }),
  ],
  { error: 'Unknown block node type' },
);

type Path = (string | number)[];
type Issue = { path: Path; message: string };

/**
 * Finds the first node deeper than `maxDepth` or past the `maxNodes`th. Only
 * walks `content` arrays and stops descending at the depth limit, so its own
 * recursion is bounded whatever the input.
 */
function findLimitIssue(root: unknown): Issue | null {
  let count = 0;
  const visit = (node: unknown, path: Path, depth: number): Issue | null => {
    if (!isRecord(node) || !Array.isArray(node.content)) return null;
    for (let i = 0; i < node.content.length; i++) {
      const childPath = [...path, 'content', i];
      if (depth + 1 > DOC_LIMITS.maxDepth) {
        return { path: childPath, message: `Document is nested more than ${DOC_LIMITS.maxDepth} levels deep` };
      }
      if (++count > DOC_LIMITS.maxNodes) {
        return { path: childPath, message: `Document has more than ${DOC_LIMITS.maxNodes} nodes` };
      }
      const issue = visit(node.content[i], childPath, depth + 1);
      if (issue) return issue;
    }
    return null;
  };
  return visit(root, [], 0);
}

const docNodeSchema = z.object({ type: z.literal('doc'), content: z.array(blockSchema) });

/** Validates a body document; usable inside larger request schemas. */
export const docSchema: z.ZodType<DocNode> = z
  .unknown()
  .superRefine((value, ctx) => {
    const issue = findLimitIssue(value);
    if (issue) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .pipe(docNodeSchema);

export type ParseDocumentResult =
  | { ok: true; value: DocNode }
  | { ok: false; reason: 'invalid_document'; field: string; message: string };

/**
 * Validates untrusted input as a body document. On failure, `field` is the
 * JSON path of the first problem, e.g. `content[3].content[0].marks[0].attrs.href`
 * (empty for the document itself).
 */
export function parseDocument(input: unknown): ParseDocumentResult {
  const result = docSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  return {
    ok: false,
    reason: 'invalid_document',
    field: issue ? formatPath(issue.path) : '',
    message: issue?.message ?? 'Invalid document',
  };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += (out === '' ? '' : '.') + String(key);
  }
  return out;
}
