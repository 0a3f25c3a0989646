import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, createTimeKeys, daysBetween, zonedDayStart } from './zoned-time.js';

test('views are counted in the site-local day and hour, hours starting on the local clock', () => {
  const keys = createTimeKeys(() => 'Asia/Kolkata');
  // 19:00Z is 00:30 the next day in Kolkata (UTC+5:30); its hour began at 00:00 local, 18:30Z.
  assert.deepEqual(keys(Date.parse('2025-06-27T19:00:10Z')), { day: '2025-06-28', hour: '2025-06-27T18:30:00.000Z', minute: '2025-06-27T19:00:00.000Z' });
  assert.deepEqual(keys(Date.parse('2025-06-27T18:29:59Z')), { day: '2025-06-27', hour: '2025-06-27T17:30:00.000Z', minute: '2025-06-27T18:29:00.000Z' });
  const london = createTimeKeys(() => 'Europe/London');
  assert.equal(london(Date.parse('2025-06-27T23:30:00Z')).day, '2025-06-28', 'summer time');
  assert.equal(london(Date.parse('2025-12-27T23:30:00Z')).day, '2025-12-27');
});

test('a local day starts at its local midnight, across a change of clocks', () => {
  assert.equal(new Date(zonedDayStart('2025-06-28', 'Asia/Kolkata')).toISOString(), '2025-06-27T18:30:00.000Z');
  assert.equal(new Date(zonedDayStart('2025-03-30', 'Europe/London')).toISOString(), '2025-03-30T00:00:00.000Z');
  assert.equal(new Date(zonedDayStart('2025-03-31', 'Europe/London')).toISOString(), '2025-03-30T23:00:00.000Z');
  assert.equal(addDays('2025-02-28', 1), '2025-03-01');
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(daysBetween('2025-01-01', '2025-12-31'), 364);
});
