import { squashSpaces } from '../../shared/truncate.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const LETTER_RE = /[\p{L}\p{N}]/u;

export type Drawable = { ok: true; text: string } | { ok: false; reason: 'unsupported-script' };

/**
 * The text as the card's fonts can draw it, so no .notdef box ("tofu") ever reaches a card.
 * Graphemes the fonts lack are dropped when they are symbols or emoji (a 🎉 in a headline);
 * when a letter or digit is missing (a headline in Chinese, for which no font ships), the
 * text cannot be drawn honestly and the answer says so.
 */
export function drawableText(text: string, covers: (codePoint: number) => boolean): Drawable {
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (segmentCovered(segment, covers)) {
      out += segment;
      continue;
    }
    if (LETTER_RE.test(segment)) return { ok: false, reason: 'unsupported-script' };
  }
  return { ok: true, text: squashSpaces(out) };
}

function segmentCovered(segment: string, covers: (codePoint: number) => boolean): boolean {
  for (const char of segment) {
    const codePoint = char.codePointAt(0)!;
    // Variation selectors only pick a glyph style; a font without them draws the base character.
    if (codePoint >= 0xfe00 && codePoint <= 0xfe0f) continue;
    if (!covers(codePoint)) return false;
  }
  return true;
}
