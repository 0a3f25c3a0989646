import type { Article } from '../api/types.js';
import { formatDateTime } from '../lib/format.js';

/** Says plainly that readers see the public version, and whether saved changes are waiting for Update. */
export function LiveNotice({ article }: { article: Article }) {
  const scheduled = article.status === 'scheduled';
  const pending = article.pendingChanges;
  return (
    <div className={`live-notice${pending ? ' live-notice-pending' : ''}`} role="status">
      <p>
        <strong>{scheduled ? 'This story is scheduled.' : 'This story is live.'}</strong> Changes you make are saved apart from {scheduled ? 'the version that goes out' : 'what readers see'}, until you press Update.
      </p>
      {pending ? (
        <p>
          Unpublished changes saved {formatDateTime(pending.savedAt)}
          {pending.savedBy ? ` by ${pending.savedBy.name}` : ''}.
        </p>
      ) : (
        <p>No unpublished changes.</p>
      )}
    </div>
  );
}
