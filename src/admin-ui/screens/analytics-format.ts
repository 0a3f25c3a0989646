import type { Granularity } from '../api/analytics-api.js';

/** A chart's slots: hours, days and months from the API, and the live view's minutes. */
export type Slot = Granularity | 'minute';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(slot: Slot, timeZone: string): Intl.DateTimeFormat {
  const key = `${slot}:${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    // Days and months are calendar labels already: read them in UTC so no zone moves them a day.
    const options: Intl.DateTimeFormatOptions =
      slot === 'month'
        ? { timeZone: 'UTC', month: 'short', year: 'numeric' }
        : slot === 'day'
          ? { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }
          : slot === 'hour'
            ? { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
            : { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    found = new Intl.DateTimeFormat('en-GB', options);
    formatters.set(key, found);
  }
  return found;
}

/** The instant a slot's label `t` stands for, in seconds (what uPlot plots). */
export function slotSeconds(t: string, slot: Slot): number {
  if (slot === 'month') return Date.parse(`${t}-01T00:00:00Z`) / 1000;
  if (slot === 'day') return Date.parse(`${t}T00:00:00Z`) / 1000;
  return Date.parse(t) / 1000;
}

/** A slot as people read it: "Fri 27 Jun", "27 Jun, 10:00", "Jun 2025", "10:31". */
export function slotLabel(t: string, slot: Slot, timeZone: string): string {
  return formatter(slot, timeZone).format(new Date(slotSeconds(t, slot) * 1000));
}

export const formatCount = (n: number) => n.toLocaleString('en-US');

export function viewsText(n: number): string {
  return n === 1 ? '1 view' : `${formatCount(n)} views`;
}

/** One sentence a screen reader hears instead of the drawing: the total, the span and the busiest slot. */
export function seriesSummary(points: { t: string; views: number }[], slot: Slot, timeZone: string): string {
  if (points.length === 0) return 'No data.';
  const total = points.reduce((sum, p) => sum + p.views, 0);
  const span = `from ${slotLabel(points[0]!.t, slot, timeZone)} to ${slotLabel(points.at(-1)!.t, slot, timeZone)}`;
  if (total === 0) return `No views ${span}.`;
  const busiest = points.reduce((best, p) => (p.views > best.views ? p : best), points[0]!);
  const preposition = slot === 'day' ? 'on' : slot === 'month' ? 'in' : 'at';
  return `${viewsText(total)} ${span}; the most, ${viewsText(busiest.views)}, ${preposition} ${slotLabel(busiest.t, slot, timeZone)}.`;
}

/** A label under the time axis, on the site's clock (uPlot's own are US-style, in the browser's zone). */
export function tickLabel(seconds: number, slot: Slot, timeZone: string): string {
  const text = formatter(slot, timeZone).format(new Date(seconds * 1000));
  // "Fri 27 Jun" is too wide under every tick: the weekday goes.
  return slot === 'day' ? text.replace(/^\w+ /, '') : text;
}
