import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { DeviceClass } from './device-class.js';
import { DIRECT } from './referrer-host.js';
import { addTo, type Tally } from './view-tally.js';
import { applyTally } from './view-write-repo.js';
import type { TimeKeys } from './zoned-time.js';

const HOUR = 3_600_000;
/** Seeded views go back at most this far: a demo shows a fortnight of reading, busiest lately. */
const SPREAD_HOURS = 14 * 24;
const DEVICES: [DeviceClass, number][] = [['mobile', 0.64], ['desktop', 0.29], ['tablet', 0.07]];
const REFERRERS: [string, number][] = [[DIRECT, 0.34], ['google.com', 0.31], ['facebook.com', 0.13], ['x.com', 0.09], ['news.google.com', 0.08], ['whatsapp.com', 0.05]];

function share<T>(n: number, parts: [T, number][]): [T, number][] {
  let left = n;
  return parts.map(([key, weight], i) => {
    const take = i === parts.length - 1 ? left : Math.min(left, Math.round(n * weight));
    left -= take;
    return [key, take];
  });
}

/**
 * Gives a story (demo content, an import) a stored total and a believable history behind it:
 * the views spread over the hours since it was published, most of them in the last day or two,
 * with days, hours, devices and referrers that add up to the total. Runs in the caller's
 * transaction; the story must have no views yet.
 */
export async function seedViews(trx: Kysely<Database>, input: { articleId: string; total: number; publishedAt: number; now: number; timeKeys: (ms: number) => TimeKeys }): Promise<void> {
  if (input.total <= 0) return;
  const hours = Math.max(1, Math.min(SPREAD_HOURS, Math.ceil((input.now - input.publishedAt) / HOUR)));
  const weights = Array.from({ length: hours }, (_, i) => Math.exp(-i / 18));
  const sum = weights.reduce((a, b) => a + b, 0);
  const perHour = weights.map((w) => Math.floor((input.total * w) / sum));
  perHour[0]! += input.total - perHour.reduce((a, b) => a + b, 0);
  const tally: Tally = new Map();
  const id = input.articleId;
  const perDay = new Map<string, number>();
  perHour.forEach((views, i) => {
    if (!views) return;
    const keys = input.timeKeys(input.now - i * HOUR);
    addTo(tally, `h|${id}|${keys.hour}`, views);
    perDay.set(keys.day, (perDay.get(keys.day) ?? 0) + views);
  });
  for (const [day, views] of perDay) {
    addTo(tally, `d|${id}|${day}`, views);
    for (const [device, n] of share(views, DEVICES)) if (n) addTo(tally, `v|${id}|${day}|${device}`, n);
    for (const [host, n] of share(views, REFERRERS)) if (n) addTo(tally, `r|${id}|${day}|${host}`, n);
  }
  addTo(tally, `t|${id}`, input.total);
  await applyTally(trx, tally, { visitors: 'add' });
}
