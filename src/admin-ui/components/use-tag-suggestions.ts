import { useApi } from '../api/api-context.js';
import type { Tag } from '../api/types.js';
import { useDebounced, useLoad } from '../lib/use-load.js';

/** Existing tags whose name matches what is being typed, for a <datalist>. */
export function useTagSuggestions(text: string): Tag[] {
  const api = useApi();
  const q = useDebounced(text.trim(), 200);
  const result = useLoad(async () => (q ? (await api.tags.list({ q, pageSize: 20 })).items : []), [q]);
  return result.data ?? [];
}
