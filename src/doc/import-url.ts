/**
 * URL resolution for imported HTML: relative addresses resolve against the
 * page they came from, then pass the same gate as every other URL.
 */
import { safeHref, safeWebUrl } from './safe-url.js';

/** A link target from imported HTML, or null when it may not be linked. */
export function resolveHref(raw: string | undefined, base: string | undefined): string | null {
  if (raw === undefined) return null;
  const trimmed = raw.trim();
  if (base === undefined || trimmed.startsWith('#')) {
    // Protocol-relative URLs are common in feeds; https is what any current source serves.
    return safeHref(trimmed.startsWith('//') ? 'https:' + trimmed : trimmed);
  }
  try {
    return safeHref(new URL(trimmed, base).href);
  } catch {
    return null;
  }
}

/** An absolute http(s) URL from imported HTML (pictures, social posts), or null. */
export function resolveWebUrl(raw: string | undefined, base: string | undefined): string | null {
  return safeWebUrl(resolveHref(raw, base));
}
