import { useEffect, useState, type FormEvent } from 'react';
import { useApi, useSession } from '../api/api-context.js';
import { ApiError, errorMessage } from '../api/http.js';
import type { Media } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { Checkbox, TextArea, TextField } from '../components/field.js';
import { FocalPointPicker } from '../components/focal-point-picker.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { disclaimerText, useSiteSettings } from '../components/use-site-settings.js';
import { formatDateTime } from '../lib/format.js';
import { atLeast } from '../lib/roles.js';
import { useLoad } from '../lib/use-load.js';
import { Link } from '../router/link.js';

export interface MediaPanelProps {
  id: string;
  onClose: () => void;
  onChanged: (media: Media) => void;
  onDeleted: (id: string) => void;
}

interface Draft {
  alt: string;
  caption: string;
  credit: string;
  sourceUrl: string;
  licence: string;
  showDisclaimer: boolean;
  focal: { x: number; y: number };
}

const toDraft = (m: Media): Draft => ({
  alt: m.alt ?? '',
  caption: m.caption ?? '',
  credit: m.credit ?? '',
  sourceUrl: m.sourceUrl ?? '',
  licence: m.licence ?? '',
  showDisclaimer: Boolean(m.showDisclaimer),
  focal: m.focal ?? { x: 0.5, y: 0.5 },
});

/** One picture's details: metadata, focal point, where it is used, delete. */
export function MediaPanel({ id, onClose, onChanged, onDeleted }: MediaPanelProps) {
  const api = useApi();
  const { user } = useSession();
  const announce = useAnnounce();
  const settings = useSiteSettings();
  const item = useLoad(() => api.media.get(id), [id]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    if (item.data) setDraft(toDraft(item.data));
  }, [item.data]);

  const set = (change: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...change } : d));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setSaving(true);
    setError(null);
    try {
      const updated = await api.media.update(id, { ...draft, sourceUrl: draft.sourceUrl.trim() || null });
      item.setData({ ...updated, usedBy: updated.usedBy ?? item.data?.usedBy, usedByOthers: updated.usedByOthers ?? item.data?.usedByOthers });
      onChanged(updated);
      announce('Picture details saved');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const media = item.data;
  return (
    <aside className="media-panel" aria-labelledby="media-panel-title">
      <div className="panel-header">
        <h2 id="media-panel-title">Picture details</h2>
        <button type="button" className="button-icon" aria-label="Close picture details" onClick={onClose}>
          ×
        </button>
      </div>
      {item.loading && !media && <Loading />}
      {item.error != null && <ErrorNotice>{errorMessage(item.error)}</ErrorNotice>}
      {media && draft && (
        <form onSubmit={save} className="stack">
          <FocalPointPicker src={media.url ?? media.thumbUrl} value={draft.focal} onChange={(focal) => set({ focal })} width={media.width} height={media.height} />
          <p className="meta-line">
            {media.width} × {media.height} px · uploaded {formatDateTime(media.createdAt)}
          </p>
          <TextArea label="Alt text" maxLength={500} value={draft.alt} onChange={(alt) => set({ alt })} rows={2} hint="Describe what the picture shows for people who cannot see it." />
          <TextArea label="Caption" maxLength={1000} value={draft.caption} onChange={(caption) => set({ caption })} rows={2} />
          <TextField label="Credit" maxLength={200} value={draft.credit} onChange={(credit) => set({ credit })} placeholder="e.g. ANI, Reuters, staff photographer" />
          <TextField label="Source URL" type="url" maxLength={2000} value={draft.sourceUrl} onChange={(sourceUrl) => set({ sourceUrl })} placeholder="https://" />
          <TextField label="Licence" maxLength={500} value={draft.licence} onChange={(licence) => set({ licence })} placeholder="e.g. Agency subscription, CC BY 4.0" />
          <Checkbox
            label="Show image disclaimer"
            checked={draft.showDisclaimer}
            onChange={(showDisclaimer) => set({ showDisclaimer })}
            hint={draft.credit ? `Readers see: “${disclaimerText(settings.disclaimerTemplate, draft.credit)}”` : 'Add a credit to show a disclaimer.'}
          />
          {error && <ErrorNotice>{error}</ErrorNotice>}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
            {atLeast(user.role, 'editor') && (
              <button type="button" className="button button-danger" onClick={() => setConfirmDelete(true)}>
                Delete
              </button>
            )}
          </div>
          <section aria-labelledby="used-in-title" className="used-in">
            <h3 id="used-in-title">Used in</h3>
            {media.usedBy && media.usedBy.length > 0 ? (
              <ul>
                {media.usedBy.map((story) => (
                  <li key={story.id}>
                    <Link href={`/admin/stories/${encodeURIComponent(story.id)}`}>{story.headline || 'Untitled story'}</Link>
                  </li>
                ))}
              </ul>
            ) : !media.usedByOthers ? (
              <p className="field-hint">Not used in any story.</p>
            ) : null}
            {media.usedByOthers ? (
              <p className="field-hint">
                {media.usedBy?.length ? 'Also used' : 'Used'} in {media.usedByOthers} {media.usedByOthers === 1 ? 'story' : 'stories'} by other writers.
              </p>
            ) : null}
          </section>
        </form>
      )}
      <ConfirmDialog
        open={confirmDelete}
        title="Delete this picture?"
        confirmLabel="Delete picture"
        danger
        onClose={() => setConfirmDelete(false)}
        onConfirm={async () => {
          await api.media.remove(id);
          announce('Picture deleted');
          onDeleted(id);
        }}
        renderError={(err) => <MediaInUse err={err} />}
      >
        <p>The picture and all its sizes are removed for good. Stories cannot use a deleted picture.</p>
      </ConfirmDialog>
    </aside>
  );
}

function MediaInUse({ err }: { err: unknown }) {
  if (!(err instanceof ApiError) || err.code !== 'MEDIA_IN_USE') return <>{errorMessage(err)}</>;
  const current = err.details.current as { usedBy?: unknown } | undefined;
  const list = err.details.usedBy ?? current?.usedBy;
  const usedBy = Array.isArray(list) ? (list as { id: string; headline: string }[]) : [];
  return (
    <>
      <p>
        <strong>This picture is in use and cannot be deleted.</strong> Remove it from these stories first:
      </p>
      <ul>
        {usedBy.map((story) => (
          <li key={story.id}>
            <Link href={`/admin/stories/${encodeURIComponent(story.id)}`}>{story.headline || 'Untitled story'}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
