import type { DocNode } from './types.js';

/**
 * Every media id an inline picture in the body points at, in document order: what a page
 * or an API answer must look up before the body can be rendered. Stored documents are read
 * defensively, like the renderer does: malformed nodes are skipped.
 */
export function documentMediaIds(doc: DocNode): string[] {
  const ids: string[] = [];
  const walk = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes) {
      if (!node || typeof node !== 'object') continue;
      const n = node as { type?: unknown; attrs?: { mediaId?: unknown }; content?: unknown };
      if (n.type === 'image' && typeof n.attrs?.mediaId === 'string') ids.push(n.attrs.mediaId);
      walk(n.content);
    }
  };
  walk(doc?.content);
  return ids;
}
