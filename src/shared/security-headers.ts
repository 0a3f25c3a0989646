import { mediaOrigin } from './media-url.js';

/**
 * Headers every HTML page of the public site carries, and the editor's preview of it:
 * the page's own script and styles only, no plugins, no framing by other sites.
 */
export function pageSecurityHeaders() {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'content-security-policy': `default-src 'self'; img-src ${imageSources()}; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'`,
  } as const;
}

/** Pictures come from the site itself, data: URIs, and MEDIA_PUBLIC_URL's origin when one is set. */
export function imageSources(): string {
  const origin = mediaOrigin();
  return `'self' data:${origin ? ` ${origin}` : ''}`;
}
