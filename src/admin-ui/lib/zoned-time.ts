/**
 * <input type="datetime-local"> values read and written in the site's time zone (a setting),
 * not the browser's: an editor in London pinning a story "until 18:00" for a paper in
 * Kolkata means 18:00 there, as the home page and its readers count time.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a zone, as milliseconds of a UTC date with the same fields. */
function wallMs(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of wallClock(timeZone).formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
}

/** `2025-06-27T18:00` in `timeZone` for an ISO instant; '' for none. */
export function toZonedInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  return new Date(wallMs(ms, timeZone)).toISOString().slice(0, 16);
}

/** The ISO instant of a datetime-local value read in `timeZone`; null if empty or invalid. */
export function fromZonedInput(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const wanted = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]));
  // The zone's offset at the guessed instant, then again at the corrected one (a DST change may lie between).
  let instant = wanted - (wallMs(wanted, timeZone) - wanted);
  instant = wanted - (wallMs(instant, timeZone) - instant);
  return Number.isNaN(instant) ? null : new Date(instant).toISOString();
}
