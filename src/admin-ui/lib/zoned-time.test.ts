import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromZonedInput, toZonedInput } from './zoned-time.js';

test('an expiry typed on the front-page screen is read in the site time zone, whatever the browser is in', () => {
  assert.equal(fromZonedInput('2025-06-27T18:00', 'Asia/Kolkata'), '2025-06-27T12:30:00.000Z');
  assert.equal(toZonedInput('2025-06-27T12:30:00.000Z', 'Asia/Kolkata'), '2025-06-27T18:00');
  // Either side of a daylight-saving change, the offset of that day is used.
  assert.equal(fromZonedInput('2025-03-29T18:00', 'Europe/London'), '2025-03-29T18:00:00.000Z');
  assert.equal(fromZonedInput('2025-03-31T18:00', 'Europe/London'), '2025-03-31T17:00:00.000Z');
  assert.equal(toZonedInput('2025-10-27T09:15:00.000Z', 'America/New_York'), '2025-10-27T05:15');
  assert.equal(fromZonedInput('', 'Asia/Kolkata'), null);
  assert.equal(fromZonedInput('tomorrow', 'Asia/Kolkata'), null);
  assert.equal(toZonedInput(null, 'Asia/Kolkata'), '');
});
