import { useState } from 'react';
import { useApi, useSession } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import type { Article } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { TextField } from '../components/field.js';
import { ErrorNotice } from '../components/notice.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatDateTime, fromLocalInput, plural, timeZoneHint, toLocalInput } from '../lib/format.js';
import { atLeast } from '../lib/roles.js';
import { navigate } from '../router/router.js';
import type { StoryDocument } from './use-story-document.js';
import { ReturnDialog, ScheduleDialog, UpdateDialog } from './workflow-dialogs.js';
import { AltTextWarnings, altTextWarnings } from './alt-text-warnings.js';
import { useMediaItem } from '../editor/use-media-item.js';

type Open = 'none' | 'publish' | 'schedule' | 'unpublish' | 'return' | 'delete' | 'update' | 'discard';

/**
 * Status and the workflow buttons this person may use, straight from
 * `article.permissions` (a contributor never gets publish or schedule).
 * Every action first saves what is pending, then sends the new version.
 */
export function WorkflowPanel({ doc }: { doc: StoryDocument }) {
  const api = useApi();
  const { user } = useSession();
  const announce = useAnnounce();
  const [open, setOpen] = useState<Open>('none');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const hero = useMediaItem(doc.form?.heroMediaId ?? null);
  const article = doc.article;

  /** Opens a dialog that puts the story before readers, with what a reader would miss (alt text). */
  function openGoingPublic(kind: 'publish' | 'schedule' | 'update') {
    setWarnings(altTextWarnings(doc.form?.heroMediaId ? (hero.media?.alt ?? null) : undefined, doc.currentBody()));
    setOpen(kind);
  }

  if (!article || !doc.form) {
    return (
      <section className="panel" aria-labelledby="workflow-title">
        <h2 id="workflow-title" className="panel-title">
          Status
        </h2>
        <StatusBadge status="draft" />
        <p className="field-hint">Give the story a headline and it is saved as a draft. Then you can submit or publish it.</p>
      </section>
    );
  }

  const can = article.permissions;
  const notContributor = user.role !== 'contributor';
  const status = article.status;

  /** Saves pending edits, runs the action with the fresh version, shows the result. */
  async function act(label: string, action: (version: number) => Promise<Article>) {
    if (!(await doc.save())) throw new Error('The latest changes could not be saved, so nothing else was done. Resolve the save problem first.');
    const version = doc.latest()?.version ?? article!.version;
    const result = await action(version);
    doc.applySaved(result && typeof result === 'object' && 'version' in result ? result : await api.articles.get(article!.id));
    announce(label);
  }

  async function quick(label: string, action: (version: number) => Promise<Article>) {
    setBusy(true);
    setError(null);
    try {
      await act(label, action);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const showPublish = notContributor && can.publish && status !== 'published';
  const showSchedule = notContributor && can.schedule && status !== 'published';
  const embargo = doc.form.embargoUntil;

  return (
    <section className="panel" aria-labelledby="workflow-title">
      <h2 id="workflow-title" className="panel-title">
        Status
      </h2>
      <div className="status-line">
        <StatusBadge status={status} />
        {status === 'scheduled' && article.scheduledAt && <span>for {formatDateTime(article.scheduledAt)}</span>}
      </div>
      <dl className="facts">
        {article.firstPublishedAt && (
          <>
            <dt>First published</dt>
            <dd>{formatDateTime(article.firstPublishedAt)}</dd>
          </>
        )}
        {article.updatedAt && (
          <>
            <dt>Updated</dt>
            <dd>{formatDateTime(article.updatedAt)}</dd>
          </>
        )}
        {status === 'published' && (
          <>
            <dt>Views</dt>
            <dd>{plural(article.views ?? 0, 'view')}</dd>
          </>
        )}
        {article.source && (
          <>
            <dt>Source</dt>
            <dd>{article.source}</dd>
          </>
        )}
      </dl>
      {status === 'published' && article.url && (
        <p>
          <a href={article.url} target="_blank" rel="noopener">
            View on the site
          </a>
        </p>
      )}

      {(can.publish || can.schedule) && notContributor && (
        <TextField
          label="Embargo until"
          type="datetime-local"
          value={toLocalInput(embargo)}
          onChange={(value) => doc.update({ embargoUntil: fromLocalInput(value) })}
          hint={`Optional. The story cannot be published before this time. ${timeZoneHint()}`}
          disabled={!can.edit}
        />
      )}

      {error && <ErrorNotice>{error}</ErrorNotice>}
      <div className="workflow-buttons">
        {can.update && (article.pendingChanges || doc.dirty) && (
          <button type="button" className="button button-primary" onClick={() => openGoingPublic('update')}>
            Update
          </button>
        )}
        {can.discard && article.pendingChanges && (
          <button type="button" className="button" onClick={() => setOpen('discard')}>
            Discard changes
          </button>
        )}
        {can.withdraw && (
          <button type="button" className="button" disabled={busy} onClick={() => void quick('Submission withdrawn; the story is a draft again', (v) => api.articles.withdraw(article.id, v))}>
            Withdraw submission
          </button>
        )}
        {status === 'draft' && can.submit && (
          <button type="button" className="button" disabled={busy} onClick={() => void quick('Submitted for review', (v) => api.articles.submit(article.id, v))}>
            Submit for review
          </button>
        )}
        {(status === 'submitted' || status === 'scheduled') && atLeast(user.role, 'editor') && (
          <button type="button" className="button" onClick={() => setOpen('return')}>
            Return to draft
          </button>
        )}
        {showSchedule && (
          <button type="button" className="button" onClick={() => openGoingPublic('schedule')}>
            {status === 'scheduled' ? 'Reschedule' : 'Schedule'}
          </button>
        )}
        {showPublish && (
          <button type="button" className="button button-primary" onClick={() => openGoingPublic('publish')}>
            Publish
          </button>
        )}
        {status === 'published' && can.unpublish && (
          <button type="button" className="button button-danger" onClick={() => setOpen('unpublish')}>
            Unpublish
          </button>
        )}
        {can.delete && status !== 'published' && (
          <button type="button" className="button button-danger-quiet" onClick={() => setOpen('delete')}>
            Delete story
          </button>
        )}
      </div>

      <UpdateDialog
        warnings={<AltTextWarnings warnings={warnings} />}
        open={open === 'update'}
        status={status}
        canCorrect={!!can.correct}
        onClose={() => setOpen('none')}
        onUpdate={(note) => act(status === 'published' ? 'Updated: the changes are public' : 'Updated: the changes go out at the scheduled time', (v) => api.articles.applyChanges(article.id, v, note || undefined))}
      />
      <ConfirmDialog
        open={open === 'discard'}
        title="Discard the saved changes?"
        confirmLabel="Discard changes"
        danger
        onClose={() => setOpen('none')}
        onConfirm={async () => {
          const version = doc.latest()?.version ?? article.version;
          doc.reset(await api.articles.discardChanges(article.id, version));
          announce('Changes discarded; the editor shows the public version');
        }}
      >
        <p>The editor goes back to the version readers see. The discarded text stays in the revision history.</p>
      </ConfirmDialog>
      <ConfirmDialog open={open === 'publish'} title="Publish this story?" confirmLabel="Publish now" onClose={() => setOpen('none')} onConfirm={() => act('Published', (v) => api.articles.publish(article.id, v))}>
        <p>
          “{doc.form.headline || 'Untitled story'}” goes live on the site now{status === 'scheduled' ? ', instead of at its scheduled time' : ''}.
        </p>
        <AltTextWarnings warnings={warnings} />
      </ConfirmDialog>
      <ScheduleDialog
        warnings={<AltTextWarnings warnings={warnings} />}
        open={open === 'schedule'}
        current={article.scheduledAt}
        embargoUntil={embargo}
        onClose={() => setOpen('none')}
        onSchedule={(at) => act(`Scheduled for ${formatDateTime(at)}`, (v) => api.articles.schedule(article.id, v, at))}
      />
      <ConfirmDialog
        open={open === 'unpublish'}
        title="Unpublish this story?"
        confirmLabel="Unpublish story"
        danger
        onClose={() => setOpen('none')}
        onConfirm={() => act('Unpublished', (v) => api.articles.unpublish(article.id, v))}
      >
        <p>Readers following a link to it will see that it was withdrawn. You can publish it again later.</p>
      </ConfirmDialog>
      <ReturnDialog open={open === 'return'} onClose={() => setOpen('none')} onReturn={(note) => act('Returned to draft', (v) => api.articles.returnToDraft(article.id, v, note || undefined))} />
      <ConfirmDialog
        open={open === 'delete'}
        title="Delete this story?"
        confirmLabel="Delete story"
        danger
        onClose={() => setOpen('none')}
        onConfirm={async () => {
          await api.articles.remove(article.id);
          announce('Story deleted');
          navigate('/admin/stories', { replace: true });
        }}
      >
        <p>The story and its revisions are removed for good.</p>
      </ConfirmDialog>
    </section>
  );
}

