import { createRequire } from 'node:module';
import { badFilter } from './ghost-errors.js';

// nql-lang is CommonJS (a jison parser); the grammar is Ghost's, so filters mean what they mean to Ghost.
const nql = createRequire(import.meta.url)('@tryghost/nql-lang') as { parse(input: string, options?: { preserveRelativeDates?: boolean }): unknown };

/** What a filter may touch: each allowed name (aliases included) and the kind of value it holds. */
export interface FilterField {
  /** The one name the repository knows it by: `tag`, `tags` and `tags.slug` are all `tags.slug`. */
  name: string;
  type: 'text' | 'date' | 'number';
  /** A relation with several values per item (tags, authors): `$all` is allowed, `-` means "none of". */
  many?: boolean;
}
/** A field whose value is the same for everything the Content API serves (status, visibility, featured). */
export interface ConstantField {
  constant: string | boolean;
}
export type FieldAllowList = Readonly<Record<string, FilterField | ConstantField>>;

export type FilterValue = string | number | null;
export type FilterNode =
  | { kind: 'and'; nodes: FilterNode[] }
  | { kind: 'or'; nodes: FilterNode[] }
  | { kind: 'compare'; field: FilterField; op: '=' | '!=' | '>' | '>=' | '<' | '<='; value: FilterValue }
  | { kind: 'in'; field: FilterField; values: FilterValue[]; negate: boolean }
  | { kind: 'match'; field: FilterField; text: string; anchor: 'contains' | 'starts' | 'ends'; negate: boolean }
  | { kind: 'constant'; value: boolean };

export interface ParsedFilter {
  node: FilterNode;
  /** The filter used `now-…`: its answer changes with time, not only with content. */
  relative: boolean;
}

export const FILTER_LIMITS = { maxLength: 2000, maxDepth: 8, maxClauses: 60, maxListValues: 100 } as const;

const OPS = { $ne: '!=', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;
type Raw = string | number | boolean | null | RegExp | { [key: string]: unknown } | unknown[];

/**
 * Parses an NQL filter with Ghost's own grammar into Ghost's Mongo-style query object, then
 * checks it against an allow-list into a small tree the repository turns into Kysely
 * expressions. Nothing here builds SQL, and nothing here can say which stories are eligible:
 * the repository ANDs this tree with `status = 'published'` outside it.
 *
 * @example
 *   parseFilter("tag:news+published_at:>'2025-06-01'", POST_FIELDS, new Date())
 *   // { node: { kind: 'and', nodes: [ {kind:'compare', field: tags.slug, …}, … ] }, relative: false }
 */
export function parseFilter(input: string, fields: FieldAllowList, now: Date): ParsedFilter {
  if (input.length > FILTER_LIMITS.maxLength) throw badFilter(`The filter is ${input.length} characters long; at most ${FILTER_LIMITS.maxLength} are accepted.`);
  let raw: unknown;
  try {
    raw = nql.parse(input, { preserveRelativeDates: true });
  } catch (err) {
    throw badFilter(String((err as Error).message).split('\n')[0]!);
  }
  const state = { clauses: 0, relative: false };
  return { node: compile(raw, fields, now, state, 0), relative: state.relative };
}

function compile(raw: unknown, fields: FieldAllowList, now: Date, state: { clauses: number; relative: boolean }, depth: number): FilterNode {
  if (depth > FILTER_LIMITS.maxDepth) throw badFilter(`The filter nests deeper than ${FILTER_LIMITS.maxDepth} levels.`);
  if (!isPlainObject(raw)) throw badFilter('The filter is not a list of field:value conditions.');
  const nodes: FilterNode[] = [];
  for (const [key, value] of Object.entries(raw)) {
    // A parenthesised group the grammar left wrapped (it unwraps only the outermost).
    if (key === 'yg') {
      nodes.push(compile(value, fields, now, state, depth + 1));
      continue;
    }
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) throw badFilter(`${key} needs a list.`);
      const children = value.map((child) => compile(child, fields, now, state, depth + 1));
      nodes.push(key === '$and' ? { kind: 'and', nodes: children } : { kind: 'or', nodes: children });
      continue;
    }
    if (++state.clauses > FILTER_LIMITS.maxClauses) throw badFilter(`The filter has more than ${FILTER_LIMITS.maxClauses} conditions.`);
    const field = Object.hasOwn(fields, key) ? fields[key]! : undefined;
    if (!field) throw badFilter(`The filter field "${key}" is not available; use one of: ${Object.keys(fields).join(', ')}.`);
    nodes.push('constant' in field ? constantCondition(key, field.constant, value as Raw) : condition(key, field, value as Raw, now, state));
  }
  return nodes.length === 1 ? nodes[0]! : { kind: 'and', nodes };
}

