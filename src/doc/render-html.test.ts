import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderDocument } from './render-html.js';
import type { BlockNode, DocNode, InlineNode, Mark, RenderContext, ResolvedImage } from './types.js';

const doc = (...content: BlockNode[]): DocNode => ({ type: 'doc', content });
const text = (value: string, ...marks: Mark[]): InlineNode => (marks.length ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const p = (...content: InlineNode[]): BlockNode => ({ type: 'paragraph', content });
const link = (href: string): Mark => ({ type: 'link', attrs: { href } });
const render = (...content: BlockNode[]) => renderDocument(doc(...content));
/** Lets a test feed shapes the types forbid, as a corrupt database row would. */
const garbage = (value: unknown) => value as DocNode;

const picture: ResolvedImage = {
  src: '/media/m1/800.jpg',
  srcset: '/media/m1/400.jpg 400w, /media/m1/800.jpg 800w',
  sources: [{ type: 'image/avif', srcset: '/media/m1/400.avif 400w, /media/m1/800.avif 800w' }],
  sizes: '(min-width: 700px) 680px, 100vw',
  width: 800,
  height: 533,
  alt: 'Library default alt',
  caption: 'Library caption',
  credit: 'Library credit',
};
const media: RenderContext = { resolveImage: (id) => (id === 'm1' ? picture : null) };

test('paragraphs, headings, rules and hard breaks use their allow-listed tags', () => {
  const html = render(
    { type: 'heading', attrs: { level: 2 }, content: [text('Sub')] },
    p(text('one'), { type: 'hardBreak' }, text('two')),
    { type: 'horizontalRule' },
  );
  assert.equal(html, '<h2>Sub</h2><p>one<br>two</p><hr>');
});

test('body headings never skip a level below the page h1: each goes at most one deeper than the last', () => {
  const doc = (...levels: number[]) => garbage({ type: 'doc', content: levels.map((level, i) => ({ type: 'heading', attrs: { level }, content: [text(`H${i}`)] })) });
  assert.equal(renderDocument(doc(3, 4, 4, 2, 4)), '<h2>H0</h2><h3>H1</h3><h4>H2</h4><h2>H3</h2><h3>H4</h3>');
  assert.equal(renderDocument(doc(2, 3, 4, 3)), '<h2>H0</h2><h3>H1</h3><h4>H2</h4><h3>H3</h3>', 'a well-formed outline is kept as written');
});

test('heading levels outside 2–4 are clamped into 2–4', () => {
  const heading = (level: unknown) => garbage({ type: 'doc', content: [{ type: 'heading', attrs: { level }, content: [text('H')] }] });
  assert.equal(renderDocument(heading(1)), '<h2>H</h2>');
  assert.equal(renderDocument(heading(6)), '<h2>H</h2>', 'an h4 as the first heading is lifted to h2: no skipped level');
  assert.equal(renderDocument(heading('3')), '<h2>H</h2>');
  assert.equal(renderDocument(garbage({ type: 'doc', content: [{ type: 'heading', content: [text('H')] }] })), '<h2>H</h2>');
});

test('every mark has its tag', () => {
  const marks: [Mark['type'], string][] = [
    ['bold', 'strong'], ['italic', 'em'], ['underline', 'u'], ['strike', 's'], ['code', 'code'], ['subscript', 'sub'], ['superscript', 'sup'],
  ];
  for (const [type, tag] of marks) {
    assert.equal(render(p(text('x', { type } as Mark))), `<p><${tag}>x</${tag}></p>`);
  }
});

test('a link stays one element across differently styled words', () => {
  const href = 'https://example.com/story';
  const html = render(p(text('read ', link(href)), text('this', link(href), { type: 'bold' }), text(' now', link(href))));
  assert.equal(html, '<p><a href="https://example.com/story" rel="noopener noreferrer">read <strong>this</strong> now</a></p>');
});

test('external links get rel="noopener noreferrer" and never target', () => {
  const html = render(p(text('off-site', link('https://example.com'))), p(text('on-site', link('/news/a'))), p(text('mail', link('mailto:desk@example.com'))));
  assert.match(html, /<a href="https:\/\/example.com" rel="noopener noreferrer">off-site<\/a>/);
  assert.match(html, /<a href="\/news\/a">on-site<\/a>/);
  assert.match(html, /<a href="mailto:desk@example.com">mail<\/a>/);
  assert.doesNotMatch(html, /target=/);
});

test('a javascript: link loses its href but keeps its text', () => {
  for (const href of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'jav\tascript:alert(1)', 'data:text/html,x', 'vbscript:x', '//evil.example']) {
    assert.equal(render(p(text('click', link(href)))), '<p>click</p>', href);
  }
});

