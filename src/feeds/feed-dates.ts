/**
 * The date formats feeds and sitemaps need, from the ISO-8601 UTC text the database stores.
 * Each returns null for a value that is not a date, so one bad row drops a field, not a feed.
 */

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * W3C Datetime (a profile of ISO 8601) for sitemaps, Atom and JSON Feed, to the second:
 * `2025-06-27T04:30:00Z`.
 */
export function w3cDate(iso: string | null | undefined): string | null {
  return parse(iso)?.toISOString().replace(/\.\d{3}Z$/, 'Z') ?? null;
}

/**
 * RFC 822 as RSS 2.0 wants it (with a four-digit year, as RFC 1123 allows), in GMT:
 * `Fri, 27 Jun 2025 04:30:00 GMT`. The same text is an HTTP date for `Last-Modified`.
 */
export function rfc822Date(iso: string | null | undefined): string | null {
  return parse(iso)?.toUTCString() ?? null;
}

/** The later of two stored timestamps (ISO-8601 UTC text sorts as time does). */
export function laterOf(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a > b ? a : b;
}

/** An ISO date's `YYYY-MM-DD`, for `tag:` URIs. */
export function dayOf(iso: string | null | undefined): string | null {
  return parse(iso)?.toISOString().slice(0, 10) ?? null;
}

/** The month after a `YYYY-MM`: `2025-12` → `2026-01`. */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const mm = Number(month.slice(5, 7));
  return mm === 12 ? `${year + 1}-01` : `${year}-${String(mm + 1).padStart(2, '0')}`;
}
