/**
 * Demo stories are placed relative to "now" (publishedHoursAgo), but quoted
 * social posts need absolute timestamps. They are written against a fixed
 * reference moment; `rebaseDemoBody` shifts them to the seeding moment so a
 * post never appears to be written after the story that quotes it.
 */
import type { BlockNode, DocNode } from '../doc/types.js';

/** The "now" the demo social-post timestamps were written against. */
export const DEMO_REFERENCE_TIME = '2025-06-20T12:00:00.000Z';

const HOUR_MS = 3_600_000;
const REFERENCE_MS = Date.parse(DEMO_REFERENCE_TIME);

/** ISO timestamp `hours` before the reference moment. */
export function demoHoursAgo(hours: number): string {
  return new Date(REFERENCE_MS - hours * HOUR_MS).toISOString();
}

function shiftBlock(block: BlockNode, offsetMs: number): BlockNode {
  if (block.type === 'socialPost' && block.attrs.postedAt) {
    const postedAt = new Date(Date.parse(block.attrs.postedAt) + offsetMs).toISOString();
    return { ...block, attrs: { ...block.attrs, postedAt } };
  }
  if (block.type === 'blockquote') {
    return { ...block, content: block.content.map((b) => shiftBlock(b, offsetMs)) };
  }
  return block;
}

/**
 * A copy of a demo body whose social-post timestamps keep their distance from
 * publication when the demo is seeded at `now` instead of the reference time.
 */
export function rebaseDemoBody(body: DocNode, now: Date): DocNode {
  const offsetMs = now.getTime() - REFERENCE_MS;
  return { ...body, content: body.content.map((b) => shiftBlock(b, offsetMs)) };
}