test('text and attribute values are escaped', () => {
  const html = render(p(text('<script>alert("x")</script> & \'q\'', link('https://example.com/?a=1&b="2"'))));
  assert.equal(
    html,
    '<p><a href="https://example.com/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</a></p>',
  );
});

test('lists render with their items, and an ordered list keeps its start', () => {
  const item = (value: string) => ({ type: 'listItem' as const, content: [p(text(value))] });
  assert.equal(render({ type: 'bulletList', content: [item('a'), item('b')] }), '<ul><li><p>a</p></li><li><p>b</p></li></ul>');
  assert.equal(render({ type: 'orderedList', attrs: { start: 3 }, content: [item('c')] }), '<ol start="3"><li><p>c</p></li></ol>');
  assert.equal(render({ type: 'orderedList', attrs: { start: 1 }, content: [item('d')] }), '<ol><li><p>d</p></li></ol>');
});

test('a quote is a figure with its attribution as caption', () => {
  const quote = (attribution: string | null): BlockNode => ({ type: 'blockquote', attrs: { attribution }, content: [p(text('We are ready.'))] });
  assert.equal(render(quote('Mayor')), '<figure class="quote"><blockquote><p>We are ready.</p></blockquote><figcaption>— Mayor</figcaption></figure>');
  assert.equal(render(quote('— Mayor')), render(quote('Mayor')));
  assert.equal(render(quote(null)), '<figure class="quote"><blockquote><p>We are ready.</p></blockquote></figure>');
  assert.equal(render(quote('  ')), render(quote(null)));
});

test('a social post renders as a static card with no script', () => {
  const html = render({
    type: 'socialPost',
    attrs: { network: 'x', author: 'Jane <Doe>', handle: '@jane', url: 'https://x.com/jane/status/1', text: 'Line one\nline two\n\nSecond para', postedAt: '2024-03-01T10:00:00Z' },
  });
  assert.equal(
    html,
    '<figure class="social-post social-post--x"><blockquote><p>Line one<br>line two</p><p>Second para</p></blockquote>' +
      '<figcaption><span class="social-post__author">Jane &lt;Doe&gt;</span> <span class="social-post__handle">@jane</span> ' +
      '<span class="social-post__network">on X</span> · <time datetime="2024-03-01T10:00:00Z">1 March 2024</time> · ' +
      '<a href="https://x.com/jane/status/1" rel="noopener noreferrer">View original post</a></figcaption></figure>',
  );
  assert.doesNotMatch(html, /<script/);
});

test('a social post with an unknown network, unsafe link or bad date degrades quietly', () => {
  const html = renderDocument(
    garbage({ type: 'doc', content: [{ type: 'socialPost', attrs: { network: 'myspace"><script>', author: 'A', url: 'javascript:alert(1)', text: 'hi', postedAt: 'yesterday' } }] }),
  );
  assert.equal(html, '<figure class="social-post social-post--other"><blockquote><p>hi</p></blockquote><figcaption><span class="social-post__author">A</span></figcaption></figure>');
  const mailto = render({ type: 'socialPost', attrs: { network: 'bluesky', author: 'B', url: 'mailto:b@example.com', text: 'hi' } });
  assert.doesNotMatch(mailto, /View original post/);
});

