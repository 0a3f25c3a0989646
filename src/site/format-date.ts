/**
 * Reader-facing dates in the site's time zone: "Fri, 27 Jun 2025". Formatters
 * are built once per (locale, zone) — Intl construction is the expensive part.
 */
export interface DateFormatter {
  /** "Fri, 27 Jun 2025" */
  day(iso: string): string;
  /** "Fri, 27 Jun 2025, 10:00 IST" */
  dayTime(iso: string): string;
  /** "2025-06-27" in the site zone: the key for per-day view counts. */
  dayKey(date: Date): string;
  /** "June 2025" in the locale's own words (a topic timeline's month heading). */
  month(iso: string): string;
  /** "27 Jun" in the locale's own order (a timeline entry). */
  dayMonth(iso: string): string;
}

/** Remembers a formatter's answers per timestamp: pages show the same few dates again and again. */
function remembered(format: (iso: string) => string): (iso: string) => string {
  const answers = new Map<string, string>();
  return (iso) => {
    let text = answers.get(iso);
    if (text === undefined) {
      const date = new Date(iso);
      text = Number.isNaN(date.getTime()) ? '' : format(iso);
      if (answers.size > 10_000) answers.clear();
      answers.set(iso, text);
    }
    return text;
  };
}

const DAY_MS = 86_400_000;

/**
 * The calendar day an instant falls on in `timeZone`, as `YYYY-MM-DD`, without asking Intl for each
 * instant: the zone's offset is found at the start and at the end of the instant's UTC day (Intl,
 * twice per UTC day, remembered) and, where the two agree, holds for the whole day. A day on which
 * the offset changes (a clock change) is left to Intl: null.
 *
 * A cold archive page shows dates no page showed before (100,000 stories are 100,000 instants), and
 * formatToParts took 4.5 µs each; most of those instants share a day with one already formatted.
 */
function createZoneDays(timeZone: string): (ms: number) => string | null {
  const wall = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  /** How far the zone's wall clock is ahead of UTC at `ms` (a whole second), or NaN if Intl's parts do not say. */
  function offsetAt(ms: number): number {
    const p: Record<string, string> = {};
    for (const part of wall.formatToParts(ms)) p[part.type] = part.value;
    if (p.era !== undefined) return NaN;
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - Math.floor(ms / 1000) * 1000;
  }
  const offsets = new Map<number, number | null>();
  return (ms) => {
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = offsets.get(utcDay);
    if (offset === undefined) {
      const start = offsetAt(utcDay * DAY_MS);
      const end = offsetAt((utcDay + 1) * DAY_MS - 1000);
      offset = start === end && Number.isFinite(start) ? start : null;
      if (offsets.size > 10_000) offsets.clear();
      offsets.set(utcDay, offset);
    }
    if (offset === null) return null;
    const local = new Date(ms + offset);
    return `${local.getUTCFullYear()}-${local.getUTCMonth() + 1}-${local.getUTCDate()}`;
  };
}

export function createDateFormatter(locale: string, timeZone: string): DateFormatter {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short' });
  const key = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const monthYear = new Intl.DateTimeFormat(locale, { timeZone, month: 'long', year: 'numeric' });
  const shortDay = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short' });
  const dayKeyOf = remembered((iso) => key.format(new Date(iso)));

  // formatToParts is slow (microseconds a call) and a page shows a dozen dates, most of them
  // the same timestamps again and again: remember the answers, by timestamp and by calendar day.
  const dayCache = new Map<string, string>();
  const zoneDay = createZoneDays(timeZone);
  const dayTexts = new Map<string, string>();
  function day(iso: string): string {
    let text = dayCache.get(iso);
    if (text === undefined) {
      const ms = Date.parse(iso);
      const key = Number.isNaN(ms) ? null : zoneDay(ms);
      text = key === null ? undefined : dayTexts.get(key);
      if (text === undefined) {
        text = formatDay(iso);
        if (key !== null) {
          if (dayTexts.size > 10_000) dayTexts.clear();
          dayTexts.set(key, text);
        }
      }
      if (dayCache.size > 10_000) dayCache.clear();
      dayCache.set(iso, text);
    }
    return text;
  }

  function formatDay(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    const p: Record<string, string> = {};
    for (const part of parts.formatToParts(date)) p[part.type] = part.value;
    // Fixed order whatever the locale's own pattern: the newsroom house style.
    return `${p.weekday}, ${p.day} ${String(p.month).replace(/\.$/, '')} ${p.year}`;
  }

  return {
    day,
    dayTime(iso) {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return '';
      return `${day(iso)}, ${time.format(date)}`;
    },
    dayKey(date) {
      return dayKeyOf(date.toISOString());
    },
    month: remembered((iso) => monthYear.format(new Date(iso))),
    dayMonth: remembered((iso) => shortDay.format(new Date(iso))),
  };
}
