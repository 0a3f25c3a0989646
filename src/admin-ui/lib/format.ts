/**
 * Dates for people. Every time in the desk is shown and typed in the site's time zone (a
 * newsroom in Kolkata schedules for 10:00 IST, wherever the editor's laptop is), and says
 * which zone it is. The zone comes from GET /api/admin/site at start (setSiteTimeZone).
 */

import { fromZonedInput, toZonedInput } from './zoned-time.js';

let zone = browserTimeZone();
let dateTime = makeDateTime(zone);
let dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: zone });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

function makeDateTime(timeZone: string) {
  return new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' });
}

/** Called once the site's settings are known; an unknown zone leaves the browser's. */
export function setSiteTimeZone(timeZone: string): void {
  try {
    dateTime = makeDateTime(timeZone);
    dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone });
    zone = timeZone;
  } catch {
    // Keep the previous zone rather than break every date on the screen.
  }
}

/** The zone times are shown in, e.g. "Asia/Kolkata". */
export function siteTimeZone(): string {
  return zone;
}

/** A hint for time inputs: "Times are in the site's time zone, Asia/Kolkata (IST)." */
export function timeZoneHint(): string {
  const short = new Intl.DateTimeFormat(undefined, { timeZone: zone, timeZoneName: 'short' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
  return `Times are in the site's time zone, ${zone}${short && short !== zone ? ` (${short})` : ''}.`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

/** "3 minutes ago", falling back to the date after a week. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86400) return relative.format(Math.round(seconds / 86400), 'day');
  return formatDate(iso);
}

/** The value for an <input type="datetime-local"> from an ISO instant, in the site's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  return toZonedInput(iso, zone);
}

/** An ISO instant from an <input type="datetime-local"> value, read as the site's wall-clock time; null if empty or invalid. */
export function fromLocalInput(value: string): string | null {
  return fromZonedInput(value, zone);
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
