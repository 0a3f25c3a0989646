import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { DOC_LIMITS } from './doc-limits.js';
import { docSchema, parseDocument } from './doc-schema.js';

const para = (text: string, marks?: unknown[]) => ({ type: 'paragraph', content: [marks ? { type: 'text', text, marks } : { type: 'text', text }] });
const doc = (...content: unknown[]) => ({ type: 'doc', content });

function failure(input: unknown): { field: string; message: string } {
  const result = parseDocument(input);
  assert.equal(result.ok, false, 'expected the document to be refused');
  if (result.ok) throw new Error('unreachable');
  assert.equal(result.reason, 'invalid_document');
  return { field: result.field, message: result.message };
}

const everyNode = doc(
  { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Head' }] },
  { type: 'paragraph', content: [{ type: 'text', text: 'a', marks: [{ type: 'link', attrs: { href: 'https://e.com' } }, { type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: 'b' }] },
  { type: 'paragraph' },
  { type: 'blockquote', attrs: { attribution: 'Mayor' }, content: [para('q')] },
  { type: 'socialPost', attrs: { network: 'x', author: 'A', handle: '@a', url: 'https://x.com/a/status/1', text: 't', postedAt: '2024-03-01T10:00:00Z' } },
  { type: 'image', attrs: { mediaId: 'm1', src: null, alt: 'alt', caption: null, credit: null } },
  { type: 'bulletList', content: [{ type: 'listItem', content: [para('i')] }] },
  { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [para('j')] }] },
  { type: 'horizontalRule' },
);

test('a document using every node and mark is accepted as it is', () => {
  assert.deepEqual(parseDocument(everyNode), { ok: true, value: everyNode });
});

test('unknown keys are stripped, so only what the renderer knows is stored', () => {
  const result = parseDocument({
    type: 'doc',
    id: 1,
    content: [{ type: 'paragraph', attrs: { textAlign: 'left' }, content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: '/a', target: '_blank', onclick: 'x' } }] }] }],
  });
  assert.deepEqual(result, { ok: true, value: doc(para('x', [{ type: 'link', attrs: { href: '/a' } }])) });
});

test('an unknown node type is refused, naming where it is', () => {
  assert.deepEqual(failure(doc(para('ok'), { type: 'marquee', content: [] })), { field: 'content[1].type', message: 'Unknown block node type' });
  assert.equal(failure(doc({ type: 'paragraph', content: [{ type: 'emoji', name: 'x' }] })).field, 'content[0].content[0].type');
  assert.equal(failure({ type: 'document', content: [] }).field, 'type');
});

test('an unknown mark type is refused', () => {
  assert.equal(failure(doc(para('x', [{ type: 'blink' }]))).field, 'content[0].content[0].marks[0].type');
});

test('a javascript: link is refused at the href', () => {
  const { field, message } = failure(doc(para('ok'), para('ok'), para('ok'), { type: 'bulletList', content: [{ type: 'listItem', content: [para('x', [{ type: 'link', attrs: { href: ' JaVaScRiPt:alert(1)' } }])] }] }));
  assert.equal(field, 'content[3].content[0].content[0].content[0].marks[0].attrs.href');
  assert.match(message, /http, https, mailto or tel/);
  for (const href of ['data:text/html,x', 'vbscript:x', '//evil.example', 'jav\tascript:x', 'example.com']) {
    assert.equal(failure(doc(para('x', [{ type: 'link', attrs: { href } }]))).field, 'content[0].content[0].marks[0].attrs.href', href);
  }
});

test('heading levels other than 2, 3 and 4 are refused', () => {
  assert.equal(failure(doc({ type: 'heading', attrs: { level: 1 }, content: [] })).field, 'content[0].attrs.level');
});

test('text must be a non-empty string within the length limit', () => {
  assert.equal(failure(doc({ type: 'paragraph', content: [{ type: 'text', text: '' }] })).message, 'Text nodes must not be empty');
  assert.equal(failure(doc({ type: 'paragraph', content: [{ type: 'text', text: 42 }] })).field, 'content[0].content[0].text');
  assert.equal(failure(doc(para('x'.repeat(DOC_LIMITS.maxTextLength + 1)))).field, 'content[0].content[0].text');
  assert.equal(parseDocument(doc(para('x'.repeat(DOC_LIMITS.maxTextLength)))).ok, true);
});

test('a document nested deeper than 20 levels is refused without deep recursion', () => {
  const nest = (levels: number) => {
    let node: unknown = { type: 'paragraph' };
    for (let i = 1; i < levels; i++) node = { type: 'blockquote', content: [node] };
    return doc(node);
  };
  assert.equal(parseDocument(nest(DOC_LIMITS.maxDepth)).ok, true);
  const { field, message } = failure(nest(DOC_LIMITS.maxDepth + 1));
  assert.equal(field, Array.from({ length: DOC_LIMITS.maxDepth + 1 }, () => 'content[0]').join('.'));
  assert.match(message, /nested more than 20 levels/);
  assert.doesNotThrow(() => parseDocument(nest(100_000)));
});

test('a document of more than 20,000 nodes is refused', () => {
  const blocks = Array.from({ length: DOC_LIMITS.maxNodes / 2 }, () => para('x'));
  assert.equal(parseDocument(doc(...blocks)).ok, true);
  assert.match(failure(doc(...blocks, para('one too many'))).message, /more than 20000 nodes/);
});

test('social posts need a known network, a web link and an ISO date', () => {
  const post = (attrs: Record<string, unknown>) => doc({ type: 'socialPost', attrs: { network: 'x', author: 'A', text: 't', ...attrs } });
  assert.equal(parseDocument(post({})).ok, true);
  assert.equal(parseDocument(post({ url: '', handle: null, postedAt: null })).ok, true);
  assert.equal(failure(post({ network: 'myspace' })).field, 'content[0].attrs.network');
  assert.equal(failure(post({ url: 'javascript:alert(1)' })).field, 'content[0].attrs.url');
  assert.equal(failure(post({ url: '/relative' })).field, 'content[0].attrs.url');
  assert.equal(failure(post({ postedAt: 'yesterday' })).field, 'content[0].attrs.postedAt');
});

test('an imported picture source must be an http(s) URL', () => {
  assert.equal(failure(doc({ type: 'image', attrs: { src: 'data:image/png;base64,AAAA' } })).field, 'content[0].attrs.src');
});

test('input that is not a document at all is refused, not thrown', () => {
  for (const input of [null, undefined, 42, 'doc', [], {}]) assert.equal(parseDocument(input).ok, false);
  assert.deepEqual(failure(null), { field: '', message: 'Invalid input: expected object, received null' });
  assert.equal(failure({ type: 'doc', content: 'x' }).field, 'content');
});

test('the schema nests inside larger request schemas', () => {
  const request = z.object({ title: z.string(), body: docSchema });
  const result = request.safeParse({ title: 'T', body: doc(para('x', [{ type: 'link', attrs: { href: 'vbscript:x' } }])) });
  assert.equal(result.success, false);
  assert.deepEqual(result.error?.issues[0]?.path, ['body', 'content', 0, 'content', 0, 'marks', 0, 'attrs', 'href']);
});
