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
import { promises as dns } from 'node:dns';
import { isAllowedHost, isForbiddenAddress, unbracket } from './address-policy.js';
import { createFetchTransport, createNodeTransport, type Hop, type ResolvedAddress } from './media-transport.js';
import { readMediaFile } from './read-media-file.js';

export type FetchMediaResult =
  | { ok: true; bytes: Buffer; contentType: string | null }
  | {
      ok: false;
      reason: 'bad_url' | 'forbidden_address' | 'not_found' | 'http_error' | 'too_large' | 'timeout' | 'file_error';
      message: string;
    };

export interface MediaFetcherOptions {
  /** Hosts exempt from the private-address check: `hostname` (any port) or `hostname:port`. */
  allowHosts?: string[];
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
}

export interface MediaFetcher {
  fetchMedia(href: string): Promise<FetchMediaResult>;
}

type Failure = Extract<FetchMediaResult, { ok: false }>;

const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const fail = (reason: Failure['reason'], message: string): Failure => ({ ok: false, reason, message });

async function lookupAll(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await dns.lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

export function createMediaFetcher(options: MediaFetcherOptions = {}): MediaFetcher {
  const allowHosts = options.allowHosts ?? [];
  const allowFileDirs = options.allowFileDirs ?? [];
  const maxBytes = options.maxBytes ?? 25 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const lookup = options.lookup ?? lookupAll;
  const transport = options.fetchImpl ? createFetchTransport(options.fetchImpl) : createNodeTransport();

  async function vet(url: URL, signal: AbortSignal): Promise<Failure | ResolvedAddress> {
    if (url.username || url.password) return fail('bad_url', 'URLs with credentials are not fetched');
    const host = unbracket(url.hostname);
    let addresses: ResolvedAddress[];
    try {
      addresses = await abortable(lookup(host), signal);
    } catch (err) {
      if (signal.aborted) throw err;
      return fail('http_error', `could not resolve ${host}: ${describe(err)}`);
    }
    const first = addresses[0];
    if (!first) return fail('http_error', `${host} has no addresses`);
    if (isAllowedHost(url, allowHosts)) return first;
    // Refuse when any answer is private: a resolver that mixes answers must not get to pick.
    const forbidden = addresses.find((a) => isForbiddenAddress(a.address));
    if (forbidden) return fail('forbidden_address', `${host} resolves to ${forbidden.address}, which is not a public address`);
    return first;
  }

  async function readBody(hop: Hop, href: string): Promise<FetchMediaResult> {
    if (hop.status === 404 || hop.status === 410) {
      hop.discard();
      return fail('not_found', `HTTP ${hop.status} for ${href}`);
    }
    if (hop.status < 200 || hop.status > 299) {
      hop.discard();
      return fail('http_error', `HTTP ${hop.status} for ${href}`);
    }
    const tooLarge = fail('too_large', `${href} is larger than ${maxBytes} bytes`);
    if (hop.contentLength !== null && hop.contentLength > maxBytes) {
      hop.discard();
      return tooLarge;
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of hop.body) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        hop.discard();
        return tooLarge;
      }
      chunks.push(chunk);
    }
    return { ok: true, bytes: Buffer.concat(chunks), contentType: hop.contentType };
  }

  async function followRedirects(start: URL, signal: AbortSignal): Promise<FetchMediaResult> {
    let url = start;
    for (let redirects = 0; ; redirects++) {
      const address = await vet(url, signal);
      if ('ok' in address) return address;
      const hop = await transport(url, address, signal);
      if (!REDIRECT_STATUSES.has(hop.status)) return readBody(hop, url.href);
      hop.discard();
      if (redirects === MAX_REDIRECTS) return fail('http_error', `more than ${MAX_REDIRECTS} redirects from ${start.href}`);
      const next = hop.location === null ? null : parseUrl(hop.location, url);
      if (!next) return fail('http_error', `HTTP ${hop.status} from ${url.href} without a usable Location`);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return fail('bad_url', `${url.href} redirects to a ${next.protocol} URL`);
      }
      url = next;
    }
  }

  async function fetchOverHttp(url: URL): Promise<FetchMediaResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await followRedirects(url, controller.signal);
    } catch (err) {
      if (controller.signal.aborted) return fail('timeout', `${url.href} did not complete within ${timeoutMs} ms`);
      return fail('http_error', `could not fetch ${url.href}: ${describe(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async fetchMedia(href: string): Promise<FetchMediaResult> {
      const url = typeof href === 'string' ? parseUrl(href) : null;
      if (!url) return fail('bad_url', `not an absolute URL: ${String(href).slice(0, 200)}`);
      if (url.protocol === 'file:') return readMediaFile(url, allowFileDirs, maxBytes);
      if (url.protocol === 'http:' || url.protocol === 'https:') return fetchOverHttp(url);
      return fail('bad_url', `only file, http and https URLs are fetched, not ${url.protocol}`);
    },
  };
}

function parseUrl(value: string, base?: URL): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

/** Rejects as soon as `signal` aborts; `dns.lookup` itself cannot be cancelled. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = 'code' in err && typeof err.code === 'string' ? `${err.code} ` : '';
  return `${code}${err.message}`.trim();
}
