/**
 * One HTTP request without following redirects, to an address that has already
 * been vetted. The node:http transport pins the connection to that address
 * through a custom `lookup`, so a second DNS answer (DNS rebinding) cannot send
 * the request elsewhere, while the URL's hostname still sets the Host header and
 * TLS server name. The fetch transport exists for callers that inject their own
 * `fetch` (tests, proxies); it cannot pin the address.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface Hop {
  status: number;
  location: string | null;
  contentType: string | null;
  contentLength: number | null;
  /** Validators for a conditional GET next time. */
  etag: string | null;
  lastModified: string | null;
  body: AsyncIterable<Uint8Array>;
  /** Stops reading and releases the connection. */
  discard(): void;
}

export type Transport = (url: URL, address: ResolvedAddress, signal: AbortSignal, headers: Record<string, string>) => Promise<Hop>;

export const USER_AGENT = 'Dateline-ingest/1';

function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return function lookupVettedAddress(_hostname, options, callback) {
    // Node 20's happy-eyeballs connect asks for `all` addresses; plain connects for one.
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
}

export function createNodeTransport(): Transport {
  return function requestWithNodeHttp(url, address, signal, headers) {
    return new Promise<Hop>((resolve, reject) => {
      const send = url.protocol === 'https:' ? https.request : http.request;
      const request = send(
        url,
        { method: 'GET', agent: false, signal, lookup: pinnedLookup(address), headers: { 'user-agent': USER_AGENT, ...headers } },
        (response) => {
          const length = Number(response.headers['content-length']);
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location ?? null,
            contentType: response.headers['content-type'] ?? null,
            contentLength: Number.isFinite(length) && length >= 0 ? length : null,
            etag: single(response.headers.etag),
            lastModified: single(response.headers['last-modified']),
            body: response,
            discard: () => response.destroy(),
          });
        },
      );
      request.on('error', reject);
      request.end();
    });
  };
}

export function createFetchTransport(fetchImpl: typeof fetch): Transport {
  return async function requestWithFetch(url, _address, signal, headers) {
    const response = await fetchImpl(url, { redirect: 'manual', signal, headers: { 'user-agent': USER_AGENT, ...headers } });
    const length = Number(response.headers.get('content-length') ?? NaN);
    return {
      status: response.status,
      location: response.headers.get('location'),
      contentType: response.headers.get('content-type'),
      contentLength: Number.isFinite(length) && length >= 0 ? length : null,
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
      body: readStream(response.body),
      discard: () => void response.body?.cancel().catch(() => undefined),
    };
  };
}

async function* readStream(stream: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!stream) return;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

function single(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
