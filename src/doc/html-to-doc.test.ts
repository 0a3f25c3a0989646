import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValidationError } from '../shared/errors.js';
import { parseDocument } from './doc-schema.js';
import { MAX_IMPORT_HTML_BYTES, htmlToDocument } from './html-to-doc.js';
import { renderDocument } from './render-html.js';
import type { BlockNode, DocNode, ListItemNode } from './types.js';

// Pictures resolve, so hostile image markup reaches the renderer too.
const resolveImage = () => ({ src: '/media/x.jpg', width: 10, height: 10, alt: '', caption: null, credit: null });

const HOSTILE: string[] = [
  '<script>alert(1)</script><p>ok</p>',
  '<scr<script>ipt>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="https://example.com/a.jpg" srcset="javascript:alert(1) 1x" onload="alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href=" JaVaScRiPt:alert(1)">click</a>',
  '<a href="jav&#x09;ascript:alert(1)">click</a>',
  '<a href="jav\nascript:alert(1)">click</a>',
  '<a href="&#106;avascript:alert(1)">click</a>',
  '<a href="javascript&colon;alert(1)">click</a>',
  '<a href="%6Aavascript:alert(1)">click</a>',
  '<a href="\u0001javascript:alert(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
  '<a href="vbscript:msgbox(1)">click</a>',
  '<a href="https://ok.example/" onmouseover="alert(1)" style="position:fixed">ok</a>',
  '<p style="background:url(javascript:alert(1))" onclick="alert(1)" class="x">styled</p>',
  '<style>p { color: red }</style><p>after style</p>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<svg onload=alert(1)><script>alert(1)</script><text>svg text</text></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<object data="javascript:alert(1)"></object><embed src="data:text/html,x">',
  '<!--<script>alert(1)</script>--><p>after comment</p>',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<p><b>x<p>y</b>',
  '<div><p>unclosed <b>bold <i>both',
  '<form action="javascript:alert(1)"><input onfocus=alert(1) autofocus><button>Go</button></form>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<textarea><script>alert(1)</script></textarea>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="javascript:alert(1)//"><link rel=import href="data:x">',
  '<details open ontoggle=alert(1)><summary>sum</summary>body</details>',
  '<template><script>alert(1)</script></template>',
  '<blockquote class="twitter-tweet"><p>hi</p>&mdash; X (@x) <a href="javascript:alert(1)">March 1, 2024</a></blockquote>',
  '<figure><img src="data:image/png;base64,AAAA"><figcaption onclick="alert(1)">cap</figcaption></figure>',
  '<span style="font-weight:bold" onmouseover="alert(1)">bold span</span>',
];

function assertSafeHtml(html: string, input: string): void {
  for (const forbidden of [/<script/i, /<iframe/i, /<svg/i, /<math/i, /<object/i, /<embed/i, /<style/i, /<form/i, /<input/i, /<meta/i, /<base/i]) {
    assert.doesNotMatch(html, forbidden, input);
  }
  assert.doesNotMatch(html, /\son\w+\s*=/i, input);
  assert.doesNotMatch(html, /style\s*=/i, input);
  assert.doesNotMatch(html, /javascript:|data:|vbscript:/i, input);
}

function urlsIn(doc: DocNode): string[] {
  const json = JSON.stringify(doc);
  return [...json.matchAll(/"(?:href|src|url)":"([^"]*)"/g)].map((m) => m[1]!);
}

test('hostile HTML converts to a valid document that renders without active content', () => {
  for (const input of HOSTILE) {
    const doc = htmlToDocument(input);
    const parsed = parseDocument(doc);
    assert.ok(parsed.ok, `${input} → ${JSON.stringify(parsed)}`);
    for (const url of urlsIn(doc)) assert.match(url, /^(?:https?:\/\/|mailto:|tel:|\/[^/\\]|#)/, input);
    assertSafeHtml(renderDocument(doc, { resolveImage }), input);
  }
});

test('a javascript: link loses its href and keeps its text', () => {
  assert.deepEqual(htmlToDocument('<p><a href=" JaVaScRiPt:alert(1)">click</a> here</p>'), {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'click here' }] }],
  });
});

