import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import type { Revision, RevisionComparison } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { Dialog } from '../components/dialog.js';
import { SelectField } from '../components/field.js';
import { ErrorNotice, InfoNotice, Loading } from '../components/notice.js';
import { formatDateTime } from '../lib/format.js';
import { useLoad } from '../lib/use-load.js';
import { DiffView } from './diff-view.js';
import type { StoryDocument } from './use-story-document.js';

export interface RevisionsDialogProps {
  open: boolean;
  onClose: () => void;
  doc: StoryDocument;
  articleId: string;
  canRestore: boolean;
}

/** Every saved version: compare any two, restore one (restoring is itself a new revision). */
export function RevisionsDialog({ open, onClose, doc, articleId, canRestore }: RevisionsDialogProps) {
  return (
    <Dialog open={open} title="Revisions" onClose={onClose} size="large">
      {open && <RevisionsBody doc={doc} articleId={articleId} canRestore={canRestore} onRestored={onClose} />}
    </Dialog>
  );
}

function RevisionsBody({ doc, articleId, canRestore, onRestored }: Omit<RevisionsDialogProps, 'open' | 'onClose'> & { onRestored: () => void }) {
  const api = useApi();
  const announce = useAnnounce();
  const list = useLoad(async () => (await api.articles.revisions(articleId)).slice().sort((a, b) => b.version - a.version), [articleId]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [comparison, setComparison] = useState<RevisionComparison | null>(null);
  const [comparing, setComparing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<Revision | null>(null);
  const [restoredNote, setRestoredNote] = useState<string | null>(null);
  const revisions = list.data ?? [];

  useEffect(() => {
    if (revisions.length >= 2 && !from && !to) {
      setFrom(String(revisions[1]!.version));
      setTo(String(revisions[0]!.version));
    }
  }, [revisions, from, to]);

  async function compare(fromVersion: number, toVersion: number) {
    setFrom(String(fromVersion));
    setTo(String(toVersion));
    setComparing(true);
    setError(null);
    try {
      setComparison(await api.articles.compare(articleId, fromVersion, toVersion));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setComparing(false);
    }
  }

  const options = revisions.map((r) => ({ value: String(r.version), label: `Version ${r.version} · ${formatDateTime(r.createdAt)}${r.user ? ` · ${r.user.name}` : ''}` }));
  return (
    <div className="stack">
      {restoredNote && <InfoNotice>{restoredNote}</InfoNotice>}
      {list.loading && !list.data && <Loading label="Loading revisions…" />}
      {list.error != null && <ErrorNotice>{errorMessage(list.error)}</ErrorNotice>}
      {revisions.length >= 2 && (
        <form
          className="compare-form"
          onSubmit={(event) => {
            event.preventDefault();
            void compare(Number(from), Number(to));
          }}
        >
          <SelectField label="Compare from" value={from} onChange={setFrom} options={options} />
          <SelectField label="to" value={to} onChange={setTo} options={options} />
          <button type="submit" className="button" disabled={!from || !to || from === to || comparing}>
            {comparing ? 'Comparing…' : 'Compare'}
          </button>
        </form>
      )}
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {comparison && (
        <div className="comparison" aria-live="polite">
          <p className="field-hint">
            Changes from version {comparison.from} to version {comparison.to}: <ins>added</ins> and <del>removed</del> text.
          </p>
          <DiffView label="Headline" parts={comparison.headline} />
          <DiffView label="Standfirst" parts={comparison.standfirst} />
          <DiffView label="Body" parts={comparison.body} />
        </div>
      )}
      {revisions.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Saved versions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Saved</th>
                <th scope="col">By</th>
                <th scope="col">What</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((revision, index) => {
                const previous = revisions[index + 1];
                return (
                  <tr key={revision.id}>
                    <td>{revision.version}</td>
                    <td>{formatDateTime(revision.createdAt)}</td>
                    <td>{revision.user?.name ?? 'System'}</td>
                    <td>{KIND_LABELS[revision.kind ?? 'save']}</td>
                    <td className="cell-actions">
                      {previous && (
                        <button type="button" className="button button-small" onClick={() => void compare(previous.version, revision.version)} aria-label={`Show changes in version ${revision.version}`}>
                          Show changes
                        </button>
                      )}
                      {canRestore && index > 0 && (
                        <button type="button" className="button button-small" onClick={() => setRestoring(revision)} aria-label={`Restore version ${revision.version}`}>
                          Restore
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {list.data && revisions.length === 0 && <p className="empty">No revisions yet.</p>}
      <ConfirmDialog
        open={restoring !== null}
        title={`Restore version ${restoring?.version ?? ''}?`}
        confirmLabel="Restore this version"
        onClose={() => setRestoring(null)}
        onConfirm={async () => {
          if (!(await doc.save())) throw new Error('Your latest changes could not be saved; resolve that first.');
          const version = doc.latest()?.version;
          if (version === undefined) throw new Error('The story has not been saved yet.');
          const restored = await api.articles.restore(articleId, restoring!.version, version);
          doc.reset(restored);
          const left = leftOut(restored.restoredWithout ?? []);
          announce(`Version ${restoring!.version} restored${left ? `, ${left}` : ''}`);
          // Something that version used has been deleted since: say so here rather than close silently.
          if (left) setRestoredNote(`Version ${restoring!.version} is restored, ${left}.`);
          else onRestored();
        }}
      >
        <p>The story goes back to how it was in that version. The current text stays in the revision history, so nothing is lost.</p>
      </ConfirmDialog>
    </div>
  );
}

/** How a revision came about, in the editor's words. */
const KIND_LABELS: Record<string, string> = {
  save: 'Saved',
  autosave: 'Autosaved while typing',
  update: 'Update (made public)',
  restore: 'Restored',
  workflow: 'Status change',
  import: 'Imported',
};

const LEFT_OUT_LABELS: Record<string, [string, string]> = {
  sectionId: ['its section', 'the story keeps its current section'],
  authorIds: ['a byline', ''],
  tagIds: ['a tag', ''],
  heroMediaId: ['its hero picture', 'the story has no hero picture now'],
};

/** "without its hero picture and 2 bylines, which were deleted since (…)", or '' when nothing was left out. */
function leftOut(missing: { field: string; id: string }[]): string {
  if (!missing.length) return '';
  const counts = new Map<string, number>();
  for (const m of missing) counts.set(m.field, (counts.get(m.field) ?? 0) + 1);
  const parts = [...counts].map(([field, n]) => {
    const [label] = LEFT_OUT_LABELS[field] ?? ['a reference', ''];
    return n === 1 ? label : `${n} ${label.replace(/^an? /, '')}s`;
  });
  const notes = [...counts.keys()].map((field) => LEFT_OUT_LABELS[field]?.[1]).filter(Boolean);
  return `without ${parts.join(' and ')}, deleted since then${notes.length ? ` (${notes.join('; ')})` : ''}`;
}
