import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import type { Article } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { TextArea } from '../components/field.js';
import { ErrorNotice } from '../components/notice.js';
import { formatDateTime } from '../lib/format.js';
import type { StoryDocument } from './use-story-document.js';

/** Public corrections on a published story: each note is shown to readers with its date. */
export function CorrectionsPanel({ doc, article, canCorrect }: { doc: StoryDocument; article: Article; canCorrect: boolean }) {
  const api = useApi();
  const announce = useAnnounce();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function add() {
    setBusy(true);
    setError(null);
    try {
      if (!(await doc.save())) throw new Error('Save the latest changes first.');
      const version = doc.latest()?.version ?? article.version;
      // A correction is public at once: it goes out as an Update (with any saved changes).
      doc.reset(await api.articles.applyChanges(article.id, version, note.trim()));
      setNote('');
      announce('Correction added');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="corrections-title">
      <h2 id="corrections-title" className="panel-title">
        Corrections
      </h2>
      {article.corrections.length > 0 ? (
        <ol className="corrections">
          {article.corrections.map((c, i) => (
            <li key={i}>
              <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
              <p>{c.note}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="field-hint">No corrections so far.</p>
      )}
      {canCorrect && (
        <>
          <TextArea
            label="Correction note"
            value={note}
            onChange={setNote}
            rows={3}
            maxLength={1000}
            hint={
              article.pendingChanges
                ? 'Shown to readers under the story. Adding it also makes your saved changes public (an Update).'
                : 'Shown to readers under the story, e.g. “An earlier version misspelled the minister’s name.”'
            }
          />
          {error && <ErrorNotice>{error}</ErrorNotice>}
          <button type="button" className="button button-small" disabled={!note.trim() || busy} onClick={() => void add()}>
            {busy ? 'Adding…' : article.pendingChanges ? 'Update with this correction' : 'Add correction'}
          </button>
        </>
      )}
    </section>
  );
}
