import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import { useAnnounce } from '../components/announcer.js';
import { Checkbox, TextArea, TextField } from '../components/field.js';
import { MediaPicker } from '../components/media-picker.js';
import { ErrorNotice } from '../components/notice.js';
import { disclaimerText } from '../components/use-site-settings.js';
import { mediaItemChanged, useMediaItem } from '../editor/use-media-item.js';
import type { Media } from '../api/types.js';

export interface HeroPanelProps {
  mediaId: string | null;
  caption: string;
  onChange: (change: { heroMediaId?: string | null; heroCaption?: string }) => void;
  disclaimerTemplate: string;
  disabled: boolean;
}

/**
 * The hero picture: chosen from the library (or uploaded), with this story's
 * caption. Credit and disclaimer belong to the picture itself, so changing
 * them here updates the library item everywhere it is used.
 */
export function HeroPanel({ mediaId, caption, onChange, disclaimerTemplate, disabled }: HeroPanelProps) {
  const [picking, setPicking] = useState(false);
  const { media, failed } = useMediaItem(mediaId);

  return (
    <section className="panel" aria-labelledby="hero-title">
      <h2 id="hero-title" className="panel-title">
        Hero picture
      </h2>
      {mediaId && media && (
        <figure className="hero-preview">
          {media.thumbUrl || media.url ? <img src={media.thumbUrl ?? media.url ?? ''} alt={media.alt} /> : <div className="picture-missing">Preparing the picture…</div>}
          {!media.alt && <figcaption className="field-hint picture-warning">This picture has no alt text yet: add it below.</figcaption>}
        </figure>
      )}
      {mediaId && failed && <ErrorNotice>The hero picture is no longer in the media library.</ErrorNotice>}
      <div className="button-row">
        <button type="button" className="button" disabled={disabled} onClick={() => setPicking(true)}>
          {mediaId ? 'Change picture' : 'Choose picture'}
        </button>
        {mediaId && (
          <button type="button" className="button button-danger-quiet" disabled={disabled} onClick={() => onChange({ heroMediaId: null })}>
            Remove picture
          </button>
        )}
      </div>
      {mediaId && (
        <>
          <TextArea
            label="Caption for this story"
            value={caption}
            onChange={(heroCaption) => onChange({ heroCaption })}
            rows={2}
            maxLength={500}
            placeholder={media?.caption || 'Caption'}
            hint={media?.caption ? 'Leave empty to use the library caption shown above in grey.' : undefined}
            disabled={disabled}
          />
          {media && <PictureDetailsEditor key={media.id} media={media} disclaimerTemplate={disclaimerTemplate} />}
        </>
      )}
      <MediaPicker
        open={picking}
        title="Choose the hero picture"
        onClose={() => setPicking(false)}
        onChoose={(chosen: Media) => {
          setPicking(false);
          onChange({ heroMediaId: chosen.id });
        }}
      />
    </section>
  );
}

/** Alt text, credit and disclaimer belong to the picture in the library: editing them here edits it everywhere. */
function PictureDetailsEditor({ media, disclaimerTemplate }: { media: Media; disclaimerTemplate: string }) {
  const api = useApi();
  const announce = useAnnounce();
  const [alt, setAlt] = useState(media.alt ?? '');
  const [credit, setCredit] = useState(media.credit ?? '');
  const [showDisclaimer, setShowDisclaimer] = useState(Boolean(media.showDisclaimer));
  const [saved, setSaved] = useState({ alt: media.alt ?? '', credit: media.credit ?? '', showDisclaimer: Boolean(media.showDisclaimer) });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [alt, credit, showDisclaimer]);

  const changed = alt !== saved.alt || credit !== saved.credit || showDisclaimer !== saved.showDisclaimer;
  async function apply() {
    setBusy(true);
    try {
      const updated = await api.media.update(media.id, { alt: alt.trim(), credit: credit.trim(), showDisclaimer });
      mediaItemChanged(updated);
      setSaved({ alt: updated.alt ?? '', credit: updated.credit ?? '', showDisclaimer: Boolean(updated.showDisclaimer) });
      announce('Picture details updated');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="credit-editor">
      <TextArea label="Alt text" maxLength={500} value={alt} onChange={setAlt} rows={2} hint="What the picture shows, for people who cannot see it. Stored with the picture in the media library." error={alt.trim() ? undefined : 'Missing: readers using screen readers get nothing.'} />
      <TextField label="Picture credit" maxLength={200} value={credit} onChange={setCredit} placeholder="e.g. ANI" hint="Stored with the picture in the media library." />
      <Checkbox
        label="Show image disclaimer"
        checked={showDisclaimer}
        onChange={setShowDisclaimer}
        hint={credit.trim() ? `Readers see: “${disclaimerText(disclaimerTemplate, credit.trim())}”` : 'Add a credit to show a disclaimer.'}
      />
      {error && <ErrorNotice>{error}</ErrorNotice>}
      <button type="button" className="button button-small" disabled={!changed || busy} onClick={() => void apply()}>
        {busy ? 'Updating…' : 'Update picture details'}
      </button>
    </div>
  );
}
