/**
 * Near-duplicate detection for rewrites of one story by different sources, by MinHash over
 * word 1-shingles (the set of content words of headline and text).
 *
 * Why words and not word pairs: two agencies writing up one event share its names, numbers
 * and key terms, but rarely whole phrases, so pairs of words (and a simhash over them) only
 * caught light edits. Measured on the rewrite pairs in near-duplicates.test.ts: rewrites of
 * one event have a word-set Jaccard of about 0.3–0.6, different stories about the same
 * people or subject 0.05–0.2. A press release and the short story written from it differ in
 * length, so containment (the share of the smaller set found in the larger) counts too.
 *
 * Candidates are found by LSH with one hash per band: any of the first `BANDS` minhash values
 * equal (an indexed equality each). For Jaccard 0.3 that finds the pair with probability
 * 1 − 0.7⁸ ≈ 0.94. Each candidate is then checked with all `SIGNATURE_SIZE` values.
 */
export const SIGNATURE_SIZE = 128;
export const BANDS = 8;
/** Estimated Jaccard at or above which two items are one story. */
export const SAME_STORY_JACCARD = 0.28;
/** Share of the smaller item's words found in the larger (a release and a story cut from it). */
export const SAME_STORY_CONTAINMENT = 0.6;
/** Containment is trusted only when the smaller item has this many distinct content words. */
const MIN_WORDS_FOR_CONTAINMENT = 25;
/** Only the opening of a long text decides: the lead carries the story, long tails add noise and time. */
const MAX_WORDS = 600;

export interface Signature {
  /** SIGNATURE_SIZE minhash values, as signed 32-bit integers (they fit an `integer` column on both databases). */
  values: Int32Array;
  /** Distinct content words hashed (for containment). */
  words: number;
}

// Words that say nothing about which story it is: function words and wire boilerplate.
const STOPWORDS = new Set(
  (
    'the a an and or but of to in on at by for with from as is was were are be been being has have had ' +
    'it its this that these those he she they them his her their we our you your i not no said says say ' +
    'will would could should may might can also after before over under into than then there here about ' +
    'which who whom whose what when where while who more most other some such only own same so too very ' +
    'just up down out off again further once all any both each few per new one two three year years ' +
    'monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week month ' +
    'told added according official officials statement reporters news agency update updated reuters pti ani ians afp ap'
  ).split(' '),
);

/** The distinct content words of a text: case and accents folded, short and function words dropped, plural -s cut. */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  let taken = 0;
  for (const raw of text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOPWORDS.has(raw)) continue;
    const word = raw.length > 4 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw;
    words.add(word);
    if (++taken >= MAX_WORDS) break;
  }
  return words;
}

// One multiply-xor hash family: value i of the signature is min over words of mix(h(word) ^ SEEDS[i]).
const SEEDS = Int32Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix(Math.imul(i + 1, 0x9e3779b9)));

export function signature(text: string): Signature {
  const words = contentWords(text);
  const values = new Int32Array(SIGNATURE_SIZE).fill(0x7fffffff);
  for (const word of words) {
    const base = fnv1a(word);
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = mix(base ^ SEEDS[i]!) | 0;
      if (h < values[i]!) values[i] = h;
    }
  }
  return { values, words: words.size };
}

/** The band values used to find candidates (the first BANDS minhash values). */
export function bands(sig: Signature): number[] {
  return Array.from(sig.values.subarray(0, BANDS));
}

/** Estimated Jaccard similarity: the share of positions whose minimum agrees. */
export function estimatedJaccard(a: Signature, b: Signature): number {
  if (!a.words || !b.words) return 0;
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a.values[i] === b.values[i]) same++;
  return same / SIGNATURE_SIZE;
}

/** Two signatures are one story when their word sets overlap enough, or the smaller sits inside the larger. */
export function sameStory(a: Signature, b: Signature): { same: boolean; score: number } {
  const jaccard = estimatedJaccard(a, b);
  if (jaccard >= SAME_STORY_JACCARD) return { same: true, score: jaccard };
  const smaller = Math.min(a.words, b.words);
  if (smaller < MIN_WORDS_FOR_CONTAINMENT) return { same: false, score: jaccard };
  // |A∩B| = J·|A∪B| and |A∪B| = (|A|+|B|)/(1+J).
  const containment = (jaccard * (a.words + b.words)) / (1 + jaccard) / smaller;
  return { same: containment >= SAME_STORY_CONTAINMENT, score: jaccard };
}

/** Stored form: the words count, then the values as 8 hex digits each. */
export function encodeSignature(sig: Signature): string {
  let out = `${sig.words}:`;
  for (const v of sig.values) out += (v >>> 0).toString(16).padStart(8, '0');
  return out;
}

export function decodeSignature(text: string): Signature | null {
  const match = /^(\d+):([0-9a-f]+)$/.exec(text);
  if (!match || match[2]!.length !== SIGNATURE_SIZE * 8) return null;
  const hex = match[2]!;
  const values = new Int32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) values[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16) | 0;
  return { values, words: Number(match[1]) };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix(hash);
}

/** MurmurHash3's finaliser: every input bit moves about half the output bits. */
function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
