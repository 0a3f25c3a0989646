import type { Settings } from '../api/types.js';

/**
 * "Fri, 27 Jun 2025, 10:00 IST" for now, in the site's locale and time zone: the settings
 * screen's preview of the date line. It follows the house style of src/site/format-date.ts
 * (fixed order whatever the locale); undefined while a half-typed locale is not valid.
 */
export function publishedSample(settings: Pick<Settings, 'locale' | 'timeZone'>, withTime: boolean, at = new Date()): string | undefined {
  try {
    const options = { timeZone: settings.timeZone };
    const parts: Record<string, string> = {};
    for (const part of new Intl.DateTimeFormat(settings.locale, { ...options, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).formatToParts(at)) parts[part.type] = part.value;
    const day = `${parts.weekday}, ${parts.day} ${String(parts.month).replace(/\.$/, '')} ${parts.year}`;
    if (!withTime) return day;
    return `${day}, ${new Intl.DateTimeFormat(settings.locale, { ...options, hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short' }).format(at)}`;
  } catch {
    return undefined;
  }
}
