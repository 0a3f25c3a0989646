import { renderDocument, wordCount, type DocNode, type BlockNode } from './index.js';
const words = "The mayor's office said on Tuesday that the pool, which opened in 1974, would close. “We are ready,” she said. Engineers found cracks in the foundation and the walls.".split(' ');
const blocks: BlockNode[] = [];
let n = 0;
for (let p = 0; p < 20; p++) {
  const text = Array.from({ length: 56 }, () => words[n++ % words.length]).join(' ');
  blocks.push({ type: 'paragraph', content: [
    { type: 'text', text: text.slice(0, 100) },
    { type: 'text', text: ' bold words ', marks: [{ type: 'bold' }] },
    { type: 'text', text: 'a link', marks: [{ type: 'link', attrs: { href: 'https://example.com/a?b=1&c=2' } }] },
    { type: 'text', text: text.slice(100) },
  ] });
  if (p % 5 === 0) blocks.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'A heading here' }] });
}
blocks.push({ type: 'bulletList', content: [1,2,3].map(i => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item ' + i }] }] })) });
blocks.push({ type: 'blockquote', attrs: { attribution: 'Mayor' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We are ready.' }] }] });
const doc: DocNode = { type: 'doc', content: blocks };
console.log('words', wordCount(doc));
for (let i = 0; i < 2000; i++) renderDocument(doc);
const N = 20000; const t = performance.now();
let len = 0; for (let i = 0; i < N; i++) len += renderDocument(doc).length;
const ms = performance.now() - t;
console.log('renders/s', Math.round(N / (ms / 1000)), 'html length', len / N);
