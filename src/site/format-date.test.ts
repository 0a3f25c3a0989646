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

test('the day shown is the one Intl gives for the instant, across clock changes, odd offsets and locales', () => {
  // Zones with summer time (northern and southern), a half-hour change (Lord Howe), offsets of
  // :30 and :45, one across the date line (Apia dropped 30 Dec 2011), and UTC itself.
  const zones = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'Pacific/Apia', 'UTC'];
  const locales = ['en-IN', 'en-GB', 'hi-IN', 'fr-FR'];
  for (const timeZone of zones) {
    for (const locale of locales) {
      const intl = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
      const exactly = (iso: string) => {
        const p: Record<string, string> = {};
        for (const part of intl.formatToParts(new Date(iso))) p[part.type] = part.value;
        return `${p.weekday}, ${p.day} ${String(p.month).replace(/\.$/, '')} ${p.year}`;
      };
      const dates = createDateFormatter(locale, timeZone);
      // Through two years (both clock changes of each year, and the Apia jump in 2011), in steps of
      // 21 min 13 s (ten times that for the other locales), which drift across every minute of the hour.
      const from = Date.parse(timeZone === 'Pacific/Apia' ? '2011-01-01T00:00:00Z' : '2025-01-01T00:00:00Z');
      for (let ms = from; ms < from + 2 * 365 * 86_400_000; ms += 1_273_000 * (locale === 'en-IN' ? 1 : 10)) {
        const iso = new Date(ms).toISOString();
        assert.equal(dates.day(iso), exactly(iso), `${timeZone} ${locale} ${iso}`);
      }
      // The minutes either side of each hour (so of local midnight, where a wrong offset shows the
      // wrong day) for 60 days, and around the clock changes of March, April, October and November.
      const days = (month: number) => Date.UTC(new Date(from).getUTCFullYear(), month, 1);
      const spans = locale === 'en-IN' ? [[from, from + 60 * 86_400_000], [days(2), days(4) + 15 * 86_400_000], [days(9), days(10) + 10 * 86_400_000], [days(11) + 25 * 86_400_000, days(12) + 5 * 86_400_000]] : [];
      for (const [start, end] of spans) for (let ms = start!; ms < end!; ms += 3_600_000) {
        for (const delta of [-61_000, -1_000, 0, 1_000, 61_000]) {
          const iso = new Date(ms + delta).toISOString();
          assert.equal(dates.day(iso), exactly(iso), `${timeZone} ${locale} ${iso}`);
        }
      }
    }
  }
});
