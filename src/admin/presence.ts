/**
 * Who has which story open in the editor. Heartbeats every 15 s; an entry older
 * than `ttlMs` is gone. This one is in memory, for a single node; with REDIS_URL
 * the Redis version in redis-stores.ts is shared by every node.
 */
export interface Presence {
  /** Records a heartbeat and returns the *other* editors of the story. */
  beat(articleId: string, user: { id: string; name: string }): Promise<{ userId: string; name: string; since: string }[]>;
  leave(articleId: string, userId: string): Promise<void>;
}

export function createPresence(options: { ttlMs: number; now?: () => number }): Presence {
  const now = options.now ?? Date.now;
  const byArticle = new Map<string, Map<string, { name: string; since: string; seenAt: number }>>();

  function live(articleId: string) {
    const editors = byArticle.get(articleId);
    if (!editors) return undefined;
    for (const [userId, entry] of editors) if (now() - entry.seenAt > options.ttlMs) editors.delete(userId);
    if (editors.size === 0) byArticle.delete(articleId);
    return editors;
  }

  return {
    async beat(articleId, user) {
      const editors = live(articleId) ?? new Map();
      const existing = editors.get(user.id);
      editors.set(user.id, { name: user.name, since: existing?.since ?? new Date(now()).toISOString(), seenAt: now() });
      byArticle.set(articleId, editors);
      return [...editors].filter(([id]) => id !== user.id).map(([userId, e]) => ({ userId, name: e.name, since: e.since }));
    },
    async leave(articleId, userId) {
      live(articleId)?.delete(userId);
    },
  };
}

