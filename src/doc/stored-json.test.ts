import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storedDocJson } from './stored-json.js';
import type { DocNode } from './types.js';

const ASCII = /^[\x00-\x7f]*$/;
const text = (t: string): DocNode => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });

test('a stored document is ASCII and parses back to the same document', () => {
  const samples = [
    'The “river” rose — and Asha’s well ran dry…',
    'मुख्यमंत्री ने बाढ़ प्रभावित क्षेत्रों की समीक्षा की',
    'Emoji 🌧️ and a flag 🇮🇳, outside the basic plane',
    'Line\u2028and paragraph\u2029separators, NBSP\u00a0, U+0080\u0080, U+FFFF\uffff, é',
    'Quotes " and backslashes \\ and \u0000 controls',
  ];
  for (const sample of samples) {
    const doc = text(sample);
    const stored = storedDocJson(doc);
    assert.match(stored, ASCII, sample);
    assert.deepEqual(JSON.parse(stored), doc, sample);
  }
});

test('a document already in ASCII is stored as JSON.stringify writes it', () => {
  const doc = text('Plain words, "quoted", with a \\ backslash.');
  assert.equal(storedDocJson(doc), JSON.stringify(doc));
});
