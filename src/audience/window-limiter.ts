import { randomBytes } from 'node:crypto';

/** Counters per window: 2^20 of them, 2 MB, however many addresses a flood comes from. */
const BUCKETS = 1 << 20;
const SATURATED = 0xffff;

/**
 * A fixed-window counter per key, in process, in fixed memory: each key is hashed (FNV-1a with a
 * random seed, so nobody can aim at another reader's counter) into one of a million counters.
 * Two addresses that share a counter are limited together, which matters only if one of them
 * floods. The increment comes before the check, and JavaScript runs one beacon at a time, so
 * concurrent beacons cannot slip past. Returns the seconds until the window ends when `key` is
 * over the limit, else 0.
 */
export function createWindowLimiter(limit: { max: number; windowMs: number }, now: () => number) {
  const counts = new Uint16Array(BUCKETS);
  const seed = randomBytes(4).readUInt32LE(0);
  let window = -1;

  function bucket(key: string): number {
    let hash = (0x811c9dc5 ^ seed) >>> 0;
    for (let i = 0; i < key.length; i++) {
      hash ^= key.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0) & (BUCKETS - 1);
  }

  return function reserve(key: string): number {
    const at = now();
    const current = Math.floor(at / limit.windowMs);
    if (current !== window) {
      counts.fill(0);
      window = current;
    }
    const i = bucket(key);
    const n = counts[i]! + 1;
    if (n <= SATURATED) counts[i] = n;
    return n > limit.max ? Math.max(1, Math.ceil(((current + 1) * limit.windowMs - at) / 1000)) : 0;
  };
}
