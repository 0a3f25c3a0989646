import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCodingNegotiator, preferredCoding } from './accept-encoding.js';

test('browsers that take brotli get brotli, whatever the order they list codings in', () => {
  assert.equal(preferredCoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(preferredCoding('br, gzip'), 'br');
  assert.equal(preferredCoding('GZIP, BR'), 'br', 'coding names are case-insensitive');
  assert.equal(preferredCoding('gzip;q=1.0, br;q=1.0'), 'br', 'a tie goes to brotli');
});

test('q-values rank codings and q=0 refuses one', () => {
  assert.equal(preferredCoding('br;q=0.5, gzip'), 'gzip');
  assert.equal(preferredCoding('br;q=0, gzip'), 'gzip');
  assert.equal(preferredCoding('br; q=0.000 , gzip ; q=0.2'), 'gzip', 'spaces around parameters are allowed');
  assert.equal(preferredCoding('gzip;q=0, br;q=0'), 'identity');
  assert.equal(preferredCoding('x-gzip'), 'gzip', 'x-gzip is gzip');
  assert.equal(preferredCoding('deflate, zstd'), 'identity', 'codings we do not store');
});

test('a malformed q-value ignores its entry instead of accepting it', () => {
  assert.equal(preferredCoding('br;q=2, gzip'), 'gzip');
  assert.equal(preferredCoding('br;q=abc'), 'identity');
  assert.equal(preferredCoding('br;q=0.1234, gzip;q=0.5'), 'gzip');
});

test('* stands for every coding not listed by name', () => {
  assert.equal(preferredCoding('*'), 'br');
  assert.equal(preferredCoding('br;q=0, *'), 'gzip');
  assert.equal(preferredCoding('*;q=0'), 'identity');
  assert.equal(preferredCoding('gzip, *;q=0'), 'gzip');
});

test('identity is chosen without the header, with an empty one, or when weighed higher by name', () => {
  assert.equal(preferredCoding(undefined), 'identity');
  assert.equal(preferredCoding(''), 'identity');
  assert.equal(preferredCoding('identity'), 'identity');
  assert.equal(preferredCoding('identity, gzip;q=0.5'), 'identity');
  assert.equal(preferredCoding('identity;q=0.5, gzip'), 'gzip');
  assert.equal(preferredCoding('identity;q=0, br'), 'br');
});

test('the negotiator remembers decisions, and a flood of distinct headers does not grow it past its bound', () => {
  const negotiate = createCodingNegotiator(4);
  assert.equal(negotiate('gzip, deflate, br'), 'br');
  assert.equal(negotiate('gzip, deflate, br'), 'br');
  for (let i = 0; i < 100; i++) assert.equal(negotiate(`gzip;q=0.${i % 10}, x-${i}`), i % 10 === 0 ? 'identity' : 'gzip');
  assert.equal(negotiate(undefined), 'identity');
});
