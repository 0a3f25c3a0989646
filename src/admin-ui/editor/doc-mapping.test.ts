import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from '../../doc/doc-schema.js';
import { toEditorDoc, toServerDoc, type EditorJson } from './doc-mapping.js';

// What TipTap's getJSON() returns for a story using every toolbar feature.
const editorJson: EditorJson = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Too big' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Read ' },
        { type: 'text', text: 'this', marks: [{ type: 'link', attrs: { href: 'https://example.com', target: '_blank', rel: 'noopener', class: null } }, { type: 'bold' }] },
        { type: 'text', text: ' and ', marks: [{ type: 'textStyle', attrs: { color: 'red' } }] },
        { type: 'text', text: 'not this', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'H', marks: [] },
        { type: 'text', text: '2', marks: [{ type: 'subscript' }] },
        { type: 'text', text: '' },
      ],
    },
    { type: 'heading', attrs: { level: 6 }, content: [{ type: 'text', text: 'Too small' }] },
    { type: 'heading', attrs: { level: 3 }, content: [] },
    {
      type: 'blockquote',
      attrs: { attribution: '  Minister of Health ' },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We are ready.' }] }],
    },
    { type: 'blockquote', attrs: { attribution: '' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Unattributed.' }] }] },
    {
      type: 'socialPost',
      attrs: { network: 'x', author: 'PMO India', handle: '@PMOIndia', url: 'https://x.com/PMOIndia/status/1', text: 'Hello', postedAt: '2025-06-27T10:00:00.000Z' },
    },
    { type: 'socialPost', attrs: { network: 'myspace', author: 'A', handle: '', url: 'javascript:x', text: 'T', postedAt: 'yesterday' } },
    { type: 'image', attrs: { mediaId: 'm1', src: null, alt: 'A crowd', caption: '', credit: 'ANI' } },
    { type: 'image', attrs: { mediaId: null, src: null, alt: 'lost' } },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }] },
    { type: 'orderedList', attrs: { start: 1, type: null }, content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
    { type: 'orderedList', attrs: { start: 4 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'four' }] }] }] },
    { type: 'horizontalRule' },
    { type: 'paragraph' },
  ],
};

test('what the editor saves is accepted by the server schema', () => {
  const result = parseDocument(toServerDoc(editorJson));
  assert.equal(result.ok, true, result.ok ? '' : `${result.field}: ${result.message}`);
});

test('headings are clamped to levels 2 to 4 and empty ones dropped', () => {
  const headings = toServerDoc(editorJson).content.filter((n) => n.type === 'heading');
  assert.deepEqual(
    headings.map((h) => (h.type === 'heading' ? h.attrs.level : 0)),
    [2, 4],
  );
});

test('links keep only a safe href; unknown marks and empty text are dropped', () => {
  const paragraph = toServerDoc(editorJson).content[1];
  assert.ok(paragraph?.type === 'paragraph');
  assert.deepEqual(paragraph.content, [
    { type: 'text', text: 'Read ' },
    { type: 'text', text: 'this', marks: [{ type: 'link', attrs: { href: 'https://example.com' } }, { type: 'bold' }] },
    { type: 'text', text: ' and ' },
    { type: 'text', text: 'not this' },
    { type: 'hardBreak' },
    { type: 'text', text: 'H' },
    { type: 'text', text: '2', marks: [{ type: 'subscript' }] },
  ]);
});

test('quotes carry a trimmed attribution, or none', () => {
  const quotes = toServerDoc(editorJson).content.filter((n) => n.type === 'blockquote');
  assert.deepEqual(
    quotes.map((q) => (q.type === 'blockquote' ? (q.attrs?.attribution ?? null) : 'x')),
    ['Minister of Health', null],
  );
});

test('a social post with bad values is saved with safe ones', () => {
  const posts = toServerDoc(editorJson).content.filter((n) => n.type === 'socialPost');
  assert.deepEqual(posts[1], { type: 'socialPost', attrs: { network: 'other', author: 'A', handle: null, url: null, text: 'T', postedAt: null } });
});

test('pictures without a library item or source are dropped; trailing empty paragraphs too', () => {
  const doc = toServerDoc(editorJson);
  assert.equal(doc.content.filter((n) => n.type === 'image').length, 1);
  assert.equal(doc.content.at(-1)?.type, 'horizontalRule');
});

test('ordered lists keep a start other than 1', () => {
  const lists = toServerDoc(editorJson).content.filter((n) => n.type === 'orderedList');
  assert.deepEqual(
    lists.map((l) => (l.type === 'orderedList' ? (l.attrs?.start ?? 1) : 0)),
    [1, 4],
  );
});

test('an empty stored document loads as one empty paragraph', () => {
  assert.deepEqual(toEditorDoc({ type: 'doc', content: [] }), { type: 'doc', content: [{ type: 'paragraph' }] });
  assert.deepEqual(toEditorDoc({ type: 'doc', content: [{ type: 'blockquote', content: [] }] }).content?.[0], {
    type: 'blockquote',
    content: [{ type: 'paragraph' }],
  });
});
