// `npm run bench:cards`: how long a share card and the NewsArticle crops take,
// and how large they are, over the demo pictures (4096×2304 masters, the largest we keep) with
// English and Hindi headlines. One process, one card at a time, like the background job. The
// figures go in docs/benchmarks.md and the README.
import { availableParallelism } from 'node:os';
import { createCardRenderer } from '../src/audience/index.js';
import { demoPictures, renderDemoPicture } from '../src/demo/index.js';
import { useAllCoresForImages } from '../src/media/index.js';

const HEADLINES = [
  { lang: 'en', kicker: 'News', text: 'Harbour floods after record rain leave thousands stranded on the coast road' },
  { lang: 'hi', kicker: 'देश', text: 'मुख्यमंत्री ने बाढ़ प्रभावित क्षेत्रों की समीक्षा की, राहत कार्यों में तेज़ी के निर्देश' },
  { lang: 'en', kicker: 'Business', text: 'An unusually long headline about the council, the harbour, the pool, the rain, the floods, the mayor and the residents who came to complain about all of it' },
];

useAllCoresForImages(availableParallelism());
const renderer = createCardRenderer();
const pictures = await Promise.all(demoPictures.slice(0, 6).map((p) => renderDemoPicture(p, 4000, 2250)));

let started = performance.now();
await renderer.card({ headline: 'Warm-up', kicker: 'News', siteName: 'The Harbour Herald', lang: 'en' });
console.log(`first card (fonts parsed, layout engine loaded): ${(performance.now() - started).toFixed(0)} ms`);

const rows: { name: string; ms: number[]; bytes: number[] }[] = [];
for (const headline of HEADLINES) {
  for (const withPicture of [true, false]) {
    const row = { name: `${headline.lang} ${headline.text.length} chars, ${withPicture ? 'over a picture' : 'brand colour'}`, ms: [] as number[], bytes: [] as number[] };
    for (const bytes of pictures) {
      started = performance.now();
      const card = await renderer.card({ headline: headline.text, kicker: headline.kicker, siteName: 'The Harbour Herald', lang: headline.lang }, withPicture ? { bytes, focal: { x: 0.5, y: 0.5 } } : undefined);
      row.ms.push(performance.now() - started);
      if (card.ok) row.bytes.push(card.jpeg.length);
    }
    rows.push(row);
  }
}
// What the background job does per story: decode the master once, then the card and the crops.
const story = { name: 'per story: decode + card + 3 crops (en, picture)', ms: [] as number[], bytes: [] as number[] };
const crops = { name: 'of which the 3 crops (16:9, 4:3, 1:1)', ms: [] as number[], bytes: [] as number[] };
for (const bytes of pictures) {
  started = performance.now();
  const hero = await renderer.prepare({ bytes, focal: { x: 0.5, y: 0.5 } });
  const card = await renderer.card({ headline: HEADLINES[0]!.text, kicker: 'News', siteName: 'The Harbour Herald', lang: 'en' }, hero);
  const cropsStarted = performance.now();
  const made = await renderer.crops(hero);
  crops.ms.push(performance.now() - cropsStarted);
  story.ms.push(performance.now() - started);
  crops.bytes.push(made.reduce((sum, c) => sum + c.bytes.length, 0));
  story.bytes.push((card.ok ? card.jpeg.length : 0) + crops.bytes[crops.bytes.length - 1]!);
}
rows.push(story, crops);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
for (const row of rows) {
  console.log(`${row.name.padEnd(58)} median ${median(row.ms).toFixed(0).padStart(4)} ms  max ${Math.max(...row.ms).toFixed(0).padStart(4)} ms  median ${(median(row.bytes) / 1024).toFixed(0)} KB`);
}
