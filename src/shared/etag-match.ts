/**
 * Whether an `If-None-Match` value names the representation we are about to send
 * (RFC 9110 §13.1.2): `*` matches any current representation, and a list matches
 * when any member equals our entity tag by weak comparison, where a `W/` prefix on
 * either side is ignored. A CDN or proxy that weakens our tags when it transforms a
 * response still gets its 304s; a tag of another representation (the gzip one when
 * we send brotli) does not match.
 *
 * @example
 *   etagMatches('W/"abc", "def"', '"abc"') // true
 *   etagMatches('"abc-br"', '"abc"')        // false
 */
export function etagMatches(header: string, etag: string): boolean {
  if (header === etag) return true;
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  const value = header.trim();
  if (value === '*') return true;
  let i = 0;
  while (i < value.length) {
    const c = value.charCodeAt(i);
    // Skip list separators and whitespace between members.
    if (c === 44 /* , */ || c === 32 || c === 9) {
      i++;
      continue;
    }
    if (value.startsWith('W/', i)) i += 2;
    if (value[i] !== '"') {
      // Not an entity tag (a malformed member): skip to the next comma.
      const next = value.indexOf(',', i);
      if (next < 0) return false;
      i = next + 1;
      continue;
    }
    // Opaque tags cannot contain a double quote, so the next one closes this tag.
    const end = value.indexOf('"', i + 1);
    if (end < 0) return false;
    if (end + 1 - i === opaque.length && value.startsWith(opaque, i)) return true;
    i = end + 1;
  }
  return false;
}
