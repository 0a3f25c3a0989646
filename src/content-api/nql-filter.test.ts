import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GhostError } from './ghost-errors.js';
import { FILTER_LIMITS, parseFilter, type FilterNode } from './nql-filter.js';
import { AUTHORS, POST_FILTER_FIELDS } from './resources.js';

const NOW = new Date('2025-06-27T04:30:00Z');
const parse = (filter: string) => parseFilter(filter, POST_FILTER_FIELDS, NOW);
const node = (filter: string) => parse(filter).node;

function refused(filter: string, context: RegExp, fields = POST_FILTER_FIELDS) {
  assert.throws(
    () => parseFilter(filter, fields, NOW),
    (err: unknown) => err instanceof GhostError && err.type === 'BadRequestError' && err.status === 400 && err.property === 'filter' && context.test(err.context ?? ''),
    filter.slice(0, 80),
  );
}

test('Ghost aliases reach one field: tag, tags and tags.slug are the same relation', () => {
  for (const filter of ['tag:weather', 'tags:weather', 'tags.slug:weather']) {
    const n = node(filter);
    assert.ok(n.kind === 'compare' && n.field.name === 'tags.slug' && n.field.many && n.value === 'weather' && n.op === '=', filter);
  }
});

test('lists, negations, ranges and all-of are read as Ghost reads them', () => {
  assert.deepEqual(node('tag:[weather,harbour]'), { kind: 'in', field: POST_FILTER_FIELDS.tag, values: ['weather', 'harbour'], negate: false });
  assert.deepEqual(node('tag:-[weather]'), { kind: 'in', field: POST_FILTER_FIELDS.tag, values: ['weather'], negate: true });
  assert.deepEqual(node('slug:-rain'), { kind: 'compare', field: POST_FILTER_FIELDS.slug, op: '!=', value: 'rain' });
  const range = node("published_at:>='2025-06-01 10:00:00'+published_at:<2025-07-01") as Extract<FilterNode, { kind: 'and' }>;
  assert.equal(range.kind, 'and');
  assert.deepEqual(range.nodes.map((n) => n.kind === 'compare' && [n.op, n.value]), [['>=', '2025-06-01T10:00:00.000Z'], ['<', '2025-07-01T00:00:00.000Z']]);
  assert.deepEqual(node('views:>10'), { kind: 'compare', field: POST_FILTER_FIELDS.views, op: '>', value: 10 });
});

test('contains, starts with and ends with become LIKE patterns, not regular expressions', () => {
  assert.deepEqual(node("title:~'Rain'"), { kind: 'match', field: POST_FILTER_FIELDS.title, text: 'Rain', anchor: 'contains', negate: false });
  assert.deepEqual(node("title:~^'Rain.'"), { kind: 'match', field: POST_FILTER_FIELDS.title, text: 'Rain.', anchor: 'starts', negate: false });
  assert.deepEqual(node("title:-~$'50%'"), { kind: 'match', field: POST_FILTER_FIELDS.title, text: '50%', anchor: 'ends', negate: true });
});

test('relative dates use the clock it is given and mark the answer as time-dependent', () => {
  const parsed = parse('published_at:>now-7d');
  assert.equal(parsed.relative, true);
  assert.deepEqual(parsed.node, { kind: 'compare', field: POST_FILTER_FIELDS.published_at, op: '>', value: '2025-06-20T04:30:00.000Z' });
  assert.equal(parse('published_at:>now-1M').node.kind === 'compare' && (parse('published_at:>now-1M').node as { value: string }).value, '2025-05-27T04:30:00.000Z');
  assert.equal(parse('tag:weather').relative, false);
});

test('status, visibility and featured are answered without the database: only published, public, unfeatured', () => {
  assert.deepEqual(node('status:draft'), { kind: 'constant', value: false });
  assert.deepEqual(node('status:[draft,scheduled]'), { kind: 'constant', value: false });
  assert.deepEqual(node('status:-published'), { kind: 'constant', value: false });
  assert.deepEqual(node('status:published'), { kind: 'constant', value: true });
  assert.deepEqual(node('visibility:public'), { kind: 'constant', value: true });
  assert.deepEqual(node('visibility:paid'), { kind: 'constant', value: false });
  assert.deepEqual(node('featured:true'), { kind: 'constant', value: false });
  assert.deepEqual(node('featured:false'), { kind: 'constant', value: true });
  refused('status:>draft', /equality/);
});

test('a field outside the allow-list is refused by name, nested or not', () => {
  refused('body:secret', /"body" is not available/);
  refused('tag:weather,(working_copy:xx+slug:yy)', /"working_copy" is not available/);
  refused('scheduled_at:>2020-01-01', /"scheduled_at"/);
  refused('email:a', /"email" is not available/, AUTHORS.filterFields);
});

test('malformed filters, bad values and oversized filters are refused with a reason', () => {
  refused('tag:', /unexpected character/);
  refused('tag:news)', /unexpected character/);
  refused('published_at:>yesterday', /takes a date/);
  refused('published_at:>2025-13-45', /takes a date/);
  refused('views:>lots', /whole number/);
  refused('slug:[aa+bb]', /one value per item/);
  refused('slug:>null', /null by equality/);
  refused('tag:[null]', /null cannot go in a list/);
  refused(`slug:${'a'.repeat(FILTER_LIMITS.maxLength)}`, /at most 2000/);
  refused(`slug:${'a'.repeat(10_000)}`, /10005 characters long/);
  refused(Array.from({ length: 61 }, (_, i) => `slug:s${i}`).join('+'), /more than 60 conditions/);
  assert.equal(node('(((tag:aa,tag:bb)))').kind, 'or');
  refused(`${'('.repeat(12)}tag:aa,tag:bb${')'.repeat(12)}`, /nests deeper than 8/);
  refused(`${'('.repeat(5000)}tag:aa${')'.repeat(5000)}`, /characters long/);
  refused(`${'('.repeat(990)}tag:aa${')'.repeat(990)}`, /nests deeper than 8/);
  let nested = 'tag:aa+tag:bb';
  for (let i = 0; i < 10; i++) nested = `(${nested}),tag:cc${i}+tag:dd${i}`;
  refused(nested, /nests deeper than 8/);
});

test('a filter made to be slow to tokenise is still parsed quickly', () => {
  const started = performance.now();
  for (const filter of [`title:'${"\\'".repeat(900)}`, `slug:${'a\\,'.repeat(600)}`, `tag:[${'a,'.repeat(500)}a]`]) {
    try {
      parse(filter);
    } catch {
      // Refusals are fine; time is what is measured.
    }
  }
  assert.ok(performance.now() - started < 500, 'three worst-case filters parse within half a second');
});
