/**
 * The one gate every URL in a body document passes: link hrefs, imported
 * picture sources and social post links, on import, on save and on render.
 *
 * It reads a URL the way a browser would (edge whitespace and control
 * characters stripped, tabs and newlines deleted anywhere, scheme case
 * ignored) so the scheme it checks is the scheme a browser would follow.
 * Entity and percent tricks need no special case: the HTML parser decodes
 * entities before we see the value, and a value that starts with `&` or `%`
 * is neither a known scheme nor a relative path, so it is refused.
 */
import { DOC_LIMITS } from './doc-limits.js';

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
// Browsers drop C0 controls and spaces at both ends, and tabs/newlines anywhere.
const EDGE_RE = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const TAB_NEWLINE_RE = /[\t\n\r]/g;
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
const SCHEME_RE = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
// A web URL needs an authority: `http:evil.com` is legal but only ever a trick.
const WEB_REST_RE = /^\/\/[^/\\?#\s]/;

/**
 * Returns the URL cleaned (scheme lower-cased, stray tabs and newlines
 * removed) when it may be used as a link, or null when it may not.
 *
 * Allowed: `http:`, `https:`, `mailto:`, `tel:`, site-relative paths
 * (`/news`, but not `//host` or `/\host`, which browsers treat as another
 * host) and fragments (`#section`). Everything else is refused.
 *
 * @example
 *   safeHref(' JavaScript:alert(1)') // null
 *   safeHref('HTTPS://example.com')  // 'https://example.com'
 */
export function safeHref(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > DOC_LIMITS.maxUrlLength) return null;
  const cleaned = url.replace(EDGE_RE, '').replace(TAB_NEWLINE_RE, '');
  if (cleaned === '' || CONTROL_RE.test(cleaned)) return null;
  const first = cleaned[0];
  if (first === '#') return cleaned;
  if (first === '/') {
    const second = cleaned[1];
    return second === '/' || second === '\\' ? null : cleaned;
  }
  const match = SCHEME_RE.exec(cleaned);
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  if (!ALLOWED_SCHEMES.has(scheme)) return null;
  const rest = cleaned.slice(match[0].length);
  if (scheme === 'http' || scheme === 'https') return WEB_REST_RE.test(rest) ? scheme + ':' + rest : null;
  return rest === '' ? null : scheme + ':' + rest;
}

/** Like `safeHref`, but only absolute `http:`/`https:` URLs pass (picture sources, social post links). */
export function safeWebUrl(url: unknown): string | null {
  const href = safeHref(url);
  return href !== null && isWebUrl(href) ? href : null;
}

/** True for a URL `safeHref` returned that points off-site over the web. */
export function isWebUrl(href: string): boolean {
  return href.startsWith('https:') || href.startsWith('http:');
}
