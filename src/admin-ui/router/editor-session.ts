/**
 * A new story gets its id on first save, and the address changes from
 * /admin/stories/new to /admin/stories/:id. The route keeps the same React key
 * for that id so the editor is not remounted mid-sentence; each "New story"
 * starts a fresh key so the next story starts empty.
 */
import { navigate } from './router.js';

let generation = 0;
const createdKeys = new Map<string, string>();

export function startNewStory() {
  generation++;
  navigate('/admin/stories/new');
}

export function rememberCreated(id: string) {
  createdKeys.set(id, `new-${generation}`);
}

export function editorKey(id: string | null): string {
  return id === null ? `new-${generation}` : (createdKeys.get(id) ?? id);
}