test('the text of dropped elements is gone, not just their tags', () => {
  const doc = htmlToDocument('<p>a<script>evil()</script><style>.x{}</style><svg><text>s</text></svg><button>Buy</button>b</p><select><option>o</option></select>');
  assert.deepEqual(doc.content, [{ type: 'paragraph', content: [{ type: 'text', text: 'ab' }] }]);
});

test('broken nesting still yields well-formed paragraphs', () => {
  const bold = [{ type: 'bold' }];
  assert.deepEqual(htmlToDocument('<p><b>x<p>y</b>z').content, [
    { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: bold }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'y', marks: bold }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'z' }] },
  ]);
});

test('headings map into h2–h4', () => {
  const levels = htmlToDocument('<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4><h5>e</h5><h6>f</h6>').content.map((block) => (block.type === 'heading' ? block.attrs.level : 0));
  assert.deepEqual(levels, [2, 2, 3, 4, 4, 4]);
});

test('lists keep their nesting, their start, and wrap loose text in paragraphs', () => {
  const doc = htmlToDocument('<ul><li>one<li>two<ul><li>nested</ul></li></ul><ol start="4"><li><p>four</p></li></ol><ul><li>a</li><ul><li>b</li></ul></ul>');
  const item = (...content: BlockNode[]): ListItemNode => ({ type: 'listItem', content });
  const para = (text: string): BlockNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
  assert.deepEqual(doc.content, [
    { type: 'bulletList', content: [item(para('one')), item(para('two'), { type: 'bulletList', content: [item(para('nested'))] })] },
    { type: 'orderedList', attrs: { start: 4 }, content: [item(para('four'))] },
    { type: 'bulletList', content: [item(para('a'), { type: 'bulletList', content: [item(para('b'))] })] },
  ]);
});

test('a quote takes its attribution from a footer, a cite or a last "—" line', () => {
  const attributionOf = (html: string) => {
    const block = htmlToDocument(html).content[0];
    return block?.type === 'blockquote' ? [block.attrs?.attribution, block.content.length] : block?.type;
  };
  assert.deepEqual(attributionOf('<blockquote><p>We are ready.</p><footer>— Mayor Jane Doe</footer></blockquote>'), ['Mayor Jane Doe', 1]);
  assert.deepEqual(attributionOf('<blockquote><p>We are ready.</p><cite>Mayor</cite></blockquote>'), ['Mayor', 1]);
  assert.deepEqual(attributionOf('<blockquote><p>We are ready.</p><p><cite>Mayor</cite></p></blockquote>'), ['Mayor', 1]);
  assert.deepEqual(attributionOf('<blockquote>We are ready.<br>— Mayor</blockquote>'), ['Mayor', 1]);
  assert.deepEqual(attributionOf('<blockquote><p>We are ready.</p><p>- Mayor</p></blockquote>'), ['Mayor', 1]);
  assert.deepEqual(attributionOf('<blockquote><p>It was cold.</p><p>-5 degrees at dawn</p></blockquote>'), [null, 2]);
  assert.deepEqual(attributionOf('<blockquote>— only a dash line</blockquote>'), [null, 1]);
});

test('text directly inside a quote or list item becomes a paragraph', () => {
  assert.deepEqual(htmlToDocument('<blockquote>loose <b>words</b></blockquote>').content, [
    { type: 'blockquote', attrs: { attribution: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'loose ' }, { type: 'text', text: 'words', marks: [{ type: 'bold' }] }] }] },
  ]);
  assert.deepEqual(htmlToDocument('bare <i>top</i> text').content, [
    { type: 'paragraph', content: [{ type: 'text', text: 'bare ' }, { type: 'text', text: 'top', marks: [{ type: 'italic' }] }, { type: 'text', text: ' text' }] },
  ]);
});

test('whitespace collapses like a browser, entities decode and empty paragraphs vanish', () => {
  const doc = htmlToDocument('<p>\n  Tom &amp; Jerry\t said&nbsp;&ldquo;hi&rdquo;  <br>  again </p><p> &nbsp; </p><p></p><div>x<span> </span>y</div>');
  assert.deepEqual(doc.content, [
    { type: 'paragraph', content: [{ type: 'text', text: 'Tom & Jerry said\u00a0“hi”' }, { type: 'hardBreak' }, { type: 'text', text: 'again' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'x y' }] },
  ]);
});

