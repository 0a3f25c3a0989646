import type { Clock } from '../shared/clock.js';
import { GhostError } from './ghost-errors.js';

export type KeyScope = 'content-read' | 'admin';

export interface KeyCheckDeps {
  /** The scope of an active key, or null for an unknown, revoked or disabled one (a database read). */
  lookup: (key: string) => Promise<KeyScope | null>;
  clock: Clock;
  /** The content generation as last read: revoking a key bumps it, so a revoked key stops at once. */
  generation: () => number;
  /** How long an answer is believed without asking again (a disabled owner takes effect within it). */
  ttlMs?: number;
  maxEntries?: number;
}

const MAX_KEY_LENGTH = 200;

/**
 * Checks the `key` query parameter. Every Content API request carries one, so answers are
 * remembered per key for a few seconds and per content generation: a hit costs a map lookup,
 * not a database read. Only content-read keys are accepted: an admin key in a URL would end
 * up in access logs, proxies and browser history.
 */
export function createKeyCheck({ lookup, clock, generation, ttlMs = 10_000, maxEntries = 1000 }: KeyCheckDeps) {
  const known = new Map<string, { scope: KeyScope | null; at: number; generation: number }>();

  async function scopeOf(key: string): Promise<KeyScope | null> {
    const now = clock.now().getTime();
    const hit = known.get(key);
    if (hit && hit.generation === generation() && now - hit.at < ttlMs) return hit.scope;
    const scope = await lookup(key);
    // A flood of made-up keys only ever fills the map to its bound, then starts it afresh.
    if (known.size >= maxEntries) known.clear();
    known.set(key, { scope, at: now, generation: generation() });
    return scope;
  }

  return async function checkKey(key: unknown): Promise<void> {
    if (typeof key !== 'string' || key === '') {
      throw new GhostError('UnauthorizedError', 'Authorization failed', {
        context: typeof key === 'string' || key === undefined ? 'Send a Content API key as the key query parameter (Admin → API keys, scope content-read).' : 'Send one key parameter.',
        property: 'key',
        code: 'NO_API_KEY',
      });
    }
    const scope = key.length > MAX_KEY_LENGTH ? null : await scopeOf(key);
    if (scope === null) throw new GhostError('UnauthorizedError', 'Unknown Content API Key', { context: 'No active key matches; it may have been revoked.', property: 'key', code: 'UNKNOWN_CONTENT_API_KEY' });
    if (scope !== 'content-read') {
      throw new GhostError('UnauthorizedError', 'Incorrect API Key type', {
        context: 'Admin keys never go in a URL, where logs and browsers keep them: use a content-read key here, and send admin keys only as Authorization: Bearer to /api/admin/.',
        property: 'key',
        code: 'INCORRECT_API_KEY_TYPE',
      });
    }
  };
}

export type KeyCheck = ReturnType<typeof createKeyCheck>;
