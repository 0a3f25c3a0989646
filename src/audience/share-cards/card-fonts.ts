import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The faces share cards, the fallback share image and the publisher logo are set in. They
 * come from npm (@fontsource, SIL Open Font License), never from the machine: a fresh
 * server or container has no system fonts, and librsvg (sharp's SVG renderer) would draw
 * nothing or boxes. satori turns text into outlines from these files (it reads WOFF2), so
 * the picture is the same on every machine.
 */
export interface CardFont {
  /** The family name the layout asks for. */
  name: string;
  data: Buffer;
  weight: 700;
  style: 'normal';
  /** Code points the file has glyphs for, as [first, last] pairs (the subset's unicode-range). */
  ranges: [number, number][];
}

/** What a family is used for: headlines in the serif (as on the site), labels in the sans. */
export type FontRole = 'serif' | 'sans';

export const FAMILIES: Record<FontRole, string[]> = {
  serif: ['Noto Serif', 'Noto Serif Devanagari'],
  sans: ['Noto Sans', 'Noto Sans Devanagari'],
};

/** The Latin, Greek, Cyrillic and Vietnamese subsets, plus Devanagari for Hindi, Marathi, Nepali. */
const ALPHABETIC_SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese'];
const SOURCES: { pkg: string; family: string; subsets: string[] }[] = [
  { pkg: 'noto-serif', family: 'Noto Serif', subsets: ALPHABETIC_SUBSETS },
  { pkg: 'noto-serif-devanagari', family: 'Noto Serif Devanagari', subsets: ['devanagari'] },
  { pkg: 'noto-sans', family: 'Noto Sans', subsets: ALPHABETIC_SUBSETS },
  { pkg: 'noto-sans-devanagari', family: 'Noto Sans Devanagari', subsets: ['devanagari'] },
];

const require = createRequire(import.meta.url);
let loaded: CardFont[] | undefined;

/** Reads the font files once (about 0.6 MB) on first use; start-up does not pay for it. */
export function cardFonts(): CardFont[] {
  loaded ??= SOURCES.flatMap(({ pkg, family, subsets }) => {
    const ranges = JSON.parse(readFileSync(require.resolve(`@fontsource/${pkg}/unicode.json`), 'utf8')) as Record<string, string>;
    return subsets.map((subset) => ({
      name: family,
      data: readFileSync(require.resolve(`@fontsource/${pkg}/files/${pkg}-${subset}-700-normal.woff2`)),
      weight: 700 as const,
      style: 'normal' as const,
      ranges: parseUnicodeRange(ranges[subset] ?? ''),
    }));
  });
  return loaded;
}

/** Parses a CSS unicode-range list: `U+0000-00FF,U+0131` → [[0, 255], [305, 305]]. */
export function parseUnicodeRange(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of text.split(',')) {
    const match = /^\s*U\+([0-9A-F]+)(?:-([0-9A-F]+))?\s*$/i.exec(part);
    if (!match) continue;
    const first = parseInt(match[1]!, 16);
    out.push([first, match[2] ? parseInt(match[2], 16) : first]);
  }
  return out;
}

/** A test for whether the faces of one role can draw a code point. */
export function coverage(fonts: CardFont[], role: FontRole): (codePoint: number) => boolean {
  const ranges = fonts.filter((f) => FAMILIES[role].includes(f.name)).flatMap((f) => f.ranges);
  return function covers(codePoint) {
    return ranges.some(([first, last]) => codePoint >= first && codePoint <= last);
  };
}