test('preformatted text keeps its spacing as a code paragraph', () => {
  const code = [{ type: 'code' }];
  assert.deepEqual(htmlToDocument('<pre>\nif (x) {\n  go();\n}</pre>').content, [
    { type: 'paragraph', content: [{ type: 'text', text: 'if (x) {', marks: code }, { type: 'hardBreak' }, { type: 'text', text: '  go();', marks: code }, { type: 'hardBreak' }, { type: 'text', text: '}', marks: code }] },
  ]);
});

test('every inline element maps to its mark, in one order', () => {
  const doc = htmlToDocument('<p><strong>a</strong><em>b</em><u>c</u><del>d</del><code>e</code><sub>f</sub><sup>g</sup><i><a href="https://e.com">h</a></i></p>');
  const marks = doc.content[0]?.type === 'paragraph' ? doc.content[0].content?.map((node) => (node.type === 'text' ? node.marks : null)) : [];
  assert.deepEqual(marks, [
    [{ type: 'bold' }], [{ type: 'italic' }], [{ type: 'underline' }], [{ type: 'strike' }], [{ type: 'code' }], [{ type: 'subscript' }], [{ type: 'superscript' }],
    [{ type: 'link', attrs: { href: 'https://e.com' } }, { type: 'italic' }],
  ]);
});

test('pasted Google Docs markup keeps its styling and loses its wrapper', () => {
  const doc = htmlToDocument('<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="font-weight:700">Bold</span><span style="font-style:italic"> it</span></p></b>');
  assert.deepEqual(doc.content, [{ type: 'paragraph', content: [{ type: 'text', text: 'Bold', marks: [{ type: 'bold' }] }, { type: 'text', text: ' it', marks: [{ type: 'italic' }] }] }]);
});

test('relative links resolve against the source address when one is given', () => {
  const href = (html: string, baseUrl?: string) => JSON.stringify(htmlToDocument(html, baseUrl ? { baseUrl } : {})).match(/"href":"([^"]*)"/)?.[1];
  assert.equal(href('<a href="/2024/05/story">s</a>', 'https://wp.example.org/feed'), 'https://wp.example.org/2024/05/story');
  assert.equal(href('<a href="/news/a">s</a>'), '/news/a');
  assert.equal(href('<a href="#notes">s</a>', 'https://wp.example.org/'), '#notes');
  assert.equal(href('<a href="//cdn.example.org/x">s</a>'), 'https://cdn.example.org/x');
  assert.equal(href('<a href="javascript:alert(1)">s</a>', 'https://wp.example.org/'), undefined);
});

test('pictures become image nodes with caption and credit, only from http(s) sources', () => {
  const doc = htmlToDocument(
    '<figure><img src="https://e.com/a.jpg" alt=" A dog " onerror="x"><figcaption>The dog <span class="credit">Photo: AP</span></figcaption></figure>' +
      '<p>before<img src="/relative.jpg"><img src="https://e.com/pixel.gif" width="1" height="1"><img src="data:image/gif;base64,R0lG" data-src="https://e.com/lazy.jpg">after</p>',
    {},
  );
  assert.deepEqual(doc.content, [
    { type: 'image', attrs: { mediaId: null, src: 'https://e.com/a.jpg', alt: 'A dog', caption: 'The dog', credit: 'Photo: AP' } },
    { type: 'paragraph', content: [{ type: 'text', text: 'before' }] },
    { type: 'image', attrs: { mediaId: null, src: 'https://e.com/lazy.jpg', alt: null, caption: null, credit: null } },
    { type: 'paragraph', content: [{ type: 'text', text: 'after' }] },
  ]);
});

