import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * `/news/some-story/?ref=x` → `/news/some-story?ref=x`: the address without its trailing
 * slashes, or null when there is nothing to drop or when dropping it is not safe.
 *
 * The result goes into a `Location` header, where `//evil.com` (what `//evil.com/` would
 * become) or `/\evil.com` means another site to a browser. So the path must start with one
 * slash and a character that is neither slash nor backslash, and contain only printable
 * ASCII (browsers percent-encode everything else, and silently drop tabs and newlines,
 * which could join two slashes again).
 */
export function withoutTrailingSlash(url: string): string | null {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q);
  if (path.length < 2 || !path.endsWith('/')) return null;
  const stripped = path.replace(/\/+$/, '');
  if (!/^\/[^/\\]/.test(stripped) || /[^\x21-\x7e]|\\/.test(stripped) || /[^\x21-\x7e]/.test(query)) return null;
  return stripped + query;
}

/**
 * Answers a GET or HEAD for an address with a trailing slash with a permanent redirect to
 * the address without it, cached like the site's other redirects. False when it did not.
 */
export function redirectTrailingSlash(request: FastifyRequest, reply: FastifyReply, cacheControl: string): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const target = withoutTrailingSlash(request.url);
  if (!target) return false;
  void reply.code(301).header('cache-control', cacheControl).redirect(target, 301);
  return true;
}
