import { test } from 'node:test';
import assert from 'node:assert/strict';
import { etagOf } from '../shared/representations.js';
import { pageBytes } from './page-bytes.js';

const CSS = 'body{font:1rem/1.5 Georgia,serif}'.repeat(40);

test('a page is sent as exactly the bytes of its text, wherever the stylesheet sits in it', () => {
  const pages = [
    `<!doctype html><head><style>${CSS}</style></head><body><p>Asha’s “well” — दिल्ली 🌧️</p></body>`,
    `${CSS}<p>stylesheet first</p>`,
    `<p>stylesheet last — é</p>${CSS}`,
    CSS,
    '<p>no stylesheet at all</p>',
  ];
  for (const page of pages) assert.deepEqual(pageBytes(page, CSS).body, Buffer.from(page), page.slice(0, 40));
});

test('the entity tag is the same for the same page, and changes with any byte of it', () => {
  const page = (text: string) => `<head><style>${CSS}</style></head><body><h1>${text}</h1></body>`;
  const tag = pageBytes(page('Monsoon reaches the coast'), CSS).etag;
  assert.match(tag, /^"[A-Za-z0-9_-]{22}"$/);
  // Built piece by piece (a rope, as templates make it) or whole: the same tag.
  let rope = '';
  for (const piece of page('Monsoon reaches the coast').match(/[\s\S]{1,7}/g)!) rope += piece;
  assert.equal(pageBytes(rope, CSS).etag, tag);
  assert.notEqual(pageBytes(page('Monsoon reaches the coasts'), CSS).etag, tag, 'after the stylesheet');
  assert.notEqual(pageBytes(page('Monsoon reaches the coast').replace('<head>', '<head> '), CSS).etag, tag, 'before it');
  const otherCss = CSS.replace('serif', 'sans');
  assert.notEqual(pageBytes(page('Monsoon reaches the coast').replace(CSS, otherCss), otherCss).etag, tag, 'in it');
});

test('a page without the stylesheet is tagged from its bytes, as any other answer', () => {
  const page = '<p>Gone</p>';
  assert.equal(pageBytes(page, CSS).etag, etagOf(Buffer.from(page)));
});
