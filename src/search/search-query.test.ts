import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fts5Match, isSearchable, MAX_QUERY_CHARS, parseQuery } from './search-query.js';
import { highlightHtml } from './search-highlight.js';
import { editDistance, suggest, vocabularyOf } from './did-you-mean.js';

test('words, phrases, exclusions and OR become clauses', () => {
  assert.deepEqual(parseQuery('monsoon "rajnath singh" -cricket sco OR brics').clauses, [
    { phrases: ['monsoon'], negated: false },
    { phrases: ['rajnath singh'], negated: false },
    { phrases: ['cricket'], negated: true },
    { phrases: ['sco', 'brics'], negated: false },
  ]);
  assert.equal(parseQuery('monsoon "rajnath singh" -cricket sco OR brics').text, 'monsoon "rajnath singh" -cricket sco OR brics');
});

test('operators alone, symbols and bare AND leave nothing to search for', () => {
  for (const q of ['', 'AND', 'OR', 'AND OR', '*', '"', '-', '- -', '(((', '-monsoon', '"" *']) assert.equal(isSearchable(parseQuery(q)), false, q);
});

test('FTS syntax is quoted, never passed through', () => {
  assert.equal(fts5Match(parseQuery('S-400 NEAR( a*')), '("S-400" AND "NEAR(" AND "a*")');
  assert.equal(fts5Match(parseQuery('x -"y z" OR w')), '("x" AND "w") NOT "y z"', 'OR after an exclusion starts a new term');
  assert.equal(fts5Match(parseQuery('"he said')), '("he said")');
  assert.equal(fts5Match(parseQuery('a OR b c')), '(("a" OR "b") AND "c")');
});

test('an unbalanced quote runs to the end; long input is cut; control characters go', () => {
  assert.deepEqual(parseQuery('monsoon "kerala rains').clauses[1], { phrases: ['kerala rains'], negated: false });
  assert.ok(parseQuery('x'.repeat(10_000)).text.length <= MAX_QUERY_CHARS);
  assert.equal(parseQuery('a\u0000b\u0001c').text, 'a b c');
});

test('highlights are escaped first, then marked', () => {
  assert.equal(highlightHtml('<b>\u0001Monsoon\u0002</b> & "rain"'), '&lt;b&gt;<mark>Monsoon</mark>&lt;/b&gt; &amp; &quot;rain&quot;');
  assert.equal(highlightHtml('\u0001open'), '<mark>open</mark>');
  assert.equal(highlightHtml('stray\u0002 close'), 'stray close');
  assert.equal(highlightHtml('\u0001S\u0002\u0001-400\u0002'), '<mark>S-400</mark>');
});

test('"did you mean" corrects names within one or two edits', () => {
  const vocabulary = vocabularyOf(['Rajnath Singh', 'Shanghai Cooperation Organisation']);
  assert.equal(editDistance('rajnth', 'rajnath', 2), 1);
  assert.equal(editDistance('sinhg', 'singh', 1), 1, 'a swap is one edit');
  assert.equal(suggest(parseQuery('Rajnth Sinhg'), vocabulary), 'rajnath singh');
  assert.equal(suggest(parseQuery('"shangai cooperation"'), vocabulary), '"shanghai cooperation"');
  assert.equal(suggest(parseQuery('rajnath'), vocabulary), null, 'nothing to correct');
  assert.equal(suggest(parseQuery('budget'), vocabulary), null, 'no name is close');
});
