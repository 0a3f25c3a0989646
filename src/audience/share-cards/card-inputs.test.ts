import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cardFilePath, cardHash, cardKey, cropKey, heroHash, siteCardHash, type CardInputs } from './card-inputs.js';

const inputs: CardInputs = {
  headline: 'Harbour floods after record rain',
  sectionName: 'News',
  language: 'en',
  siteName: 'The Test Times',
  heroMediaId: '01hzzzzzzzzzzzzzzzzzzzzzzz',
  heroPath: 'o/zz/01hzzzzzzzzzzzzzzzzzzzzzzz.jpg',
  focalX: 0.5,
  focalY: 0.5,
};

test('the card hash is stable for the same inputs', () => {
  assert.equal(cardHash({ ...inputs }), cardHash(inputs));
  assert.match(cardHash(inputs), /^[0-9a-f]{16}$/);
});

test('every input drawn on the card changes its hash, and so its URL', () => {
  const changes: Partial<CardInputs>[] = [
    { headline: 'Harbour floods after record rain!' },
    { sectionName: 'World' },
    { language: 'hi' },
    { siteName: 'The Harbour Herald' },
    { heroMediaId: '' },
    { heroPath: 'o/zz/other.jpg' },
    { focalX: 0.25 },
    { focalY: 0.75 },
  ];
  const hashes = new Set([cardHash(inputs), ...changes.map((c) => cardHash({ ...inputs, ...c }))]);
  assert.equal(hashes.size, changes.length + 1);
  assert.notEqual(cardKey('01hzzzzzzzzzzzzzzzzzzzzzab', cardHash(inputs)), cardKey('01hzzzzzzzzzzzzzzzzzzzzzab', cardHash({ ...inputs, headline: 'Corrected' })));
});

test('the crops follow the picture only: a new headline keeps them', () => {
  assert.equal(heroHash({ ...inputs, headline: 'Corrected', sectionName: 'World', siteName: 'Other' }), heroHash(inputs));
  assert.notEqual(heroHash({ ...inputs, focalX: 0.3 }), heroHash(inputs));
  assert.notEqual(heroHash({ ...inputs, heroPath: 'o/zz/other.jpg' }), heroHash(inputs));
});

test('a focal point read back from a float column hashes like the value written', () => {
  // PostgreSQL `real` keeps about seven digits: 0.3 may come back as 0.30000001192092896.
  assert.equal(cardHash({ ...inputs, focalX: 0.30000001192092896 }), cardHash({ ...inputs, focalX: 0.3 }));
});

test('card files are named by story and hash, under /media/cards/', () => {
  const id = '01jabcdefghijklmnopqrstuvw';
  assert.equal(cardKey(id, 'abc'), `vw/${id}-abc.jpg`);
  assert.equal(cropKey(id, 'def', '16x9'), `vw/${id}-def-16x9.jpg`);
  assert.equal(cardFilePath(cardKey(id, 'abc')), `/media/cards/vw/${id}-abc.jpg`);
});

test('the site image is versioned by the site name and host', () => {
  assert.equal(siteCardHash('The Test Times', 'news.example.com'), siteCardHash('The Test Times', 'news.example.com'));
  assert.notEqual(siteCardHash('The Test Times', 'news.example.com'), siteCardHash('The Harbour Herald', 'news.example.com'));
});
