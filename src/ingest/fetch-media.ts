/**
 * Fetches a media file named by an ingested item (a ninjs rendition href).
 *
 * - `file://` is read only inside `allowFileDirs` (real paths, so symlinks and
 *   `..` cannot escape); see read-media-file.ts.
 * - `http(s)://` hosts are resolved first and refused when any address is
 *   loopback, private, link-local or otherwise non-public (address-policy.ts),
 *   unless the host is in `allowHosts`. The request is then pinned to the vetted
 *   address. Redirects are followed at most 3 times, each target vetted again.
 * - Bodies are streamed and cut off past `maxBytes`; the whole fetch, redirects
 *   included, must finish within `timeoutMs`.
 * Expected failures are values with a reason; this never throws for bad input
 * or network errors.
 *
 * @example
 *   const media = createMediaFetcher({ allowFileDirs: [dirname(ninjsPath), process.cwd()] });
 *   const result = await media.fetchMedia(story.picture.href);
 *   if (!result.ok) log.warn({ reason: result.reason }, result.message);
 */
import type { ResolvedAddress } from './media-transport.js';
import { readMediaFile } from './read-media-file.js';
import { createSafeFetcher, parseUrl, type SafeFetcher } from './safe-fetch.js';

export type FetchMediaResult =
  | { ok: true; bytes: Buffer; contentType: string | null }
  | {
      ok: false;
      reason: 'bad_url' | 'forbidden_address' | 'not_found' | 'http_error' | 'too_large' | 'timeout' | 'file_error';
      message: string;
    };

export interface MediaFetcherOptions {
  /** Hosts exempt from the private-address check: `hostname` (any port) or `hostname:port`. */
  allowHosts?: readonly string[];
  /** Directories `file://` URLs may be read from. None means no file access. */
  allowFileDirs?: string[];
  /** Largest body accepted, in bytes. Default 25 MB. */
  maxBytes?: number;
  /** Deadline for the whole fetch, redirects included. Default 15 000 ms. */
  timeoutMs?: number;
  /** Replaces node:http for requests (tests, proxies). Addresses are still vetted but cannot be pinned. */
  fetchImpl?: typeof fetch;
  /** Resolves a hostname to all its addresses. Default `dns.lookup(host, { all: true })`. */
  lookup?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** The shared safe fetcher to use for http(s) (one per process); else one is made from the options above. */
  http?: SafeFetcher;
}

export interface MediaFetcher {
  fetchMedia(href: string): Promise<FetchMediaResult>;
}

/** Media over http(s) goes through the one safe fetcher (safe-fetch.ts); `file://` through read-media-file.ts. */
export function createMediaFetcher(options: MediaFetcherOptions = {}): MediaFetcher {
  const allowFileDirs = options.allowFileDirs ?? [];
  const maxBytes = options.maxBytes ?? 25 * 1024 * 1024;
  const http = options.http ?? createSafeFetcher(options);

  return {
    async fetchMedia(href: string): Promise<FetchMediaResult> {
      const url = typeof href === 'string' ? parseUrl(href) : null;
      if (!url) return { ok: false, reason: 'bad_url', message: `not an absolute URL: ${String(href).slice(0, 200)}` };
      if (url.protocol === 'file:') return readMediaFile(url, allowFileDirs, maxBytes);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return { ok: false, reason: 'bad_url', message: `only file, http and https URLs are fetched, not ${url.protocol}` };
      }
      const got = await http.fetch(url.href, { accept: 'image/*,*/*;q=0.5', maxBytes });
      if (!got.ok) return got;
      if (got.status === 304) return { ok: false, reason: 'http_error', message: `HTTP 304 for ${url.href}` };
      return { ok: true, bytes: got.bytes, contentType: got.contentType };
    },
  };
}
