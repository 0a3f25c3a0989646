// `npm run bench:entities`: entity extraction time per 1,000-word story. The 40 hand-labelled
// evaluation stories are joined in turn into 40 stories of exactly 1,000 words each; each is
// extracted 10 times (after one warm-up pass) with the seed gazetteer plus 5,000 generated tags,
// as a site with a grown tag list has. Also: the first call's cost (the NLP library's lexicon,
// countries and the 6 MB city list loaded lazily) and the cost of building the gazetteer from tags.
import { readFileSync } from 'node:fs';

const started = performance.now();
const { createGazetteer, extractEntities, loadLanguageModel, seedNames } = await import('../src/entities/index.js');
await loadLanguageModel();
const importMs = performance.now() - started;

interface Story { headline: string; standfirst?: string; body: string }
const { stories } = JSON.parse(readFileSync(new URL('../test/fixtures/entities/stories.json', import.meta.url), 'utf8')) as { stories: Story[] };

const tags = Array.from({ length: 5_000 }, (_, i) => ({ name: `Generated Topic ${i}`, kind: (['person', 'organisation', 'place'] as const)[i % 3]!, tagId: `t${i}`, aliases: [`GT${i}`] }));
let t = performance.now();
const gazetteer = createGazetteer(tags, seedNames());
const gazetteerMs = performance.now() - t;

/** Story i, then i+1, i+2 … joined until 1,000 words, cut at 1,000. */
function thousandWords(i: number): Story {
  const words: string[] = [];
  for (let k = 0; words.length < 1_000; k++) words.push(...stories[(i + k) % stories.length]!.body.split(/\s+/));
  const paragraphs: string[] = [];
  for (let w = 0; w < 1_000; w += 80) paragraphs.push(words.slice(w, Math.min(w + 80, 1_000)).join(' '));
  return { headline: stories[i]!.headline, standfirst: stories[i]!.standfirst ?? '', body: paragraphs.join('\n\n') };
}
const inputs = stories.map((_, i) => thousandWords(i));

t = performance.now();
extractEntities(inputs[0]!, gazetteer);
const firstMs = performance.now() - t;

for (const input of inputs) extractEntities(input, gazetteer);
const times: number[] = [];
for (let round = 0; round < 10; round++) {
  for (const input of inputs) {
    t = performance.now();
    extractEntities(input, gazetteer);
    times.push(performance.now() - t);
  }
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
console.log(`module import (compromise and the entity code): ${importMs.toFixed(0)} ms`);
console.log(`first extraction (lexicons, countries, cities loaded): ${firstMs.toFixed(0)} ms`);
console.log(`gazetteer from 5,000 tags + seeds: ${gazetteerMs.toFixed(1)} ms`);
console.log(`per 1,000-word story (${times.length} runs): p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms`);
