/**
 * The one server-side HTTP fetcher for everything a person or a feed names: wire
 * sources, media renditions, pictures in queued items.
 *
 * - Names are resolved here (all addresses) and refused when any address is
 *   loopback, private, link-local, CGNAT, metadata or otherwise non-public
 *   (address-policy.ts), unless the host is in `allowHosts`. Numeric forms such as
 *   `2130706433` and `0177.0.0.1` are normalised by the URL parser to 127.0.0.1
 *   before they get here, so they meet the same rule.
 * - The connection is pinned to the vetted address (media-transport.ts): a second
 *   DNS answer cannot move it (no rebinding between check and connect).
 * - Redirects are followed at most `maxRedirects` times, each target vetted again.
 * - Bodies are streamed and cut off past `maxBytes`; the whole fetch, redirects
 *   included, must finish within `timeoutMs`.
 * - Conditional GET: `ifNoneMatch` / `ifModifiedSince` are sent, a 304 is an answer.
 * Expected failures are values with a reason; this never throws for bad input or
 * network errors.
 *
 * @example
 *   const fetcher = createSafeFetcher({ allowHosts: config.fetchAllowHosts });
 *   const got = await fetcher.fetch('https://wire.example.com/feed.xml', { ifNoneMatch: etag });
 *   if (got.ok && got.status === 304) return 'nothing new';
 */
import { promises as dns } from 'node:dns';
import { isAllowedHost, isForbiddenAddress, unbracket } from './address-policy.js';
import { createFetchTransport, createNodeTransport, type Hop, type ResolvedAddress } from './media-transport.js';

export type SafeFetchFailureReason = 'bad_url' | 'forbidden_address' | 'not_found' | 'http_error' | 'too_large' | 'timeout';

export type SafeFetchResult =
  | {
      ok: true;
      /** 200 with a body, or 304 (not modified, empty body). */
      status: 200 | 304;
      bytes: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      /** Where the answer came from after redirects. */
      url: string;
    }
  | { ok: false; reason: SafeFetchFailureReason; message: string };

export interface SafeFetcherOptions {
  /** Hosts exempt from the private-address check: `hostname` (any port) or `hostname:port`. */
  allowHosts?: readonly string[];
  /** Largest body accepted, in bytes (default 25 MB); a call may lower or raise it. */
  maxBytes?: number;
  /** Deadline for the whole fetch, redirects included. Default 15 000 ms. */
  timeoutMs?: number;
  /** Redirects followed at most (default 3). */
  maxRedirects?: number;
  /** Replaces node:http for requests (tests, proxies). Addresses are still vetted but cannot be pinned. */
  fetchImpl?: typeof fetch;
  /** Resolves a hostname to all its addresses. Default `dns.lookup(host, { all: true })`. */
  lookup?: (hostname: string) => Promise<ResolvedAddress[]>;
}

export interface FetchRequest {
  accept?: string;
  ifNoneMatch?: string | null;
  ifModifiedSince?: string | null;
  maxBytes?: number;
  timeoutMs?: number;
}

export interface SafeFetcher {
  fetch(href: string, request?: FetchRequest): Promise<SafeFetchResult>;
}

type Failure = Extract<SafeFetchResult, { ok: false }>;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const fail = (reason: SafeFetchFailureReason, message: string): Failure => ({ ok: false, reason, message });

async function lookupAll(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await dns.lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

export function createSafeFetcher(options: SafeFetcherOptions = {}): SafeFetcher {
  const allowHosts = options.allowHosts ?? [];
  const defaultMaxBytes = options.maxBytes ?? 25 * 1024 * 1024;
  const defaultTimeoutMs = options.timeoutMs ?? 15_000;
  const maxRedirects = options.maxRedirects ?? 3;
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

  async function readBody(hop: Hop, url: URL, maxBytes: number): Promise<SafeFetchResult> {
    const done = { contentType: hop.contentType, etag: hop.etag, lastModified: hop.lastModified, url: url.href };
    if (hop.status === 304) {
      hop.discard();
      return { ok: true, status: 304, bytes: Buffer.alloc(0), ...done };
    }
    if (hop.status === 404 || hop.status === 410) {
      hop.discard();
      return fail('not_found', `HTTP ${hop.status} for ${url.href}`);
    }
    if (hop.status < 200 || hop.status > 299) {
      hop.discard();
      return fail('http_error', `HTTP ${hop.status} for ${url.href}`);
    }
    const tooLarge = fail('too_large', `${url.href} is larger than ${maxBytes} bytes`);
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
    return { ok: true, status: 200, bytes: Buffer.concat(chunks), ...done };
  }

  function requestHeaders(request: FetchRequest): Record<string, string> {
    const headers: Record<string, string> = { accept: request.accept ?? '*/*' };
    if (request.ifNoneMatch) headers['if-none-match'] = request.ifNoneMatch;
    if (request.ifModifiedSince) headers['if-modified-since'] = request.ifModifiedSince;
    return headers;
  }

  async function followRedirects(start: URL, request: FetchRequest, signal: AbortSignal): Promise<SafeFetchResult> {
    let url = start;
    for (let redirects = 0; ; redirects++) {
      const address = await vet(url, signal);
      if ('ok' in address) return address;
      const hop = await transport(url, address, signal, requestHeaders(request));
      if (!REDIRECT_STATUSES.has(hop.status)) return readBody(hop, url, request.maxBytes ?? defaultMaxBytes);
      hop.discard();
      if (redirects === maxRedirects) return fail('http_error', `more than ${maxRedirects} redirects from ${start.href}`);
      const next = hop.location === null ? null : parseUrl(hop.location, url);
      if (!next) return fail('http_error', `HTTP ${hop.status} from ${url.href} without a usable Location`);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') return fail('bad_url', `${url.href} redirects to a ${next.protocol} URL`);
      url = next;
    }
  }

  return {
    async fetch(href: string, request: FetchRequest = {}): Promise<SafeFetchResult> {
      const url = typeof href === 'string' ? parseUrl(href) : null;
      if (!url) return fail('bad_url', `not an absolute URL: ${String(href).slice(0, 200)}`);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('bad_url', `only http and https URLs are fetched, not ${url.protocol}`);
      const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        return await followRedirects(url, request, controller.signal);
      } catch (err) {
        if (controller.signal.aborted) return fail('timeout', `${url.href} did not complete within ${timeoutMs} ms`);
        return fail('http_error', `could not fetch ${url.href}: ${describe(err)}`);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export function parseUrl(value: string, base?: URL): URL | null {
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
