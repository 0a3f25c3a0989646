/**
 * `npm run eval:entities [fixture.json] [--errors]`: runs entity extraction over the
 * hand-labelled stories (test/fixtures/entities/stories.json by default) and prints
 * precision, recall and F1 per kind with micro-averages. The gazetteer is the seed
 * lists and places only (no tags): what a fresh site gets.
 */
import { readFileSync } from 'node:fs';
import { createGazetteer, extractEntities, formatScores, scoreStories, seedNames, type LabelledStory } from '../src/entities/index.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? new URL('../test/fixtures/entities/stories.json', import.meta.url).pathname;
const { stories } = JSON.parse(readFileSync(file, 'utf8')) as { stories: LabelledStory[] };
const gazetteer = createGazetteer(seedNames());
const { scores, errors } = scoreStories(stories, (s) => extractEntities({ headline: s.headline, standfirst: s.standfirst ?? '', body: s.body }, gazetteer));
process.stdout.write(`Entity extraction on ${stories.length} labelled stories (${file.split('/').slice(-2).join('/')})\n\n${formatScores(scores)}\n`);
if (args.includes('--errors')) {
  for (const e of errors) process.stdout.write(`\n${e.id}\n  missed:   ${e.missed.join('; ')}\n  spurious: ${e.spurious.join('; ')}\n`);
}
