import { parseHtml, textOf } from './html-dom.js';
const n = Number(process.argv[2]);
const html = '<b>x'.repeat(n);
let t = performance.now();
const root = parseHtml(html);
console.log('parse', Math.round(performance.now() - t) + 'ms');
t = performance.now();
const s = textOf(root);
console.log('textOf', Math.round(performance.now() - t) + 'ms', s.length);
