import { useEffect, useId, useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import type { Settings } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { Checkbox, SelectField, TextField } from '../components/field.js';
import { publishedSample } from '../components/published-sample.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { disclaimerText } from '../components/use-site-settings.js';
import { useSections } from '../components/use-directory.js';
import { useLoad, useTitle } from '../lib/use-load.js';

/** The server's rule for `twitterHandle` (settings-service.ts): empty, or an X handle. */
const X_HANDLE = /^(?:@[A-Za-z0-9_]{1,15})?$/;

const COMMON_LOCALES = ['en-IN', 'en-GB', 'en-US', 'hi-IN', 'bn-IN', 'ta-IN', 'te-IN', 'mr-IN', 'ur-IN', 'fr-FR', 'de-DE', 'es-ES'];

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

export function SettingsScreen() {
  useTitle('Settings');
  const api = useApi();
  const announce = useAnnounce();
  const settings = useLoad(() => api.settings.get(), []);
  const sections = useSections();
  const [draft, setDraft] = useState<Settings | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const localeListId = useId();

  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);

  const set = (change: Partial<Settings>) => setDraft((d) => (d ? { ...d, ...change } : d));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setSaving(true);
    setError(null);
    try {
      settings.setData(await api.settings.update(draft));
      announce('Settings saved');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const zones = timeZones();
  if (draft && !zones.includes(draft.timeZone)) zones.unshift(draft.timeZone);
  // A half-typed locale makes Intl throw; the sample simply disappears until it is valid.
  const sample = draft ? safe(() => new Intl.DateTimeFormat(draft.locale || undefined, { dateStyle: 'full', timeStyle: 'short', timeZone: draft.timeZone }).format(new Date())) : undefined;
  const sectionOptions = (sections.data ?? []).map((s) => ({ value: s.slug, label: s.name }));
  if (draft && !sectionOptions.some((o) => o.value === draft.defaultSection)) {
    const missing = sections.data && draft.defaultSection ? ' (not an existing section)' : '';
    sectionOptions.unshift({ value: draft.defaultSection, label: draft.defaultSection ? `${draft.defaultSection}${missing}` : 'Choose a section' });
  }

  return (
    <>
      <PageHeader title="Settings" description="How the public site names itself, tells the time and credits pictures." />
      {settings.error != null && <ErrorNotice>{errorMessage(settings.error)}</ErrorNotice>}
      {settings.loading && !draft && <Loading />}
      {draft && (
        <form onSubmit={save} className="stack settings-form">
          <TextField label="Site name" value={draft.siteName} onChange={(siteName) => set({ siteName })} required maxLength={100} />
          <TextField
            label="X account"
            value={draft.twitterHandle}
            onChange={(twitterHandle) => set({ twitterHandle })}
            placeholder="@yoursite"
            maxLength={16}
            spellCheck={false}
            autoCapitalize="none"
            hint="Named on every shared link to X (twitter:site). Leave empty if the site has no account."
            error={X_HANDLE.test(draft.twitterHandle.trim()) ? null : 'An @ and up to 15 letters, digits or underscores, such as @harbourherald.'}
          />
          <SelectField label="Time zone" value={draft.timeZone} onChange={(timeZone) => set({ timeZone })} options={zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))} hint={sample ? `Now on the site: ${sample}` : undefined} />
          <TextField label="Locale" value={draft.locale} onChange={(locale) => set({ locale })} list={localeListId} hint="A language tag such as en-IN or hi-IN: sets date formats and the page language." required />
          <datalist id={localeListId}>
            {COMMON_LOCALES.map((l) => (
              <option key={l} value={l} />
            ))}
          </datalist>
          <TextField
            label="Disclaimer template"
            value={draft.disclaimerTemplate}
            onChange={(disclaimerTemplate) => set({ disclaimerTemplate })}
            required
            hint={`Shown under agency pictures; {credit} becomes the picture's credit. Example: “${disclaimerText(draft.disclaimerTemplate, 'ANI')}”`}
            error={draft.disclaimerTemplate.includes('{credit}') ? null : 'The template must contain {credit}.'}
          />
          <SelectField
            label="Default section"
            value={draft.defaultSection}
            onChange={(defaultSection) => set({ defaultSection })}
            options={sectionOptions}
            hint="New stories and imported wire copy start in this section."
          />
          <Checkbox
            label="Show the time with “Published On” and “Updated On”"
            checked={draft.showPublishedTime}
            onChange={(showPublishedTime) => set({ showPublishedTime })}
            hint={`Stories then show e.g. “Published On ${publishedSample(draft, true) ?? 'Fri, 27 Jun 2025, 10:00 IST'}” instead of the date alone, in the site's time zone.`}
          />
          <Checkbox
            label="Full text in feeds"
            checked={draft.feedFullText}
            onChange={(feedFullText) => set({ feedFullText })}
            hint="RSS, Atom and JSON Feed readers then get each story's whole text and pictures; otherwise the headline, standfirst and picture, with a link to the story."
          />
          {error && <ErrorNotice>{error}</ErrorNotice>}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={saving || !draft.disclaimerTemplate.includes('{credit}')}>
              {saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

function safe(text: () => string): string | undefined {
  try {
    return text();
  } catch {
    return undefined;
  }
}
