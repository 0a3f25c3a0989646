import { parseCdnPurge, type PurgeTarget } from '../ops/cdn-purge.js';
import { parseS3Location, type S3Connection, type S3Location } from '../media/s3-storage.js';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Configuration is read once, here, from the environment and an optional JSON
 * file (`DATELINE_CONFIG`, else `./dateline.config.json` when present). The
 * environment wins over the file. A wrong value stops the process with one line
 * naming the variable: see `ConfigError`.
 */

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

/** proxy-addr's names for address ranges, accepted in TRUST_PROXY lists. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies may tell us the client's address through X-Forwarded-For. Off by default:
 * believing any client's header would let every request claim a new address and walk
 * past per-address limits. A hop count trusts that many proxies in front of us.
 */
const trustProxySchema = z.string().transform((raw, ctx) => {
  const value = raw.trim();
  if (value === '' || value === '0' || value === 'false') return false;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length && entries.every(isProxyAddress)) return entries;
  ctx.addIssue({ code: 'custom', message: 'not a hop count or address list' });
  return z.NEVER;
});

/** A base URL media links start with: http(s), a host, no query, fragment or credentials. */
function isHttpBase(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !url.search && !url.hash && !url.username && !url.password && !/\s/.test(value);
  } catch {
    return false;
  }
}

/** Where account mail goes out: smtp:// (STARTTLS when offered) or smtps:// (TLS from the start). */
function isSmtpUrl(value: string): boolean {
  if (value === '') return true;
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** `desk@example.com` or `Name <desk@example.com>`; no control characters, so no header can be smuggled in. */
const MAIL_FROM_PATTERN = /^(?:[^\s@<>"]+@[^\s@<>"]+|[^<>\u0000-\u001f\u007f]*<[^\s@<>"]+@[^\s@<>"]+>)$/;

/** Error lines must not print a password a URL carries (SMTP_URL, DATABASE_URL, REDIS_URL). */
function withoutPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/\s]*):[^@/\s]*@/i, '$1:***@');
}

const portSchema = z.coerce.number().int().min(0).max(65535);
const flagSchema = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const listSchema = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** Each entry: the environment variable, its schema, and what the error line says it expects. */
const variables = {
  PORT: { schema: portSchema, default: '3000', expects: 'a port number from 0 to 65535' },
  HOST: { schema: z.string().min(1), default: '127.0.0.1', expects: 'a host name or address to listen on' },
  DATA_DIR: { schema: z.string().min(1), default: './data', expects: 'a folder path' },
  DATABASE_URL: {
    schema: z.string().refine((v) => v === '' || /^postgres(ql)?:\/\//.test(v) || /^(sqlite|file):/.test(v), 'bad scheme'),
    default: '',
    expects: 'a postgres://… URL, a sqlite:PATH, or empty for SQLite in DATA_DIR',
  },
  SITE_URL: {
    schema: z.string().refine((v) => v === '' || /^https?:\/\/[^/\s]+(\/.*)?$/.test(v), 'bad URL'),
    default: '',
    expects: 'an absolute http(s):// URL such as https://news.example.com',
  },
  SITE_NAME: { schema: z.string().min(1).max(100), default: 'The Dateline Times', expects: 'a name of 1 to 100 characters' },
  SITE_TIMEZONE: { schema: z.string().refine(isTimeZone, 'unknown'), default: 'Asia/Kolkata', expects: 'an IANA time zone such as Asia/Kolkata or Europe/London' },
  SITE_LOCALE: { schema: z.string().refine(isLocale, 'unknown'), default: 'en-IN', expects: 'a BCP 47 locale such as en-IN or en-GB' },
  SITE_DEFAULT_SECTION: { schema: z.string().regex(/^[\p{L}\p{M}\p{N}-]{1,80}$/u), default: 'news', expects: 'a section slug' },
  SITE_DISCLAIMER: {
    schema: z.string().includes('{credit}'),
    default: 'Disclaimer: This image is taken from {credit}.',
    expects: 'a sentence containing {credit}',
  },
  DATELINE_DEMO: { schema: flagSchema, default: '1', expects: '1 or 0' },
  LOG_LEVEL: { schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), default: 'info', expects: 'one of fatal, error, warn, info, debug, trace, silent' },
  FETCH_ALLOW_HOSTS: { schema: listSchema, default: '', expects: 'a comma-separated list of host or host:port entries' },
  INGEST_FOLDER_ROOT: { schema: z.string(), default: '', expects: 'a folder path under which watched-folder wire sources may be (empty: DATA_DIR/incoming)' },
  REDIS_URL: {
    schema: z.string().refine((v) => v === '' || /^rediss?:\/\/[^\s]+$/.test(v), 'bad URL'),
    default: '',
    expects: 'a redis:// or rediss:// URL, or empty for no Redis',
  },
  TRUST_PROXY: {
    schema: trustProxySchema,
    default: '',
    expects: 'empty (trust no proxy), a hop count such as 1, or a comma-separated list of proxy addresses or CIDR ranges (loopback, linklocal, uniquelocal allowed)',
  },
  METRICS_TOKEN: {
    schema: z.string().refine((v) => v === '' || /^[\x21-\x7e]{16,200}$/.test(v), 'too short'),
    default: '',
    expects: 'empty (no /metrics on the site port), or a secret of 16 to 200 printable characters that scrapers send as "Authorization: Bearer <token>"',
  },
  METRICS_PORT: { schema: portSchema, default: '0', expects: 'a port number for a separate metrics listener (0: none)' },
  CDN_PURGE: {
    schema: z.string().max(500),
    default: '',
    expects: 'empty (no CDN), varnish:http://host:port, fastly:<service id> (with FASTLY_API_TOKEN) or cloudflare:<zone id> (with CLOUDFLARE_API_TOKEN)',
  },
  FASTLY_API_TOKEN: { schema: z.string().max(500), default: '', expects: "Fastly's API token for CDN_PURGE=fastly:… (purge_select scope)" },
  CLOUDFLARE_API_TOKEN: { schema: z.string().max(500), default: '', expects: "Cloudflare's API token for CDN_PURGE=cloudflare:… (Cache Purge permission)" },
  MEDIA_STORAGE: {
    schema: z.string().max(500).refine((v) => v === '' || parseS3Location(v) !== null, 'bad location'),
    default: '',
    expects: 'empty (files under DATA_DIR/media) or s3://bucket/prefix (endpoint, region and credentials from AWS_ENDPOINT_URL_S3, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)',
  },
  MEDIA_S3_TIMEOUT_MS: { schema: z.coerce.number().int().min(100).max(600_000), default: '10000', expects: 'milliseconds one request to the S3 store may take before it is retried (100 to 600000)' },
  MEDIA_PUBLIC_URL: {
    schema: z.string().max(500).refine((v) => v === '' || isHttpBase(v), 'bad URL'),
    default: '',
    expects: 'empty (pages link /media/…), or the http(s) URL of a CDN or bucket in front of the media files, without query or fragment',
  },
  SEARCH_CONCURRENCY: { schema: z.coerce.number().int().min(1).max(64), default: '2', expects: 'a whole number of reader searches one process runs at once, 1 to 64 (four times as many wait; more are answered 503)' },
  PAGE_CACHE_ENTRIES: { schema: z.coerce.number().int().min(0).max(1_000_000), default: '2000', expects: 'a whole number of pages (0 turns the cache off)' },
  SMTP_URL: {
    schema: z.string().refine(isSmtpUrl, 'bad URL'),
    default: '',
    expects: 'an smtp:// or smtps:// URL such as smtps://user:password@mail.example.com:465, or empty to send no mail',
  },
  MAIL_FROM: {
    schema: z.string().refine((v) => v === '' || MAIL_FROM_PATTERN.test(v), 'bad address'),
    default: '',
    expects: 'an e-mail address, or a name and address such as "The Dateline Times" <desk@example.com> (empty: the site name and no-reply@ the host of SITE_URL)',
  },
} as const;