test('a tweet embed becomes a social post and its script is dropped', () => {
  const doc = htmlToDocument(
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Polls close at 8pm.<br><br>Results soon <a href="https://t.co/abc">pic.twitter.com/abc</a></p>' +
      '&mdash; Election Desk (@electiondesk) <a href="https://twitter.com/electiondesk/status/123?ref_src=twsrc%5Etfw">March 1, 2024</a></blockquote>' +
      ' <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>',
  );
  assert.deepEqual(doc.content, [
    {
      type: 'socialPost',
      attrs: {
        network: 'x',
        author: 'Election Desk',
        handle: '@electiondesk',
        url: 'https://twitter.com/electiondesk/status/123',
        text: 'Polls close at 8pm.\n\nResults soon pic.twitter.com/abc',
        postedAt: '2024-03-01',
      },
    },
  ]);
});

test('an Instagram embed becomes a social post linking to the permalink', () => {
  const doc = htmlToDocument(
    '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/ABC/?utm_source=ig_embed&amp;utm_campaign=loading" style="background:#FFF">' +
      '<div><a href="https://www.instagram.com/p/ABC/?utm_source=ig_embed"><div>View this post on Instagram</div></a>' +
      '<p><a href="https://www.instagram.com/p/ABC/">A post shared by City Zoo (@cityzoo)</a></p></div></blockquote><script async src="//www.instagram.com/embed.js"></script>',
  );
  assert.deepEqual(doc.content, [
    { type: 'socialPost', attrs: { network: 'instagram', author: 'City Zoo', handle: '@cityzoo', url: 'https://www.instagram.com/p/ABC/', text: '', postedAt: null } },
  ]);
});

test('our own rendered HTML imports back as the same document', () => {
  const original: DocNode = {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'What happened' }] },
      { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'In the council' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'The ' },
          { type: 'text', text: 'council', marks: [{ type: 'link', attrs: { href: 'https://example.com/c' } }, { type: 'bold' }] },
          { type: 'text', text: ' voted', marks: [{ type: 'link', attrs: { href: 'https://example.com/c' } }] },
          { type: 'hardBreak' },
          { type: 'text', text: 'H' },
          { type: 'text', text: '2', marks: [{ type: 'subscript' }] },
          { type: 'text', text: 'O & <tags>' },
        ],
      },
      { type: 'blockquote', attrs: { attribution: 'Mayor Jane Doe' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We are ready.' }] }] },
      { type: 'orderedList', attrs: { start: 2 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Second' }] }] }] },
      { type: 'horizontalRule' },
      {
        type: 'socialPost',
        attrs: { network: 'bluesky', author: 'Jane', handle: '@jane.bsky.social', url: 'https://bsky.app/profile/jane/post/1', text: 'a\nb\n\nc', postedAt: '2024-05-01T09:30:00Z' },
      },
    ],
  };
  assert.deepEqual(htmlToDocument(renderDocument(original)), original);
});

test('absurd nesting is flattened within the schema limits instead of overflowing the stack', () => {
  for (const html of ['<div>'.repeat(50_000) + 'deep', '<blockquote>'.repeat(500) + 'quoted', '<ul><li>'.repeat(500) + 'item', '<b><i>'.repeat(20_000) + 'marked']) {
    const doc = htmlToDocument(html);
    const parsed = parseDocument(doc);
    assert.ok(parsed.ok, JSON.stringify(parsed).slice(0, 300));
    assert.match(JSON.stringify(doc), /deep|quoted|item|marked/);
  }
});

test('input over 5 MB is refused with a validation error on the body', () => {
  const tooBig = 'é'.repeat(MAX_IMPORT_HTML_BYTES / 2 + 1);
  assert.throws(() => htmlToDocument(tooBig), (err: unknown) => err instanceof ValidationError && err.field === 'body');
});

test('any string converts without throwing', () => {
  const odd = ['', '   ', '<', '<<>>', '</p>', '<p', '<a href>', '<!doctype html>', '<?xml version="1.0"?><x/>', '\u0000\u0001text', '&#0;&#xD800;&bogus;', '<table><td>cell', '<li>orphan'];
  for (const input of odd) assert.ok(parseDocument(htmlToDocument(input)).ok, JSON.stringify(input));
  assert.deepEqual(htmlToDocument(''), { type: 'doc', content: [] });
});

test('huge flat inputs convert without exhausting the call stack', () => {
  const images = '<figure>' + '<img src="https://e.com/a.jpg">'.repeat(150_000) + '</figure>';
  assert.equal(htmlToDocument(images).content.length, 150_000);
});
