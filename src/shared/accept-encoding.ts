/**
 * Content-coding negotiation (RFC 9110 §12.5.3) for the codings we store: brotli,
 * gzip and none. Runs on every page hit, so the decision is remembered per header
 * string: browsers send a handful of distinct values, each parsed once.
 */
export type ContentCoding = 'br' | 'gzip' | 'identity';

/** A qvalue as the grammar allows it: 0 to 1 with at most three decimals. */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** The weight of each listed coding; a malformed entry is ignored, as if it were not listed. */
function weights(header: string): Map<string, number> {
  const listed = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [rawName, ...params] = entry.split(';');
    const name = rawName!.trim().toLowerCase();
    if (!name) continue;
    let q = 1;
    let valid = true;
    for (const param of params) {
      const [key, value] = param.split('=').map((s) => s.trim());
      if (key?.toLowerCase() !== 'q') continue;
      if (value === undefined || !QVALUE.test(value)) valid = false;
      else q = Number(value);
    }
    // x-gzip is the old name of gzip, and recipients are to treat it as such.
    if (valid) listed.set(name === 'x-gzip' ? 'gzip' : name, q);
  }
  return listed;
}

/**
 * The coding to answer with, given the request's Accept-Encoding value.
 *
 * - No header: identity. Any coding would be allowed, but a client that says nothing
 *   (curl, wrk, many bots) is best served plainly.
 * - An empty header, or one naming only codings we lack: identity.
 * - `q=0` refuses a coding; `*` stands for every coding not listed by name.
 * - brotli wins a tie with gzip (smaller for the same work); identity is chosen over
 *   them only when the client weighs it higher by name.
 * - When the client refuses identity and accepts nothing we have, we still send
 *   identity: an unreadable answer helps no one more than an error page would.
 *
 * @example
 *   preferredCoding('gzip, deflate, br, zstd') // 'br'
 *   preferredCoding('br;q=0, gzip;q=0.5')      // 'gzip'
 */
export function preferredCoding(header: string | undefined): ContentCoding {
  if (header === undefined) return 'identity';
  const listed = weights(header);
  const star = listed.get('*');
  const br = listed.get('br') ?? star ?? 0;
  const gzip = listed.get('gzip') ?? star ?? 0;
  const best: ContentCoding = br > 0 && br >= gzip ? 'br' : gzip > 0 ? 'gzip' : 'identity';
  if (best === 'identity') return best;
  const identity = listed.get('identity');
  return identity !== undefined && identity > Math.max(br, gzip) ? 'identity' : best;
}

/**
 * `preferredCoding` remembered per header value. The map is bounded: a client that
 * sends a new value on every request only makes us parse it, never grow.
 */
export function createCodingNegotiator(maxEntries = 64): (header: string | undefined) => ContentCoding {
  const decided = new Map<string, ContentCoding>();
  return function negotiateCoding(header) {
    if (header === undefined) return 'identity';
    let coding = decided.get(header);
    if (coding === undefined) {
      coding = preferredCoding(header);
      if (decided.size >= maxEntries) decided.clear();
      decided.set(header, coding);
    }
    return coding;
  };
}
