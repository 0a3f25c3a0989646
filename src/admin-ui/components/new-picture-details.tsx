import { useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import type { Media } from '../api/types.js';
import { Checkbox, TextArea, TextField } from './field.js';
import { ErrorNotice } from './notice.js';

/**
 * Right after an upload from inside a story: the picture's alt text, caption and credit,
 * stored with it in the media library, before it goes into the story. A picture should not
 * reach readers without them; "Use without details" is there, but it is the second choice.
 */
export function NewPictureDetails({ media, onDone }: { media: Media; onDone: (media: Media) => void }) {
  const api = useApi();
  const [alt, setAlt] = useState(media.alt ?? '');
  const [caption, setCaption] = useState(media.caption ?? '');
  const [credit, setCredit] = useState(media.credit ?? '');
  const [showDisclaimer, setShowDisclaimer] = useState(Boolean(media.showDisclaimer));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await api.media.update(media.id, { alt: alt.trim(), caption: caption.trim(), credit: credit.trim(), showDisclaimer }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form className="stack new-picture" onSubmit={save} aria-busy={busy}>
      <div className="new-picture-row">
        {media.thumbUrl || media.url ? <img src={media.thumbUrl ?? media.url ?? ''} alt="" className="new-picture-thumb" /> : null}
        <p>Uploaded. Describe the picture before you use it: these details are kept with it in the media library.</p>
      </div>
      <TextArea label="Alt text" value={alt} onChange={setAlt} rows={2} maxLength={500} required hint="What the picture shows, for people who cannot see it." autoFocus />
      <TextArea label="Caption" value={caption} onChange={setCaption} rows={2} maxLength={1000} />
      <TextField label="Credit" value={credit} onChange={setCredit} maxLength={200} placeholder="e.g. ANI, or the photographer" />
      <Checkbox label="Show image disclaimer" checked={showDisclaimer} onChange={setShowDisclaimer} hint="For pictures from an agency or another third party." />
      {error && <ErrorNotice>{error}</ErrorNotice>}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy || !alt.trim()}>
          {busy ? 'Saving…' : 'Save and use picture'}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => onDone(media)}>
          Use without details
        </button>
      </div>
    </form>
  );
}
