import { htmlToDocument, parseDocument } from './index.js';
const para = '<p>The <b>council</b> voted on <a href="https://example.com/x">Tuesday</a> to close the pool &amp; the gym.</p>\n';
const cases: [string, string][] = [
  ['paragraphs', para.repeat(Math.floor(4.9e6 / para.length))],
  ['bold soup', '<b>x'.repeat(1.2e6)],
  ['p soup', '<p>x'.repeat(1.2e6)],
  ['li soup', '<ul><li>x'.repeat(5e5)],
  ['text', 'word '.repeat(9.8e5)],
];
for (const [name, html] of cases) {
  const t = performance.now();
  const doc = htmlToDocument(html);
  const ms = performance.now() - t;
  const r = parseDocument(doc);
  console.log(name, (html.length / 1e6).toFixed(1) + 'MB', Math.round(ms) + 'ms', 'blocks', doc.content.length, r.ok ? 'valid' : r.message);
}
