import { test } from 'node:test';
import assert from 'node:assert/strict';
import { etagMatches } from './etag-match.js';

test('an identical tag matches, and so does its weak form (weak comparison)', () => {
  assert.equal(etagMatches('"abc"', '"abc"'), true);
  assert.equal(etagMatches('W/"abc"', '"abc"'), true);
  assert.equal(etagMatches('"abc"', 'W/"abc"'), true);
});

test('a list matches when any member matches', () => {
  assert.equal(etagMatches('"x", W/"abc"', '"abc"'), true);
  assert.equal(etagMatches('"x","y" ,  "abc"', '"abc"'), true);
  assert.equal(etagMatches('"x", "y"', '"abc"'), false);
});

test('* matches any current representation', () => {
  assert.equal(etagMatches('*', '"abc"'), true);
  assert.equal(etagMatches(' * ', '"abc-br"'), true);
});

test('the tag of another encoding, a prefix or an unquoted value does not match', () => {
  assert.equal(etagMatches('"abc-br"', '"abc"'), false);
  assert.equal(etagMatches('"abc"', '"abc-gz"'), false);
  assert.equal(etagMatches('"ab"', '"abc"'), false);
  assert.equal(etagMatches('abc', '"abc"'), false);
  assert.equal(etagMatches('"abc', '"abc"'), false);
  assert.equal(etagMatches('junk, "abc"', '"abc"'), true, 'a malformed member does not hide the others');
  assert.equal(etagMatches('', '"abc"'), false);
});
