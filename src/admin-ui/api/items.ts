/**
 * Sections, users, API keys and revisions come back as bare arrays, other lists
 * as { items, total, page, pageSize }; the typed API functions return arrays either way.
 */
export function itemsOf<T>(result: T[] | { items: T[] }): T[] {
  return Array.isArray(result) ? result : result.items;
}
