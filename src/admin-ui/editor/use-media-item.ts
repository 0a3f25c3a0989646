import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import type { Media } from '../api/types.js';

/**
 * One media item by id (GET /api/admin/media/:id), shared between every
 * picture in a story that shows it. Retries while the server is still making
 * the picture's sizes (url is null until then).
 */
const cache = new Map<string, Promise<Media>>();
/** Every mounted view of an item, told when it is edited (the hero panel and the publish checks show the same picture). */
const watchers = new Map<string, Set<(media: Media) => void>>();

export function useMediaItem(mediaId: string | null | undefined): { media: Media | null; failed: boolean } {
  const api = useApi();
  const [media, setMedia] = useState<Media | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!mediaId) return;
    let alive = true;
    let timer: number | undefined;
    const load = (attempt: number) => {
      let pending = cache.get(mediaId);
      if (!pending) {
        pending = api.media.get(mediaId);
        cache.set(mediaId, pending);
      }
      pending.then(
        (item) => {
          if (!alive) return;
          setMedia(item);
          if (!item.url && attempt < 10) {
            cache.delete(mediaId);
            timer = window.setTimeout(() => load(attempt + 1), 3000);
          }
        },
        () => {
          cache.delete(mediaId);
          if (alive) setFailed(true);
        },
      );
    };
    load(0);
    const watch = (item: Media) => alive && setMedia(item);
    const set = watchers.get(mediaId) ?? new Set();
    set.add(watch);
    watchers.set(mediaId, set);
    return () => {
      alive = false;
      window.clearTimeout(timer);
      set.delete(watch);
    };
  }, [api, mediaId]);

  return { media: mediaId ? media : null, failed };
}

/** Forget a cached item after it was edited, so the next view shows the new details. */
export function forgetMediaItem(mediaId: string) {
  cache.delete(mediaId);
}

/** An item was edited: every view of it shows the new details at once. */
export function mediaItemChanged(media: Media) {
  cache.set(media.id, Promise.resolve(media));
  for (const watch of watchers.get(media.id) ?? []) watch(media);
}
