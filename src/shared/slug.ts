/**
 * Slugs keep the headline's own script: a Hindi headline gives a Devanagari slug
 * (percent-encoded only on the wire), never a mangled transliteration. Letters,
 * combining marks (needed by Indic scripts) and digits survive; everything else
 * becomes a single hyphen.
 */
const MAX_SLUG_LENGTH = 96;

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKC')
    .toLocaleLowerCase('en')
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  // Cut at a hyphen so no word is chopped, and never in the middle of a grapheme's marks.
  const cut = slug.slice(0, MAX_SLUG_LENGTH);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 40 ? cut.slice(0, lastHyphen) : cut).replace(/\p{M}+$/u, '').replace(/-+$/, '');
}

/** A slug as it may appear in a URL path segment: safe characters only, no traversal. */
export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= 200 && /^[\p{L}\p{M}\p{N}]+(-[\p{L}\p{M}\p{N}]+)*$/u.test(slug);
}

/** Decodes a URL path segment into a slug, or null when it is malformed or not a slug. */
export function slugFromPathSegment(segment: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return null;
  }
  decoded = decoded.normalize('NFC');
  return isValidSlug(decoded) ? decoded : null;
}

/**
 * The first of `base`, `base-2`, `base-3`, … that `isTaken` says is free. After
 * `maxTries` it gives up counting and appends `fallback()` (a unique id), so a
 * pathological run of identical headlines cannot loop for long.
 */
export async function firstFreeSlug(base: string, isTaken: (slug: string) => Promise<boolean>, fallback: () => string, maxTries = 1000): Promise<string> {
  for (let n = 1; n < maxTries; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await isTaken(candidate))) return candidate;
  }
  return `${base}-${fallback()}`;
}
