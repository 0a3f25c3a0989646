import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RATE_AGENCY_ONE, RATE_AGENCY_TWO, CYCLONE_ONE, CYCLONE_TWO, RELEASE, STORY_FROM_RELEASE, RATE_OTHER, CRICKET_ONE, CRICKET_TWO, DEFENCE_ONE, DEFENCE_TWO } from './fixtures/rewrites.js';
import { bands, contentWords, decodeSignature, encodeSignature, estimatedJaccard, sameStory, signature } from './near-duplicates.js';

const pairs = {
  same: [
    ['two agencies on one rate decision', RATE_AGENCY_ONE, RATE_AGENCY_TWO],
    ['two agencies on one cyclone', CYCLONE_ONE, CYCLONE_TWO],
    ['a release and the short story cut from it', RELEASE, STORY_FROM_RELEASE],
  ],
  different: [
    ['the same governor, another story', RATE_AGENCY_ONE, RATE_OTHER],
    ['the same teams, another match', CRICKET_ONE, CRICKET_TWO],
    ['the same minister, another event', DEFENCE_ONE, DEFENCE_TWO],
    ['unrelated', CYCLONE_ONE, CRICKET_ONE],
    ['a release and a story from another release', RELEASE, RATE_OTHER],
  ],
} as const;

/** The exact Jaccard of two texts' word sets, to check the estimate against. */
function exactJaccard(a: string, b: string): number {
  const x = contentWords(a);
  const y = contentWords(b);
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  return both / (x.size + y.size - both);
}

for (const [name, a, b] of pairs.same) {
  test(`near-duplicates: ${name} are one story`, () => {
    const verdict = sameStory(signature(a), signature(b));
    assert.ok(verdict.same, `score ${verdict.score.toFixed(2)}, exact Jaccard ${exactJaccard(a, b).toFixed(2)}`);
  });
}

for (const [name, a, b] of pairs.different) {
  test(`near-duplicates: ${name} stay apart`, () => {
    const verdict = sameStory(signature(a), signature(b));
    assert.ok(!verdict.same, `score ${verdict.score.toFixed(2)}, exact Jaccard ${exactJaccard(a, b).toFixed(2)}`);
  });
}

test('near-duplicates: the estimate follows the exact Jaccard of the word sets', () => {
  for (const [, a, b] of [...pairs.same, ...pairs.different]) {
    const estimate = estimatedJaccard(signature(a), signature(b));
    // 128 values: the standard error is at most 0.045.
    assert.ok(Math.abs(estimate - exactJaccard(a, b)) < 0.15, `estimate ${estimate} vs ${exactJaccard(a, b)}`);
  }
  assert.equal(estimatedJaccard(signature(CYCLONE_ONE), signature(CYCLONE_ONE)), 1);
});

test('near-duplicates: rewrites of one story share a band, so the indexed lookup finds them', () => {
  for (const [name, a, b] of pairs.same) {
    const x = bands(signature(a));
    const y = bands(signature(b));
    assert.ok(
      x.some((v, i) => v === y[i]),
      name,
    );
  }
});

test('near-duplicates: case, accents, plurals and wire boilerplate do not tell stories apart', () => {
  const a = signature('PTI: Protesters gathered at the Café in São Paulo on Monday, officials said.');
  const b = signature('protester gathered at the cafe in sao paulo');
  assert.equal(estimatedJaccard(a, b), 1);
});

test('near-duplicates: an empty or wordless text matches nothing, not even itself', () => {
  const empty = signature('');
  assert.equal(empty.words, 0);
  assert.equal(sameStory(empty, signature('')).same, false);
  assert.equal(sameStory(signature('— … !!'), signature(CYCLONE_ONE)).same, false);
});

test('near-duplicates: a signature survives being stored, and a damaged one is refused', () => {
  const sig = signature(RATE_AGENCY_ONE);
  const back = decodeSignature(encodeSignature(sig));
  assert.ok(back);
  assert.deepEqual(Array.from(back.values), Array.from(sig.values));
  assert.equal(back.words, sig.words);
  assert.equal(decodeSignature('12:abc'), null);
  assert.equal(decodeSignature(''), null);
});
