/**
 * Shortening text for headlines, descriptions and share cards. Lengths are counted in
 * UTF-16 code units (what `String.length` and most consumers count), but a cut only ever
 * falls between grapheme clusters — never between the halves of a surrogate pair, never
 * between a Devanagari consonant and its vowel sign — and, where the text has word
 * boundaries, between words. Intl.Segmenter finds both, so languages written without
 * spaces (Thai, Japanese) are cut between dictionary words too.
 */
const ELLIPSIS = '…';
/** Spaces and punctuation that should not dangle before an ellipsis. */
const TRAILING_RE = /[\s,;:.!?'"“‘(\[{—–-]+$/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const wordSegmenters = new Map<string, Intl.Segmenter>();
const sentenceSegmenters = new Map<string, Intl.Segmenter>();

function segmenter(cache: Map<string, Intl.Segmenter>, locale: string | undefined, granularity: 'word' | 'sentence'): Intl.Segmenter {
  const key = locale ?? '';
  let found = cache.get(key);
  if (!found) {
    try {
      found = new Intl.Segmenter(locale, { granularity });
    } catch {
      // A malformed language tag on a story must not break its page.
      found = new Intl.Segmenter(undefined, { granularity });
    }
    cache.set(key, found);
  }
  return found;
}

/** Collapses runs of white space (line breaks included) to one space and trims. */
export function squashSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

export interface TruncateOptions {
  /** The text's language (BCP 47), for word boundaries; the default rules otherwise. */
  locale?: string;
  /** Appended when the text was cut; counts towards the limit. Default "…". */
  ellipsis?: string;
}

/**
 * `text` (white space squashed) in at most `max` code units: whole when it fits, else cut
 * after the last whole word that fits, trailing punctuation dropped, ellipsis added. When
 * not even the first word fits (one enormous word or URL), the cut falls between graphemes.
 *
 * @example
 *   truncateText('Council votes to close the harbour pool', 24) // 'Council votes to close…'
 */
export function truncateText(text: string, max: number, options: TruncateOptions = {}): string {
  const clean = squashSpaces(text);
  const limit = Math.max(1, Math.floor(max));
  if (clean.length <= limit) return clean;
  const ellipsis = options.ellipsis ?? ELLIPSIS;
  const room = limit - ellipsis.length;
  if (room <= 0) return ellipsis.slice(0, limit);

  const words = wordEnd(clean, room, options.locale);
  const cut = words > 0 ? words : graphemeEnd(clean, room);
  const kept = clean.slice(0, cut).replace(TRAILING_RE, '');
  return kept === '' ? ellipsis : kept + ellipsis;
}

/** The end of the last word (or word-like run) that ends within `room`; 0 when none does. */
function wordEnd(text: string, room: number, locale: string | undefined): number {
  let best = 0;
  for (const part of segmenter(wordSegmenters, locale, 'word').segment(text)) {
    const end = part.index + part.segment.length;
    if (end > room) break;
    // Only after a word, so "state-" or "Rs." never ends a cut; punctuation is trimmed later.
    if (part.isWordLike) best = end;
  }
  return best;
}

/** The end of the last whole grapheme within `room`. */
function graphemeEnd(text: string, room: number): number {
  let best = 0;
  for (const part of graphemes.segment(text)) {
    const end = part.index + part.segment.length;
    if (end > room) break;
    best = end;
  }
  return best;
}

/**
 * A description of at most `max` code units from running text: as many whole sentences
 * as fit, else the first sentence cut on a word boundary.
 *
 * @example
 *   describe('The council voted on Tuesday. The pool closes in May.', 40) // 'The council voted on Tuesday.'
 */
export function describe(text: string, max = 160, options: TruncateOptions = {}): string {
  const clean = squashSpaces(text);
  if (clean.length <= max) return clean;
  let kept = '';
  for (const part of segmenter(sentenceSegmenters, options.locale, 'sentence').segment(clean)) {
    const next = kept + part.segment;
    if (next.trimEnd().length > max) break;
    kept = next;
  }
  return kept.trim() !== '' ? kept.trim() : truncateText(clean, max, options);
}

/** True when the string holds a lone surrogate (half of a pair): what a careless cut leaves. */
export function hasLoneSurrogate(text: string): boolean {
  // In a /u pattern a surrogate class matches only halves that are not part of a pair.
  return /[\uD800-\uDFFF]/u.test(text);
}