test('a picture renders from the media library with sources, lazy loading and credit', () => {
  const html = renderDocument(doc({ type: 'image', attrs: { mediaId: 'm1', caption: 'Our caption', alt: '' } }), media);
  assert.equal(
    html,
    '<figure class="inline-image"><picture>' +
      '<source type="image/avif" srcset="/media/m1/400.avif 400w, /media/m1/800.avif 800w" sizes="(min-width: 700px) 680px, 100vw">' +
      '<img src="/media/m1/800.jpg" srcset="/media/m1/400.jpg 400w, /media/m1/800.jpg 800w" sizes="(min-width: 700px) 680px, 100vw" ' +
      'width="800" height="533" alt="Library default alt" loading="lazy" decoding="async"></picture>' +
      '<figcaption>Our caption <span class="credit">Library credit</span></figcaption></figure>',
  );
});

test('a picture without a resolvable media id renders nothing', () => {
  const image = (attrs: Record<string, unknown>) => garbage({ type: 'doc', content: [{ type: 'image', attrs }] });
  assert.equal(renderDocument(image({ mediaId: 'm1' })), '');
  assert.equal(renderDocument(image({ mediaId: 'missing' }), media), '');
  assert.equal(renderDocument(image({ src: 'https://example.com/a.jpg' }), media), '');
  assert.equal(renderDocument(image({ mediaId: 42 }), media), '');
});

test('empty paragraphs and empty containers render nothing', () => {
  assert.equal(render({ type: 'paragraph' }, p(), { type: 'bulletList', content: [] }), '');
});

test('the renderer never throws on garbage and drops what it does not know', () => {
  const inputs: unknown[] = [
    null, undefined, 42, 'doc', [], {}, { type: 'doc' }, { type: 'doc', content: null }, { type: 'doc', content: 7 },
    { type: 'doc', content: [null, 3, 'x', [], { type: 'marquee', content: [text('gone')] }, { type: 'paragraph', content: 'str' }] },
    { type: 'doc', content: [{ type: 'paragraph', content: [null, { type: 'text' }, { type: 'text', text: 5 }, { type: 'emoji' }, text('kept', { type: 'blink' } as unknown as Mark)] }] },
    { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'm', marks: 'bold' }, { type: 'text', text: 'n', marks: [null, { type: 'link' }, { type: 'link', attrs: { href: 5 } }] }] }] },
    { type: 'doc', content: [{ type: 'bulletList', content: [null, { type: 'listItem', content: 5 }, p(text('stray'))] }, { type: 'orderedList', attrs: { start: 'x' }, content: {} }] },
    { type: 'doc', content: [{ type: 'blockquote', attrs: 'x', content: [p(text('q'))] }, { type: 'socialPost' }, { type: 'socialPost', attrs: { text: 9 } }, { type: 'image', attrs: null }] },
  ];
  for (const input of inputs) assert.doesNotThrow(() => renderDocument(garbage(input), media), JSON.stringify(input));
  assert.equal(renderDocument(garbage(inputs[9])), '');
  assert.equal(renderDocument(garbage(inputs[10])), '<p>kept</p>');
  assert.equal(renderDocument(garbage(inputs[11])), '<p>mn</p>');
  assert.equal(renderDocument(garbage(inputs[12])), '<ul><li></li><li><p>stray</p></li></ul>');
});

test('absurdly deep documents render without overflowing the stack', () => {
  let node: unknown = p(text('deep'));
  for (let i = 0; i < 100_000; i++) node = { type: 'blockquote', content: [node] };
  assert.doesNotThrow(() => renderDocument(garbage({ type: 'doc', content: [node] })));
});

test('a 1,200-word document renders thousands of times a second', () => {
  const sentence = "The mayor's office said on Tuesday that the pool, which opened in 1974, would close. “We are ready,” she said. ";
  const blocks: BlockNode[] = [];
  for (let i = 0; i < 20; i++) blocks.push(p(text(sentence.repeat(2)), text('a link', link('https://example.com/a')), text(sentence.repeat(1), { type: 'bold' })));
  const body = doc(...blocks);
  for (let i = 0; i < 200; i++) renderDocument(body);
  const started = performance.now();
  for (let i = 0; i < 2_000; i++) renderDocument(body);
  // The target is over 20,000 a second; this bound only catches a collapse, and leaves room for a busy machine.
  assert.ok(performance.now() - started < 1_000, 'rendering has become far slower than expected');
});
