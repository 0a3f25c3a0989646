import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromParagraphs, documentText, excerpt, readingMinutes, wordCount } from './doc-text.js';
import type { BlockNode, DocNode } from './types.js';

const para = (text: string): BlockNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = (...content: BlockNode[]): DocNode => ({ type: 'doc', content });
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

test('document text puts every block on its own, separated by blank lines', () => {
  const body = doc(
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Head' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'one ' }, { type: 'text', text: 'bold', marks: [{ type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: 'two' }] },
    { type: 'paragraph' },
    { type: 'blockquote', attrs: { attribution: 'Mayor' }, content: [para('We are ready.')] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [para('first')] }, { type: 'listItem', content: [para('second')] }] },
    { type: 'socialPost', attrs: { network: 'x', author: 'Jane', handle: '@jane', text: 'Posted text' } },
    { type: 'image', attrs: { mediaId: 'm1', caption: 'A caption' } },
    { type: 'horizontalRule' },
  );
  assert.equal(documentText(body), 'Head\n\none bold\ntwo\n\nWe are ready.\n\n— Mayor\n\nfirst\n\nsecond\n\nPosted text\n\n— Jane (@jane)\n\nA caption');
});

test('word count ignores punctuation and counts each CJK character as a word', () => {
  assert.equal(wordCount(doc(para("The council's e-mail — sent at 3.30pm — said: “No.”"))), 8);
  assert.equal(wordCount(doc(para('東京都は'))), 4);
  assert.equal(wordCount(doc(para('नमस्ते दुनिया'))), 2);
  assert.equal(wordCount(doc()), 0);
});

test('reading time is at least one minute and rounds at the given pace', () => {
  assert.equal(readingMinutes(doc()), 1);
  assert.equal(readingMinutes(doc(para(words(1_200)))), 5);
  assert.equal(readingMinutes(doc(para(words(1_200))), 100), 12);
  assert.equal(readingMinutes(doc(para(words(1_200))), 0), 5);
});

test('an excerpt is the first paragraph, cut at a word boundary with an ellipsis', () => {
  const body = doc(
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Not this' }] },
    para('The council voted on Tuesday to close the pool, citing cracks.'),
    para('Second paragraph.'),
  );
  assert.equal(excerpt(body), 'The council voted on Tuesday to close the pool, citing cracks.');
  assert.equal(excerpt(body, 30), 'The council voted on Tuesday…');
  assert.equal(excerpt(body, 50), 'The council voted on Tuesday to close the pool…');
  for (let max = 2; max < 70; max++) assert.ok(excerpt(body, max).length <= max, `max ${max}`);
});

test('an excerpt never splits a character, even inside one long word', () => {
  const cut = excerpt(doc(para('😀'.repeat(50))), 10);
  assert.ok(cut.length <= 10);
  assert.doesNotMatch(cut, /[\ud800-\udbff](?![\udc00-\udfff])/);
});

test('an excerpt falls back to the first block when there is no paragraph', () => {
  assert.equal(excerpt(doc({ type: 'bulletList', content: [{ type: 'listItem', content: [para('Only a list')] }] })), 'Only a list');
  assert.equal(excerpt(doc()), '');
});

test('paragraphs build a document, with line breaks as hard breaks and blanks skipped', () => {
  assert.deepEqual(docFromParagraphs(['First', '  ', 'Line one\nLine two']), {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'First' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Line one' }, { type: 'hardBreak' }, { type: 'text', text: 'Line two' }] },
    ],
  });
});

test('text helpers never throw on garbage documents', () => {
  const inputs = [null, 5, {}, { content: 'x' }, { content: [null, { type: 'paragraph', content: 7 }, { type: 'blockquote', attrs: 3, content: [{}] }, { type: 'socialPost' }] }];
  for (const input of inputs) {
    const garbage = input as unknown as DocNode;
    assert.doesNotThrow(() => [documentText(garbage), wordCount(garbage), readingMinutes(garbage), excerpt(garbage)]);
  }
});
