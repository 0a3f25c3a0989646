import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidSlug, slugFromPathSegment, slugify } from './slug.js';

test('an English headline becomes a lowercase hyphenated slug', () => {
  assert.equal(slugify('Monsoon Arrives Early in Kerala — IMD’s Forecast, 2025!'), 'monsoon-arrives-early-in-kerala-imds-forecast-2025');
});

test('a Hindi headline keeps its Devanagari letters and vowel signs', () => {
  const slug = slugify('दिल्ली में मानसून की पहली बारिश');
  assert.equal(slug, 'दिल्ली-में-मानसून-की-पहली-बारिश');
  assert.ok(isValidSlug(slug));
  assert.equal(slugFromPathSegment(encodeURIComponent(slug)), slug);
});

test('a very long headline is cut at a word boundary', () => {
  const slug = slugify('word '.repeat(60));
  assert.ok(slug.length <= 96);
  assert.ok(!slug.endsWith('-'));
  assert.match(slug, /^(word-)*word$/);
});

test('path traversal and malformed escapes are not slugs', () => {
  assert.equal(slugFromPathSegment('..%2F..%2Fetc%2Fpasswd'), null);
  assert.equal(slugFromPathSegment('%E0%A4'), null);
  assert.equal(slugFromPathSegment('a..b'), null);
  assert.equal(slugFromPathSegment(''), null);
});
