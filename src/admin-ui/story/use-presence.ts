import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import type { PresenceEditor } from '../api/types.js';

export const PRESENCE_INTERVAL_MS = 15_000;

/**
 * Tells the server this story is open here (a heartbeat every 15 s) and
 * returns the other people who have it open. Leaving says goodbye.
 */
export function usePresence(articleId: string | null): PresenceEditor[] {
  const api = useApi();
  const [editors, setEditors] = useState<PresenceEditor[]>([]);

  useEffect(() => {
    if (!articleId) return;
    let alive = true;
    const beat = () =>
      api.articles.heartbeat(articleId).then(
        (result) => alive && setEditors(result.editors ?? []),
        () => {
          // Presence is a courtesy: a missed beat must never disturb writing.
        },
      );
    void beat();
    const timer = window.setInterval(beat, PRESENCE_INTERVAL_MS);
    const leave = () => void api.articles.leave(articleId).catch(() => {});
    window.addEventListener('pagehide', leave);
    return () => {
      alive = false;
      window.clearInterval(timer);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [api, articleId]);

  return editors;
}
