import { useApi, useSession } from '../api/api-context.js';
import type { Settings } from '../api/types.js';
import { atLeast } from '../lib/roles.js';
import { useLoad } from '../lib/use-load.js';

/** What the desk shows when the role may not read the settings (only editors and admins may). */
export const FALLBACK_SETTINGS: Settings = {
  siteName: window.location.hostname,
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  locale: navigator.language,
  disclaimerTemplate: 'Disclaimer: This image is taken from {credit}.',
  defaultSection: '',
  showPublishedTime: false,
  feedFullText: false,
  twitterHandle: '',
};

export function useSiteSettings(): Settings {
  const api = useApi();
  const { user } = useSession();
  const canRead = atLeast(user.role, 'editor');
  const result = useLoad(async () => (canRead ? api.settings.get() : FALLBACK_SETTINGS), [canRead]);
  return result.data ?? FALLBACK_SETTINGS;
}

export function disclaimerText(template: string, credit: string): string {
  // A replacer function: a credit such as "$&" must show as typed, not as a replacement pattern.
  return template.includes('{credit}') ? template.replace('{credit}', () => credit) : `${template} ${credit}`;
}
