import type { DeviceClass } from './device-class.js';

/**
 * Counts waiting to be written, as one map of field → count. The fields are the same in memory
 * and in the Redis hash (HINCRBY on each), so one writer turns either into rows:
 *
 *   t|ARTICLE                 views to add to the article's total ("28 Views")
 *   d|ARTICLE|DAY             views per site-local day
 *   h|ARTICLE|HOUR            views per site-local hour (its start, ISO UTC)
 *   m|ARTICLE|MINUTE          views per minute (live view)
 *   r|ARTICLE|DAY|HOST        views per referrer host
 *   v|ARTICLE|DAY|DEVICE      views per device class
 *   u|DAY                     distinct readers of the site that day (new ones, or the whole count)
 */
export type Tally = Map<string, number>;

export interface CountedView {
  articleId: string;
  day: string;
  hour: string;
  minute: string;
  device: DeviceClass;
  /** Null when not recorded (a self-referral or a mangled value). */
  host: string | null;
}

/** The fields one counted view adds 1 to, in the order the Redis script increments them. */
export function tallyFields(view: CountedView): string[] {
  const id = view.articleId;
  const fields = [`t|${id}`, `d|${id}|${view.day}`, `h|${id}|${view.hour}`, `m|${id}|${view.minute}`, `v|${id}|${view.day}|${view.device}`];
  if (view.host) fields.push(`r|${id}|${view.day}|${view.host}`);
  return fields;
}

export function addTo(tally: Tally, field: string, n = 1): void {
  tally.set(field, (tally.get(field) ?? 0) + n);
}

export function mergeInto(target: Tally, source: Tally): void {
  for (const [field, n] of source) addTo(target, field, n);
}

/** Views of one article counted in the tally and not yet written. */
export function pendingViews(tally: Tally, articleId: string): number {
  return tally.get(`t|${articleId}`) ?? 0;
}

/** The counted views in the tally (the sum of the article totals). */
export function tallyViews(tally: Tally): number {
  let n = 0;
  for (const [field, count] of tally) if (field.startsWith('t|')) n += count;
  return n;
}

export interface TallyRows {
  totals: Map<string, number>;
  daily: { article_id: string; day: string; views: number }[];
  hourly: { article_id: string; hour: string; views: number }[];
  minutely: { article_id: string; minute: string; views: number }[];
  referrers: { article_id: string; day: string; host: string; views: number }[];
  devices: { article_id: string; day: string; device: DeviceClass; views: number }[];
  visitors: { day: string; visitors: number }[];
}

/** The rows a tally becomes; fields that do not parse (a foreign key in a shared Redis) are skipped. */
export function tallyRows(tally: Tally): TallyRows {
  const rows: TallyRows = { totals: new Map(), daily: [], hourly: [], minutely: [], referrers: [], devices: [], visitors: [] };
  for (const [field, raw] of tally) {
    const views = Math.trunc(Number(raw));
    if (!(views > 0)) continue;
    const [kind, a, b, c] = field.split('|');
    if (!a) continue;
    if (kind === 't') rows.totals.set(a, views);
    else if (kind === 'u') rows.visitors.push({ day: a, visitors: views });
    else if (!b) continue;
    else if (kind === 'd') rows.daily.push({ article_id: a, day: b, views });
    else if (kind === 'h') rows.hourly.push({ article_id: a, hour: b, views });
    else if (kind === 'm') rows.minutely.push({ article_id: a, minute: b, views });
    else if (kind === 'r' && c) rows.referrers.push({ article_id: a, day: b, host: c, views });
    else if (kind === 'v' && (c === 'mobile' || c === 'tablet' || c === 'desktop')) rows.devices.push({ article_id: a, day: b, device: c, views });
  }
  return rows;
}
