/**
 * Who has which story open in the editor. Heartbeats every 15 s; an entry older
 * than `ttlMs` is gone. In memory: one node sees its own editors (a shared store
 * comes with REDIS_URL).
 */
export function createPresence(options: { ttlMs: number; now?: () => number }) {
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
    /** Records a heartbeat and returns the *other* editors of the story. */
    beat(articleId: string, user: { id: string; name: string }): { userId: string; name: string; since: string }[] {
      const editors = live(articleId) ?? new Map();
      const existing = editors.get(user.id);
      editors.set(user.id, { name: user.name, since: existing?.since ?? new Date(now()).toISOString(), seenAt: now() });
      byArticle.set(articleId, editors);
      return [...editors].filter(([id]) => id !== user.id).map(([userId, e]) => ({ userId, name: e.name, since: e.since }));
    },
    leave(articleId: string, userId: string): void {
      live(articleId)?.delete(userId);
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