type VariableName = keyof typeof variables;

export class ConfigError extends Error {
  constructor(readonly variable: string, expects: string, got: string) {
    super(`Invalid configuration: ${variable}=${JSON.stringify(withoutPassword(got))} — expected ${expects}`);
    this.name = 'ConfigError';
  }
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly database: { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string };
  readonly site: {
    readonly url: string;
    readonly name: string;
    readonly timeZone: string;
    readonly locale: string;
    readonly defaultSection: string;
    readonly disclaimerTemplate: string;
  };
  readonly demo: boolean;
  readonly logLevel: string;
  readonly fetchAllowHosts: readonly string[];
  /** Watched-folder wire sources must be inside this folder. */
  readonly ingestFolderRoot: string;
  readonly pageCacheEntries: number;
  /** SEARCH_CONCURRENCY: reader searches one process runs at once. */
  readonly searchConcurrency: number;
  /** Prometheus metrics: `/metrics` on the site port for requests bearing this token, and/or a port of their own (on HOST). */
  readonly metrics: { readonly token: string | null; readonly port: number | null };
  /** Where media files live (MEDIA_STORAGE): null for DATA_DIR/media, else an S3 bucket and prefix with the connection. */
  readonly mediaStorage: { readonly location: S3Location; readonly connection: S3Connection } | null;
  /** The S3 connection from the environment, for MEDIA_STORAGE and `dateline media migrate --to s3://…`. */
  readonly s3Connection: S3Connection;
  /** Base URL pages link media files under (MEDIA_PUBLIC_URL, no trailing slash); null for the site's own /media/. */
  readonly mediaPublicUrl: string | null;
  /** Where a change purges the CDN by surrogate key (CDN_PURGE); null without a CDN. */
  readonly cdnPurge: PurgeTarget | null;
  /** Shared rate limits, editor presence and instant cross-node cache invalidation; null without Redis. */
  readonly redisUrl: string | null;
  /** Proxies whose X-Forwarded-For is believed: false (none), a hop count, or addresses/ranges. */
  readonly trustProxy: false | number | readonly string[];
  /** Account mail (invitations, password resets): no SMTP URL means no mail, and admins pass links on by hand. */
  readonly mail: {
    readonly smtpUrl: string | null;
    /** The From header; null: the site name and no-reply@ the host of the site URL, made when sending. */
    readonly from: string | null;
  };
}

