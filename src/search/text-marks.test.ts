import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markAll, markerFor, SNIPPET_WORDS, snippetOf } from './text-marks.js';
import { parseQuery } from './search-query.js';
import { highlightHtml } from './search-highlight.js';

const marker = (q: string) => markerFor(parseQuery(q));
/** Marks shown as [[…]] for reading. */
const shown = (marked: string) => marked.replaceAll('\u0001', '[[').replaceAll('\u0002', ']]');

test('whole words only, case-folded, every one in a headline', () => {
  assert.equal(shown(markAll('Monsoon rains: the MONSOON arrives, monsoons later', marker('monsoon'))), '[[Monsoon]] rains: the [[MONSOON]] arrives, monsoons later');
  assert.equal(shown(markAll('Nothing here', marker('monsoon'))), 'Nothing here');
});

test('a phrase is marked as one span where its words follow one another, whatever is between them', () => {
  const m = marker('"prime minister"');
  assert.equal(shown(markAll('The Prime  Minister met the prime — minister; minister prime', m)), 'The [[Prime  Minister]] met the [[prime — minister]]; minister prime');
  assert.equal(shown(markAll('S-400 systems and S 400', marker('S-400'))), '[[S-400]] systems and [[S 400]]');
});

test('words the query excludes are not marked; each of an OR is', () => {
  assert.equal(shown(markAll('cricket and football in the rain', marker('cricket OR football -rain'))), '[[cricket]] and [[football]] in the rain');
});

test('the longer phrase wins where two start at the same word', () => {
  assert.equal(shown(markAll('prime minister speaks', marker('prime OR "prime minister"'))), '[[prime minister]] speaks');
});

test('what a reader types is never read as a regular expression', () => {
  for (const q of ['c++', '(((', '.*', 'a|b', '[x]', '\\d+', '$^', '"a.b"']) {
    const m = marker(q);
    assert.doesNotThrow(() => markAll('a.b c++ [x] \\d+ aab', m), q);
  }
  assert.equal(shown(markAll('axb a.b', marker('"a.b"'))), 'axb [[a.b]]');
  assert.equal(marker('--- ***').pattern, null);
});

test('letters and marks of other scripts are words (Devanagari with its vowel signs)', () => {
  assert.equal(shown(markAll('दिल्ली में मानसून आया', marker('मानसून'))), 'दिल्ली में [[मानसून]] आया');
  // A vowel sign is part of the word, so a shorter word inside it is not a match.
  assert.equal(shown(markAll('मानसूनी बारिश', marker('मानसून'))), 'मानसूनी बारिश');
});

const words = (n: number, word = 'filler') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

test('a snippet is the passage with the most of the query, a few words before its match, at most 30 words', () => {
  const text = `${words(50, 'a')} budget ${words(50, 'b')} budget and farmers ${words(50, 'c')}`;
  const snippet = snippetOf(text, marker('budget farmers'));
  const [first, second] = snippet.split(' … ');
  // The passage with both words leads in the text's order after the one with one word.
  assert.match(shown(first!), /^a45 a46 a47 a48 a49 \[\[budget\]\] b0/);
  assert.match(shown(second!), /^b45 b46 b47 b48 b49 \[\[budget\]\] and \[\[farmers\]\] c0/);
  for (const passage of [first!, second!]) assert.ok(passage.split(/\s+/).length <= SNIPPET_WORDS, passage);
});

test('passages do not overlap, and one passage is all there is when the matches are close', () => {
  const snippet = snippetOf(`${words(10)} rain rain ${words(10)}`, marker('rain'));
  assert.equal(snippet.split(' … ').length, 1);
  assert.equal((snippet.match(/\u0001/g) ?? []).length, 2);
});

test('a text without a match gives its opening words; an empty text nothing', () => {
  assert.equal(snippetOf(words(100), marker('absent')), words(SNIPPET_WORDS));
  assert.equal(snippetOf('', marker('absent')), '');
  assert.equal(snippetOf('Short text.', marker('absent')), 'Short text');
});

test('snippets come out as safe HTML', () => {
  const html = highlightHtml(snippetOf('The <b>monsoon</b> came early & stayed.', marker('monsoon')));
  assert.equal(html, 'The &lt;b&gt;<mark>monsoon</mark>&lt;/b&gt; came early &amp; stayed');
});

test('a pasted text of one word repeated still gives two passages of at most 30 words', () => {
  // Matches read and passages tried are capped (MAX_MATCHES, MAX_CANDIDATES), whatever the length.
  const passages = snippetOf('rain '.repeat(40_000), marker('rain')).split(' … ');
  assert.equal(passages.length, 2);
  for (const passage of passages) assert.equal(passage.split(/\s+/).length, SNIPPET_WORDS);
});
