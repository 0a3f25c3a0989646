import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ogLocale } from './og-locale.js';

test('og:locale takes the story language and the site region where the pair exists', () => {
  assert.equal(ogLocale('hi', 'en-IN'), 'hi_IN');
  assert.equal(ogLocale('bn', 'en-IN'), 'bn_IN');
  assert.equal(ogLocale('en', 'en-GB'), 'en_GB');
  assert.equal(ogLocale('en', 'hi-IN'), 'en_IN');
});

test('og:locale falls back to the language’s own region when the site region makes no sense for it', () => {
  assert.equal(ogLocale('hi', 'en-US'), 'hi_IN', 'not hi_US');
  assert.equal(ogLocale('fr', 'en-IN'), 'fr_FR');
});

test('og:locale keeps a region the story names, and survives bad tags', () => {
  assert.equal(ogLocale('pt-BR', 'en-US'), 'pt_BR');
  assert.equal(ogLocale('', 'en-IN'), 'en_IN');
  assert.equal(ogLocale(null, 'hi-IN'), 'hi_IN');
  assert.equal(ogLocale('not a tag!', 'en-IN'), 'en_IN');
  assert.equal(ogLocale('en', 'en'), 'en_US');
});
