/** What a view's referrer is recorded as: a host, `direct` when there was none. */
export const DIRECT = 'direct';
/** Hosts past the day's cap of distinct hosts, so a flood of forged referrers cannot grow the table. */
export const OTHER = 'other';
/** The longest referrer the beacon takes; longer is refused (400 naming `referrer`). */
export const MAX_REFERRER_LENGTH = 2048;

const SCHEMES = new Set(['http:', 'https:', 'android-app:']);
const HOST = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;
// The same site behind its mobile or "www" name is still the same site.
const SAME_SITE_PREFIXES = /^(?:www\d*|m|mobile|amp|l|lm)\./;

/**
 * The host a reader came from, normalised: lower case, no port, no `www.`/`m.` prefix,
 * international names in their ASCII (punycode) form, Android apps by their package name.
 * Returns `direct` for no referrer, and null for one not worth recording: a link within the
 * site itself (a self-referral), or something that is not a web address at all (a forged or
 * mangled value is dropped, the view itself still counts).
 */
export function referrerHost(referrer: string | undefined, siteHost: string): string | null {
  if (!referrer) return DIRECT;
  // Parsing a URL costs more than the rest of a beacon, and readers arrive from a few hundred
  // distinct addresses (search engines, social apps): remember the answers, in bounded memory.
  const key = siteHost + ' ' + referrer;
  const known = answers.get(key);
  if (known !== undefined) return known;
  const host = parseReferrerHost(referrer, siteHost);
  if (answers.size >= MAX_REMEMBERED) answers.clear();
  answers.set(key, host);
  return host;
}

const MAX_REMEMBERED = 5000;
const answers = new Map<string, string | null>();

function parseReferrerHost(referrer: string, siteHost: string): string | null {
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return null;
  }
  if (!SCHEMES.has(url.protocol)) return null;
  const host = normaliseHost(url.hostname);
  if (!host) return null;
  if (host === normaliseHost(siteHost)) return null;
  return host;
}

function normaliseHost(hostname: string): string | null {
  let host = hostname.toLowerCase().replace(/\.$/, '');
  if (IPV6.test(host)) return host;
  host = host.replace(SAME_SITE_PREFIXES, '');
  if (host.length === 0 || host.length > 253 || !HOST.test(host)) return null;
  return host;
}