/** One `field:value` condition on a real column or relation. */
function condition(key: string, field: FilterField, value: Raw, now: Date, state: { relative: boolean }): FilterNode {
  const scalar = (v: unknown) => toValue(key, field, v, now, state);
  if (!isPlainObject(value) || '$relativeDate' in value) return { kind: 'compare', field, op: '=', value: scalar(value) };
  const entries = Object.entries(value);
  if (entries.length !== 1) throw badFilter(`"${key}" has more than one operator.`);
  const [op, operand] = entries[0]!;
  if (op in OPS) {
    const v = scalar(operand);
    if (v === null && op !== '$ne') throw badFilter(`"${key}" can only be compared with null by equality.`);
    return { kind: 'compare', field, op: OPS[op as keyof typeof OPS], value: v };
  }
  if (op === '$in' || op === '$nin' || op === '$all') {
    const list = Array.isArray(operand) ? operand : [];
    if (list.length === 0 || list.length > FILTER_LIMITS.maxListValues) throw badFilter(`"${key}" needs a list of 1 to ${FILTER_LIMITS.maxListValues} values.`);
    const values = list.map(scalar);
    if (values.includes(null)) throw badFilter(`"${key}": null cannot go in a list; use ${key}:null or ${key}:-null.`);
    if (op !== '$all') return { kind: 'in', field, values, negate: op === '$nin' };
    if (!field.many) throw badFilter(`"${key}" has one value per item; [a+b] (all of) works on tags and authors.`);
    return { kind: 'and', nodes: values.map((v) => ({ kind: 'compare', field, op: '=', value: v }) as FilterNode) };
  }
  if ((op === '$regex' || op === '$not') && operand instanceof RegExp) {
    if (field.type !== 'text') throw badFilter(`"${key}" is not text; ~ (contains) works on text fields.`);
    return { ...regexPattern(operand), kind: 'match', field, negate: op === '$not' };
  }
  throw badFilter(`The operator ${op} is not supported on "${key}".`);
}

/** status, visibility, featured: the answer is known without asking the database. */
function constantCondition(key: string, constant: string | boolean, value: Raw): FilterNode {
  const same = (v: unknown) => v === constant || (typeof constant === 'boolean' ? false : String(v) === constant);
  if (!isPlainObject(value)) return { kind: 'constant', value: same(value) };
  const [op, operand] = Object.entries(value)[0] ?? [];
  if (op === '$ne') return { kind: 'constant', value: !same(operand) };
  if ((op === '$in' || op === '$nin') && Array.isArray(operand)) {
    const any = operand.some(same);
    return { kind: 'constant', value: op === '$in' ? any : !any };
  }
  throw badFilter(`"${key}" can only be compared for equality.`);
}

function toValue(key: string, field: FilterField, value: unknown, now: Date, state: { relative: boolean }): FilterValue {
  if (value === null) return null;
  if (field.type === 'number') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(n)) throw badFilter(`"${key}" takes a whole number.`);
    return n;
  }
  if (field.type === 'date') {
    if (isPlainObject(value) && isPlainObject(value.$relativeDate)) {
      state.relative = true;
      return relativeDate(value.$relativeDate, now);
    }
    const iso = typeof value === 'string' ? isoDate(value) : null;
    if (!iso) throw badFilter(`"${key}" takes a date such as 2025-06-27, '2025-06-27 10:30:00' (UTC) or now-7d.`);
    return iso;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw badFilter(`"${key}" takes text.`);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Ghost's dates are UTC unless they say otherwise; ours are stored as ISO-8601 UTC text, so compare in that form. */
function isoDate(text: string): string | null {
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** `now-30d` by our clock (the grammar would use the machine's), so it is testable and the same on every node. */
function relativeDate(spec: Record<string, unknown>, now: Date): string {
  const amount = Number(spec.amount) * (spec.op === 'add' ? 1 : -1);
  const date = new Date(now);
  const unit = String(spec.unit);
  if (unit === 'years') date.setUTCFullYear(date.getUTCFullYear() + amount);
  else if (unit === 'months') date.setUTCMonth(date.getUTCMonth() + amount);
  else {
    const ms = { weeks: 604_800_000, days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1000 }[unit];
    if (ms === undefined) throw badFilter(`Unknown unit in a relative date: ${unit}.`);
    date.setTime(date.getTime() + amount * ms);
  }
  if (Number.isNaN(date.getTime())) throw badFilter('The relative date is out of range.');
  return date.toISOString();
}

/** The grammar turns `~'x'`, `~^'x'` and `~$'x'` into an escaped, anchored RegExp; read the text and anchor back out. */
function regexPattern(re: RegExp): { text: string; anchor: 'contains' | 'starts' | 'ends' } {
  let source = re.source;
  let anchor: 'contains' | 'starts' | 'ends' = 'contains';
  if (source.startsWith('^')) {
    anchor = 'starts';
    source = source.slice(1);
  } else if (source.endsWith('$') && !source.endsWith('\\$')) {
    anchor = 'ends';
    source = source.slice(0, -1);
  }
  return { text: source.replace(/\\(.)/g, '$1'), anchor };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RegExp);
}
