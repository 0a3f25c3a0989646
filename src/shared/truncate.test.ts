import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe as describeText, hasLoneSurrogate, truncateText } from './truncate.js';

test('text that fits is returned whole, with white space squashed', () => {
  assert.equal(truncateText('  Council\nvotes  today ', 40), 'Council votes today');
});

test('a long headline is cut after a whole word, trailing punctuation dropped', () => {
  assert.equal(truncateText('Council votes to close the harbour pool', 24), 'Council votes to close…');
  assert.equal(truncateText('Rain, wind, and then floods arrive', 12), 'Rain, wind…');
  // From the length where the first word fits (below it, see 'one enormous word').
  for (let max = 'Council…'.length; max < 40; max++) {
    const cut = truncateText('Council votes to close the harbour pool', max);
    assert.ok(cut.length <= max, `${max}: ${cut}`);
    const words = cut.replace('…', '').split(' ');
    for (const word of words) assert.ok(['Council', 'votes', 'to', 'close', 'the', 'harbour', 'pool', ''].includes(word), `${max}: "${word}" is a whole word`);
  }
});

test('an emoji at the cut point is never split into a lone surrogate', () => {
  const headline = 'Fans cheer 🎉🎉🎉 as the home side wins the cup final';
  for (let max = 1; max <= headline.length; max++) {
    const cut = truncateText(headline, max);
    assert.equal(hasLoneSurrogate(cut), false, `${max}: ${JSON.stringify(cut)}`);
    assert.ok(cut.length <= max);
  }
  // The old code's `headline.slice(0, 110)` did exactly this to a pair:
  assert.equal(hasLoneSurrogate('🎉'.slice(0, 1)), true);
});

test('a Devanagari headline is cut between words, never inside a conjunct or before a vowel sign', () => {
  const headline = 'मुख्यमंत्री ने बाढ़ प्रभावित क्षेत्रों की समीक्षा की';
  const words = headline.split(' ');
  for (let max = words[0]!.length + 1; max < headline.length; max++) {
    const cut = truncateText(headline, max, { locale: 'hi' });
    assert.ok(cut.length <= max);
    const kept = cut.replace(/…$/u, '').split(' ').filter(Boolean);
    kept.forEach((w, i) => assert.equal(w, words[i], `${max}: ${cut}`));
  }
});

test('one enormous word is cut between graphemes, not inside one', () => {
  const word = 'क्षेत्रों'.repeat(20);
  const cut = truncateText(word, 30);
  assert.ok(cut.length <= 30);
  const body = cut.slice(0, -1);
  const graphemes = [...new Intl.Segmenter('hi', { granularity: 'grapheme' }).segment(word)].map((g) => g.segment);
  let joined = '';
  for (const g of graphemes) {
    if (joined.length >= body.length) break;
    joined += g;
  }
  assert.equal(joined, body, 'the kept part ends on a grapheme boundary');
});

test('a description takes whole sentences, else the first sentence cut on a word', () => {
  const text = 'The council voted on Tuesday. The pool closes in May. Swimmers were angry.';
  assert.equal(describeText(text, 60), 'The council voted on Tuesday. The pool closes in May.');
  assert.equal(describeText(text, 200), text);
  assert.equal(describeText('One very long opening sentence that goes on and on without a stop', 30), 'One very long opening…');
  assert.ok(describeText('x'.repeat(500), 160).length <= 160);
});
