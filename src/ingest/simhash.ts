/**
 * Near-duplicate detection for rewrites of one story by different sources: a 64-bit simhash
 * over word 2-shingles (pairs) of headline and text. Two items whose fingerprints differ in at
 * most `NEAR_DISTANCE` bits are the same story (two unrelated texts differ in about 32; the
 * chance that they land within 7 is about 1 in 10^10). The 64 bits are cut into eight 8-bit
 * bands: two fingerprints within 7 bits share at least one whole band (pigeonhole), so
 * candidates are found with an indexed equality on any band, then checked bit by bit.
 */
export const NEAR_DISTANCE = 7;
export const BANDS = 8;

export interface Fingerprint {
  /** 16 hex digits. */
  hash: string;
  /** Eight 8-bit bands, low bits first. */
  bands: number[];
}

const SHINGLE = 2;

export function fingerprint(text: string): Fingerprint {
  const words = text
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
  const counts = new Int32Array(64);
  const shingles = words.length < SHINGLE ? [words.join(' ')] : words.slice(0, words.length - SHINGLE + 1).map((_, i) => words.slice(i, i + SHINGLE).join(' '));
  for (const shingle of shingles) {
    const low = fnv1a(shingle);
    // The upper 32 bits: the same hash mixed again from another start, so the halves are independent.
    const high = mix(low ^ 0x9e3779b9);
    for (let bit = 0; bit < 32; bit++) {
      counts[bit]! += (low >>> bit) & 1 ? 1 : -1;
      counts[bit + 32]! += (high >>> bit) & 1 ? 1 : -1;
    }
  }
  const bands = new Array<number>(BANDS).fill(0);
  for (let bit = 0; bit < 64; bit++) if (counts[bit]! > 0) bands[bit >> 3]! |= 1 << (bit & 7);
  return { hash: bands.map((b) => b.toString(16).padStart(2, '0')).join(''), bands };
}

/** Bits that differ between two fingerprints' hex forms. */
export function hammingDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < 16; i += 4) {
    let x = parseInt(a.slice(i, i + 4), 16) ^ parseInt(b.slice(i, i + 4), 16);
    while (x) {
      x &= x - 1;
      distance++;
    }
  }
  return distance;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix(hash);
}

/** MurmurHash3's finaliser: every input bit moves about half the output bits (FNV alone leaves them biased). */
function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
