import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDateFormatter } from './format-date.js';

test('a date is shown as weekday, day, short month and year in the site time zone', () => {
  const kolkata = createDateFormatter('en-IN', 'Asia/Kolkata');
  // 20:00 UTC on Thursday is already Friday in India.
  assert.equal(kolkata.day('2025-06-26T20:00:00Z'), 'Fri, 27 Jun 2025');
  assert.equal(createDateFormatter('en-GB', 'Europe/London').day('2025-06-26T20:00:00Z'), 'Thu, 26 Jun 2025');
});

test('the day key follows the site time zone', () => {
  assert.equal(createDateFormatter('en-IN', 'Asia/Kolkata').dayKey(new Date('2025-06-26T20:00:00Z')), '2025-06-27');
});

test('an invalid timestamp renders as nothing rather than "Invalid Date"', () => {
  assert.equal(createDateFormatter('en-IN', 'Asia/Kolkata').day('not a date'), '');
});
