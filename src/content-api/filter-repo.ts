import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { FilterNode, FilterValue } from './nql-filter.js';

/**
 * Where a filter field lives in SQL. Column names come from this allow-list, never from the
 * request; values are always bound parameters.
 */
export type FilterTarget =
  /** A column or expression of the row being filtered: `articles.slug`, `coalesce(…)`. */
  | { expression: RawBuilder<unknown> }
  /**
   * A column of a related row (a tag's slug): the condition goes inside `exists (…)`. A negative
   * condition means "no related row matches", so `tag:-news` keeps stories without any tag too.
   */
  | { column: RawBuilder<unknown>; exists: (condition: RawBuilder<SqlBool>) => RawBuilder<SqlBool> };

export type FilterTargets = Readonly<Record<string, FilterTarget>>;

const TRUE = sql<SqlBool>`(1 = 1)`;
const FALSE = sql<SqlBool>`(1 = 0)`;

/** Escapes LIKE wildcards in user text (as src/db/text-match.ts does), so `50%` means 50%. */
function likePattern(text: string, anchor: 'contains' | 'starts' | 'ends'): string {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return anchor === 'starts' ? `${escaped}%` : anchor === 'ends' ? `%${escaped}` : `%${escaped}%`;
}

function values(list: FilterValue[]): RawBuilder<unknown> {
  return sql.join(list.map((v) => sql`${v}`));
}

/** The positive form of a condition on one column, and whether the node asked for its negation. */
function condition(node: Exclude<FilterNode, { kind: 'and' | 'or' | 'constant' }>, column: RawBuilder<unknown>): { positive: RawBuilder<SqlBool>; negate: boolean } {
  if (node.kind === 'in') return { positive: sql<SqlBool>`${column} in (${values(node.values)})`, negate: node.negate };
  if (node.kind === 'match') return { positive: sql<SqlBool>`lower(${column}) like ${likePattern(node.text, node.anchor)} escape '\\'`, negate: node.negate };
  if (node.value === null) return { positive: sql<SqlBool>`${column} is null`, negate: node.op === '!=' };
  if (node.op === '!=') return { positive: sql<SqlBool>`${column} = ${node.value}`, negate: true };
  // The operator comes from the parser's fixed set (see nql-filter.ts), never from the request text.
  return { positive: sql<SqlBool>`${column} ${sql.raw(node.op)} ${node.value}`, negate: false };
}

/**
 * Turns a checked filter (nql-filter.ts) into one boolean SQL expression for Kysely's
 * `where`, the same on SQLite and PostgreSQL. Callers AND it with their own conditions
 * (`status = 'published'`); Kysely parenthesises each `where`, so an `or` in the filter
 * cannot reach outside it.
 *
 * @example
 *   q.where('articles.status', '=', 'published').where(filterExpression(parsed.node, POST_TARGETS))
 */
export function filterExpression(node: FilterNode, targets: FilterTargets): RawBuilder<SqlBool> {
  if (node.kind === 'constant') return node.value ? TRUE : FALSE;
  if (node.kind === 'and' || node.kind === 'or') {
    if (node.nodes.length === 0) return node.kind === 'and' ? TRUE : FALSE;
    return sql<SqlBool>`(${sql.join(node.nodes.map((child) => filterExpression(child, targets)), node.kind === 'and' ? sql` and ` : sql` or `)})`;
  }
  const target = targets[node.field.name];
  // The allow-list and the targets are declared together; a gap is our bug, refused rather than ignored.
  if (!target) throw new Error(`No SQL target for filter field ${node.field.name}`);
  if ('expression' in target) {
    if (node.kind === 'compare' && node.value === null) return node.op === '=' ? sql<SqlBool>`(${target.expression} is null)` : sql<SqlBool>`(${target.expression} is not null)`;
    const { positive, negate } = condition(node, target.expression);
    // `not (x = 1)` is unknown for a null x; Ghost's `field:-value` keeps such rows, so say so.
    return negate ? sql<SqlBool>`(not (${positive}) or ${target.expression} is null)` : sql<SqlBool>`(${positive})`;
  }
  const { positive, negate } = condition(node, target.column);
  const found = target.exists(positive);
  return negate ? sql<SqlBool>`(not ${found})` : found;
}
