import { invalidParameter } from './ghost-errors.js';
import { parseFilter, type FieldAllowList, type ParsedFilter } from './nql-filter.js';

/** What one resource allows: the knobs of Ghost's query parameters, as data. */
export interface ResourceSpec {
  includes: readonly string[];
  /** Top-level fields `fields=` may pick (besides `id`, always sent). */
  fields: readonly string[];
  orderFields: readonly string[];
  defaultOrder: readonly OrderBy[];
  filterFields: FieldAllowList;
  /** Posts and pages have body formats (html, plaintext). */
  formats: boolean;
  /** Posts take `q`, a full-text search (src/search) that narrows the list like `filter`. */
  search?: boolean;
}

export interface OrderBy {
  field: string;
  direction: 'asc' | 'desc';
}

export type BodyFormat = 'html' | 'plaintext';

export interface QueryOptions {
  limit: number;
  page: number;
  include: ReadonlySet<string>;
  fields: readonly string[] | null;
  formats: ReadonlySet<BodyFormat>;
  order: readonly OrderBy[];
  filter: ParsedFilter | null;
  /** Search words (the /search query language), for a resource with `search`; null without. */
  q: string | null;
}

export const PAGE_LIMITS = { defaultLimit: 15, maxLimit: 100, maxPage: 100_000 } as const;
/** Ghost's other formats: accepted so Ghost clients that ask for them still work, but Dateline has no such bodies. */
const IGNORED_FORMATS = new Set(['mobiledoc', 'lexical']);
/** The parameters that shape an answer, in the order the cache key lists them. */
export const ANSWER_PARAMETERS = ['filter', 'q', 'include', 'fields', 'formats', 'limit', 'page', 'order'] as const;

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParameter(name, `${name} was given more than once.`);
  return value;
}

function list(value: string | undefined): string[] {
  return value === undefined ? [] : [...new Set(value.split(',').map((v) => v.trim()).filter(Boolean))];
}

function limitOption(raw: string | undefined): number {
  if (raw === undefined || raw === '') return PAGE_LIMITS.defaultLimit;
  // Ghost caps `all` (and any larger number) at 100 per page since 6.0; so do we.
  if (raw === 'all') return PAGE_LIMITS.maxLimit;
  if (!/^\d{1,12}$/.test(raw) || Number(raw) < 1) throw invalidParameter('limit', `limit must be a whole number from 1 (at most ${PAGE_LIMITS.maxLimit} are sent per page) or "all".`);
  return Math.min(Number(raw), PAGE_LIMITS.maxLimit);
}

function pageOption(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > PAGE_LIMITS.maxPage) throw invalidParameter('page', `page must be a whole number from 1 to ${PAGE_LIMITS.maxPage}.`);
  return Number(raw);
}

function orderOption(raw: string | undefined, spec: ResourceSpec): readonly OrderBy[] {
  const parts = list(raw);
  if (parts.length === 0) return spec.defaultOrder;
  if (parts.length > 3) throw invalidParameter('order', 'order takes at most 3 fields.');
  return parts.map((part) => {
    const [field = '', direction = 'asc', extra] = part.split(/\s+/);
    const dir = direction.toLowerCase();
    if (extra !== undefined || (dir !== 'asc' && dir !== 'desc')) throw invalidParameter('order', `"${part}" is not "field asc" or "field desc".`);
    if (!spec.orderFields.includes(field)) throw invalidParameter('order', `Cannot order by "${field}"; use one of: ${spec.orderFields.join(', ')}.`);
    return { field, direction: dir };
  });
}

/**
 * Reads Ghost's query parameters for one resource. Unknown parameters are ignored, as Ghost
 * ignores them (the JavaScript client sends `slug` along with a read by slug); known ones with
 * a value we cannot serve are refused with Ghost's 422 ValidationError naming the parameter.
 */
export function readQueryOptions(query: Record<string, unknown>, spec: ResourceSpec, now: Date, browse: boolean): QueryOptions {
  const include = list(single(query, 'include')?.toLowerCase());
  for (const name of include) if (!spec.includes.includes(name)) throw invalidParameter('include', `Unknown include "${name}"; this resource includes: ${spec.includes.join(', ') || 'nothing'}.`);
  const fields = list(single(query, 'fields'));
  for (const name of fields) if (name !== 'id' && !spec.fields.includes(name)) throw invalidParameter('fields', `Unknown field "${name}".`);
  const formats = new Set<BodyFormat>();
  for (const name of list(single(query, 'formats'))) {
    if (name === 'html' || name === 'plaintext') formats.add(name);
    else if (!IGNORED_FORMATS.has(name) || !spec.formats) throw invalidParameter('formats', `Unknown format "${name}"; use html or plaintext.`);
  }
  if (formats.size === 0) formats.add('html');
  const filter = single(query, 'filter');
  const q = single(query, 'q')?.trim();
  return {
    limit: browse ? limitOption(single(query, 'limit')) : 1,
    page: browse ? pageOption(single(query, 'page')) : 1,
    include: new Set(include),
    fields: fields.length ? ['id', ...fields.filter((f) => f !== 'id')] : null,
    formats,
    order: orderOption(single(query, 'order'), spec),
    filter: browse && filter ? parseFilter(filter, spec.filterFields, now) : null,
    q: browse && spec.search && q ? q : null,
  };
}

/**
 * The cache key of an answer: the resource path and the parameters that shape it, read raw
 * (no parsing on a cache hit). `key` is left out: any valid key gets the same answer.
 */
export function answerKey(path: string, query: Record<string, unknown>): string {
  let key = path;
  for (const name of ANSWER_PARAMETERS) {
    const value = query[name];
    if (value !== undefined) key += `&${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
  }
  return key;
}
