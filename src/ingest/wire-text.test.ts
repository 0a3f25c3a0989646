import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitByline, stripControlChars } from './wire-text.js';

test('byline prefixes in the wires\' languages are dropped', () => {
  const cases: [string, string[]][] = [
    ['By Asha Rao and Tom Field', ['Asha Rao', 'Tom Field']],
    ['Von Greta Vogel und Jonas Brandt', ['Greta Vogel', 'Jonas Brandt']],
    ['Par Camille Roche et Idris Bello', ['Camille Roche', 'Idris Bello']],
    ['Por María Ortega', ['María Ortega']],
    ['Door Pieter de Graaf en Lotte Smit', ['Pieter de Graaf', 'Lotte Smit']],
    ['Av Karin Sjöberg och Nils Berg', ['Karin Sjöberg', 'Nils Berg']],
    ['af Mette Lund og Anders Kjær', ['Mette Lund', 'Anders Kjær']],
    ['De Ion Popescu', ['Ion Popescu']],
    ['Di Chiara Bianchi', ['Chiara Bianchi']],
    ['BY: Anna Lee', ['Anna Lee']],
    ['Von: Greta Vogel', ['Greta Vogel']],
  ];
  for (const [byline, names] of cases) assert.deepEqual(splitByline(byline), names, byline);
});

test('a prefix word that is part of a name is kept', () => {
  const cases: [string, string[]][] = [
    ['Da Silva', ['Da Silva']],
    ['De Silva', ['De Silva']],
    ['Van Morrison', ['Van Morrison']],
    ['Van der Berg', ['Van der Berg']],
    ['von der Heide', ['von der Heide']],
    ['De la Cruz', ['De la Cruz']],
    ['Par', ['Par']],
    ['Ana Da Silva', ['Ana Da Silva']],
    ['José Ortega y Gasset', ['José Ortega y Gasset']],
  ];
  for (const [byline, names] of cases) assert.deepEqual(splitByline(byline), names, byline);
});

test('a trailing agency or organisation is not part of the person\'s name', () => {
  assert.deepEqual(splitByline('Greta Vogel, dpa'), ['Greta Vogel']);
  assert.deepEqual(splitByline('Von Greta Vogel, dpa'), ['Greta Vogel']);
  assert.deepEqual(splitByline('Noor Siddiqui/AP'), ['Noor Siddiqui']);
  assert.deepEqual(splitByline('Noor Siddiqui (Reuters)'), ['Noor Siddiqui']);
  assert.deepEqual(splitByline('Astrid Holm/NVN', 'NVN'), ['Astrid Holm']);
  assert.deepEqual(splitByline('Lena Ortiz, Harbour Wire Agency'), ['Lena Ortiz']);
  assert.deepEqual(splitByline('Trond Berg, The Harbour Ledger'), ['Trond Berg']);
  // Only agencies are cut: a slash or brackets that are part of a credit stay.
  assert.deepEqual(splitByline('Jane Doe (Photos)'), ['Jane Doe (Photos)']);
  assert.deepEqual(splitByline('Jane Press'), ['Jane Press']);
  // When the agency is all there is, it stays, so the story is not left without a byline.
  assert.deepEqual(splitByline('dpa'), ['dpa']);
  assert.deepEqual(splitByline('By Reuters'), ['Reuters']);
});

test('control characters are stripped from every string, tab and line breaks kept', () => {
  const input = { a: 'x\u0000y', b: ['\u0001ok\u001f', { c: 'tab\tnew\nline\r' }], n: 3, t: true, z: null };
  assert.deepEqual(stripControlChars(input), { a: 'xy', b: ['ok', { c: 'tab\tnew\nline\r' }], n: 3, t: true, z: null });
  assert.equal(input.a, 'x\u0000y', 'the input is not changed');
  assert.equal(stripControlChars('\u0000'), '');
});

test('stripping survives deep nesting and keeps "__proto__" an ordinary key', () => {
  let deep: unknown = 'leaf\u0000';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  let out = stripControlChars(deep);
  for (let i = 0; i < 100_000; i++) out = (out as unknown[])[0];
  assert.equal(out, 'leaf');
  const hostile = stripControlChars(JSON.parse('{"__proto__": {"headline": "injected"}}')) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(hostile), Object.prototype);
  assert.equal((hostile as { headline?: unknown }).headline, undefined);
  assert.deepEqual(Object.keys(hostile), ['__proto__']);
});
