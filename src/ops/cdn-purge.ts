import type { Logger } from 'pino';

/**
 * Purging a CDN by surrogate key after a change (CDN_PURGE). Pages carry `Surrogate-Key`
 * (`site` on every page and feed, plus `article-<id>`, `section-<slug>`, `home`, `author-<id>`,
 * `topic-<id>`, `feeds`, `sitemaps`); a change purges the keys it touches, or `site` when it
 * touches everything (settings, navigation).
 *
 *   varnish:http://127.0.0.1:6081   `PURGE /` with `xkey-purge: k1 k2` (deploy/varnish/dateline.vcl purges them)
 *   fastly:<service id>             Fastly's batch purge by surrogate key, FASTLY_API_TOKEN
 *   cloudflare:<zone id>            Cloudflare's purge by cache tag, CLOUDFLARE_API_TOKEN
 */
export type PurgeTarget =
  | { kind: 'varnish'; url: string }
  | { kind: 'fastly'; serviceId: string; token: string }
  | { kind: 'cloudflare'; zoneId: string; token: string };

export interface PurgeRequest {
  url: string;
  method: 'PURGE' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** Keys per request: Fastly takes 256 surrogate keys a call, Cloudflare 30 tags. */
const BATCH = { varnish: 100, fastly: 256, cloudflare: 30 } as const;
const KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/** CDN_PURGE and its token as a target, or a reason it cannot be one (for the config error). */
export function parseCdnPurge(value: string, env: { FASTLY_API_TOKEN?: string; CLOUDFLARE_API_TOKEN?: string }): PurgeTarget | null | string {
  if (!value) return null;
  const [kind, ...rest] = value.split(':');
  const arg = rest.join(':');
  if (kind === 'varnish') {
    let url: URL;
    try {
      url = new URL(arg);
    } catch {
      return 'varnish: needs a URL, as in varnish:http://127.0.0.1:6081';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'varnish: needs an http(s) URL';
    return { kind: 'varnish', url: `${url.origin}/` };
  }
  if (kind === 'fastly' || kind === 'cloudflare') {
    if (!/^[A-Za-z0-9]{8,64}$/.test(arg)) return `${kind}: needs the ${kind === 'fastly' ? 'service' : 'zone'} id, as in ${kind}:0123456789abcdef`;
    const token = kind === 'fastly' ? env.FASTLY_API_TOKEN : env.CLOUDFLARE_API_TOKEN;
    if (!token) return `${kind}: set ${kind === 'fastly' ? 'FASTLY_API_TOKEN' : 'CLOUDFLARE_API_TOKEN'} as well`;
    return kind === 'fastly' ? { kind, serviceId: arg, token } : { kind, zoneId: arg, token };
  }
  return 'expected varnish:http://host:port, fastly:<service id> or cloudflare:<zone id>';
}

/** The HTTP requests that purge `keys` (deduplicated, only well-formed keys) at the target. */
export function purgeRequests(target: PurgeTarget, keys: readonly string[]): PurgeRequest[] {
  const unique = [...new Set(keys)].filter((k) => KEY.test(k));
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += BATCH[target.kind]) batches.push(unique.slice(i, i + BATCH[target.kind]));
  return batches.map((batch): PurgeRequest => {
    switch (target.kind) {
      case 'varnish':
        return { url: target.url, method: 'PURGE', headers: { 'xkey-purge': batch.join(' ') } };
      case 'fastly':
        // A hard purge: a soft one would let Fastly hand out the old page again (stale-while-revalidate).
        return {
          url: `https://api.fastly.com/service/${encodeURIComponent(target.serviceId)}/purge`,
          method: 'POST',
          headers: { 'fastly-key': target.token, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ surrogate_keys: batch }),
        };
      case 'cloudflare':
        return {
          url: `https://api.cloudflare.com/client/v4/zones/${encodeURIComponent(target.zoneId)}/purge_cache`,
          method: 'POST',
          headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ tags: batch }),
        };
    }
  });
}

export interface CdnPurger {
  /** Purges the keys; never throws (a failure is logged, counted and retried once). */
  purge(keys: readonly string[]): Promise<void>;
}

export interface CdnPurgerOptions {
  target: PurgeTarget;
  log: Logger;
  /** Counted in /metrics: dateline_cdn_purges_total{outcome}. */
  count?: (outcome: 'ok' | 'failed' | 'retried') => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retryAfterMs?: number;
}

/**
 * A failed purge must not fail the editor's publish (the change is saved, and pages expire after
 * their max-age of a minute anyway), so it is logged with the CDN's answer, counted, and tried
 * once more a little later.
 */
export function createCdnPurger(options: CdnPurgerOptions): CdnPurger {
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const retryAfterMs = options.retryAfterMs ?? 2000;

  async function attempt(request: PurgeRequest, fresh = false): Promise<string | null> {
    try {
      const res = await send(request.url, { method: request.method, headers: request.headers, ...(request.body ? { body: request.body } : {}), signal: AbortSignal.timeout(timeoutMs) });
      const text = (await res.text()).slice(0, 200);
      return res.ok ? null : `${res.status} ${text}`.trim();
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') return `no answer in ${timeoutMs} ms`;
      // A connection that failed before any answer is most often a kept-alive one the CDN closed
      // meanwhile (Varnish drops idle ones after 5 s); fetch does not resend a PURGE or POST on
      // its own, so do it once at once, on a new connection, before the slower retry.
      return fresh ? (err as Error).message : attempt(request, true);
    }
  }

  async function one(request: PurgeRequest, retry: boolean): Promise<void> {
    const failure = await attempt(request);
    if (!failure) return void options.count?.('ok');
    options.count?.(retry ? 'retried' : 'failed');
    options.log.warn({ cdn: options.target.kind, url: request.url, reason: failure, retry }, retry ? 'CDN purge failed; trying again shortly' : 'CDN purge failed again; pages expire after their max-age');
    if (retry) {
      await new Promise<void>((resolve) => setTimeout(resolve, retryAfterMs));
      await one(request, false);
    }
  }

  return {
    async purge(keys) {
      await Promise.all(purgeRequests(options.target, keys).map((request) => one(request, true)));
    },
  };
}