function readConfigFile(env: Record<string, string | undefined>, cwd: string): Record<string, string> {
  const explicit = env.DATELINE_CONFIG;
  const path = explicit ? resolve(cwd, explicit) : resolve(cwd, 'dateline.config.json');
  if (!existsSync(path)) {
    if (explicit) throw new ConfigError('DATELINE_CONFIG', 'the path of an existing JSON file', explicit);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ConfigError('DATELINE_CONFIG', 'a valid JSON object file', path);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError('DATELINE_CONFIG', 'a JSON object of VARIABLE: value pairs', path);
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!(key in variables)) throw new ConfigError(key, `one of ${Object.keys(variables).join(', ')} (in ${path})`, String(value));
    out[key] = String(value);
  }
  return out;
}

/** Reads, validates and freezes the configuration. Throws ConfigError naming the first bad variable. */
/**
 * The S3 client's connection from the variables the AWS tools read themselves. Keys given here are
 * passed on; without them the SDK's own chain (profile, instance role) is used.
 */
function s3Connection(env: Record<string, string | undefined>): S3Connection {
  const endpointVariable = env.AWS_ENDPOINT_URL_S3 ? 'AWS_ENDPOINT_URL_S3' : 'AWS_ENDPOINT_URL';
  const endpoint = env[endpointVariable] || undefined;
  if (endpoint && !isHttpBase(endpoint.replace(/\/+$/, ''))) throw new ConfigError(endpointVariable, 'the http(s) URL of an S3-compatible endpoint', endpoint);
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  return {
    endpoint,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } } : {}),
  };
}

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const file = readConfigFile(env, cwd);
  const values = {} as Record<VariableName, unknown>;
  for (const name of Object.keys(variables) as VariableName[]) {
    const spec = variables[name];
    const raw = env[name] ?? file[name] ?? spec.default;
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) throw new ConfigError(name, spec.expects, raw);
    values[name] = parsed.data;
  }
  const port = values.PORT as number;
  const host = values.HOST as string;
  const dataDir = resolve(cwd, values.DATA_DIR as string);
  const dbUrl = values.DATABASE_URL as string;
  const database: Config['database'] = /^postgres/.test(dbUrl)
    ? { kind: 'postgres', url: dbUrl }
    : { kind: 'sqlite', file: dbUrl ? resolve(cwd, dbUrl.replace(/^(sqlite|file):(\/\/)?/, '')) : resolve(dataDir, 'dateline.db') };
  const s3 = { ...s3Connection(env), requestTimeoutMs: values.MEDIA_S3_TIMEOUT_MS as number };
  const cdnPurge = parseCdnPurge(values.CDN_PURGE as string, { FASTLY_API_TOKEN: values.FASTLY_API_TOKEN as string, CLOUDFLARE_API_TOKEN: values.CLOUDFLARE_API_TOKEN as string });
  if (typeof cdnPurge === 'string') throw new ConfigError('CDN_PURGE', `${variables.CDN_PURGE.expects} (${cdnPurge})`, values.CDN_PURGE as string);
  const publicHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const siteUrl = ((values.SITE_URL as string) || `http://${publicHost}:${port}`).replace(/\/+$/, '');
  const config: Config = {
    port,
    host,
    dataDir,
    database,
    site: {
      url: siteUrl,
      name: values.SITE_NAME as string,
      timeZone: values.SITE_TIMEZONE as string,
      locale: values.SITE_LOCALE as string,
      defaultSection: values.SITE_DEFAULT_SECTION as string,
      disclaimerTemplate: values.SITE_DISCLAIMER as string,
    },
    demo: values.DATELINE_DEMO as boolean,
    logLevel: values.LOG_LEVEL as string,
    fetchAllowHosts: Object.freeze(values.FETCH_ALLOW_HOSTS as string[]),
    ingestFolderRoot: resolve(cwd, (values.INGEST_FOLDER_ROOT as string) || resolve(dataDir, 'incoming')),
    pageCacheEntries: values.PAGE_CACHE_ENTRIES as number,
    searchConcurrency: values.SEARCH_CONCURRENCY as number,
    metrics: { token: (values.METRICS_TOKEN as string) || null, port: (values.METRICS_PORT as number) || null },
    mediaStorage: values.MEDIA_STORAGE ? { location: parseS3Location(values.MEDIA_STORAGE as string)!, connection: s3 } : null,
    s3Connection: s3,
    mediaPublicUrl: (values.MEDIA_PUBLIC_URL as string).replace(/\/+$/, '') || null,
    cdnPurge,
    redisUrl: (values.REDIS_URL as string) || null,
    trustProxy: values.TRUST_PROXY as false | number | string[],
    mail: { smtpUrl: (values.SMTP_URL as string) || null, from: (values.MAIL_FROM as string) || null },
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The variables, for the README table and `dateline --help`. */
export const configVariables = Object.entries(variables).map(([name, spec]) => ({ name, default: spec.default, expects: spec.expects }));
