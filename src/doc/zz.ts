import { htmlToDocument } from './index.js';
const n = Number(process.argv[2]);
const html = '<b>x'.repeat(n);
const t = performance.now();
try { const doc = htmlToDocument(html); console.log(n, Math.round(performance.now() - t) + 'ms', JSON.stringify(doc).length); } catch (e) { console.log('threw', e); }
