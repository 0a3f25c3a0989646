/**
 * `npm run eval:entities [fixture.json] [--errors]`: runs entity extraction over
 * hand-labelled stories and prints precision, recall and F1 per kind with
 * micro-averages. With no file it scores three sets in turn: the tuning set
 * (test/fixtures/entities/stories.json, which the extractor was tuned on, so its
 * figures are optimistic), the held-out set (test/fixtures/entities/held-out.json,
 * never used for tuning) and the blind set (test/fixtures/entities/blind.json,
 * written and labelled without running the extractor). With a file it scores just
 * that file. `--errors` lists, after each table, what each story missed and what it
 * got wrong. The gazetteer is the seed lists and places only (no tags): what a
 * fresh site gets.
 */
import { readFileSync } from 'node:fs';
import { createGazetteer, extractEntities, formatScores, loadLanguageModel, scoreStories, seedNames, type LabelledStory } from '../src/entities/index.js';

const args = process.argv.slice(2);
const showErrors = args.includes('--errors');
const fixture = (name: string) => new URL(`../test/fixtures/entities/${name}`, import.meta.url).pathname;
const given = args.find((a) => !a.startsWith('--'));
const sets: { file: string; title?: string }[] = given
  ? [{ file: given }]
  : [
      { file: fixture('stories.json'), title: 'Tuning set (the extractor was tuned on it; figures are optimistic)' },
      { file: fixture('held-out.json'), title: 'Held-out set (not used for tuning)' },
      { file: fixture('blind.json'), title: "Blind set (written after the extractor's last change was planned; never seen by it while it was tuned)" },
    ];
await loadLanguageModel();
const gazetteer = createGazetteer(seedNames());

sets.forEach(({ file, title }, i) => {
  const { stories } = JSON.parse(readFileSync(file, 'utf8')) as { stories: LabelledStory[] };
  const { scores, errors } = scoreStories(stories, (s) => extractEntities({ headline: s.headline, standfirst: s.standfirst ?? '', body: s.body }, gazetteer));
  const heading = `Entity extraction on ${stories.length} labelled stories (${file.split('/').slice(-2).join('/')})`;
  process.stdout.write(`${i > 0 ? '\n' : ''}${title ? `${title}\n` : ''}${heading}\n\n${formatScores(scores)}\n`);
  if (showErrors) {
    for (const e of errors) process.stdout.write(`\n${e.id}\n  missed:   ${e.missed.join('; ')}\n  spurious: ${e.spurious.join('; ')}\n`);
  }
});
