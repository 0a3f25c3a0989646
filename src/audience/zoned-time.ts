/**
 * Views are counted per site-local day and per site-local hour. Hours are stored as the UTC
 * instant at which the local hour starts, so a site in Asia/Kolkata (UTC+5:30) gets hours that
 * start at 10:00 on its own clock (04:30Z), not at 10:30, and a later change of time zone never
 * makes old rows ambiguous.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a zone, as the milliseconds of a UTC date with the same fields. */
export function wallMs(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of wallClock(timeZone).formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
}

/** The instant a site-local day (`YYYY-MM-DD`) begins. */
export function zonedDayStart(day: string, timeZone: string): number {
  const wanted = Date.parse(`${day}T00:00:00Z`);
  // The offset at a first guess, then again at the corrected instant (a DST change may lie between).
  let instant = wanted - (wallMs(wanted, timeZone) - wanted);
  instant = wanted - (wallMs(instant, timeZone) - instant);
  return instant;
}

/** `YYYY-MM-DD` plus `n` days (calendar arithmetic, no zone involved). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

export interface TimeKeys {
  /** The site-local day, `YYYY-MM-DD`. */
  day: string;
  /** The instant the site-local hour began, ISO-8601 UTC. */
  hour: string;
  /** The instant the minute began, ISO-8601 UTC. */
  minute: string;
}

/**
 * The day, hour and minute a view at `ms` is counted in. Intl is slow next to the rest of a
 * beacon, so the answer is kept for the minute it belongs to (every zone offset is whole minutes).
 */
export function createTimeKeys(timeZone: () => string): (ms: number) => TimeKeys {
  let cachedMinute = Number.NaN;
  let cachedZone = '';
  let cached: TimeKeys = { day: '', hour: '', minute: '' };
  return function timeKeys(ms: number): TimeKeys {
    const minute = Math.floor(ms / MINUTE);
    const zone = timeZone();
    if (minute !== cachedMinute || zone !== cachedZone) {
      const start = minute * MINUTE;
      const wall = wallMs(start, zone);
      cached = {
        day: new Date(wall).toISOString().slice(0, 10),
        hour: new Date(start - (((wall % HOUR) + HOUR) % HOUR)).toISOString(),
        minute: new Date(start).toISOString(),
      };
      cachedMinute = minute;
      cachedZone = zone;
    }
    return cached;
  };
}
