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

export function createDateFormatter(locale: string, timeZone: string): DateFormatter {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short' });
  const key = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const monthYear = new Intl.DateTimeFormat(locale, { timeZone, month: 'long', year: 'numeric' });
  const shortDay = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short' });
  const dayKeyOf = remembered((iso) => key.format(new Date(iso)));

  // formatToParts is slow (microseconds a call) and a page shows a dozen dates, most of them
  // the same timestamps again and again: remember the answers.
  const dayCache = new Map<string, string>();
  function day(iso: string): string {
    let text = dayCache.get(iso);
    if (text === undefined) {
      text = formatDay(iso);
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
