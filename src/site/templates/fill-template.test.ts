import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillTemplate } from './fill-template.js';

test('a credit with $ patterns is filled in as typed', () => {
  for (const credit of ["$'", '$&', '$`', '$1', '$$', "Cash$'Flow $& Sons $` Ltd"]) {
    assert.equal(fillTemplate('Disclaimer: This image is taken from {credit}.', { credit }), `Disclaimer: This image is taken from ${credit}.`);
  }
});

test('every placeholder is filled, unknown ones and placeholders inside values stay', () => {
  assert.equal(fillTemplate('{credit} / {credit}', { credit: 'ANI' }), 'ANI / ANI');
  assert.equal(fillTemplate('{other} {credit}', { credit: '{other}' }), '{other} {other}');
});
