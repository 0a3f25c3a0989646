import type { SaveState } from './use-story-document.js';

const LABELS: Record<SaveState, string> = {
  new: 'Not saved yet',
  saved: 'Saved',
  dirty: 'Unsaved changes',
  saving: 'Saving…',
  failed: 'Save failed',
  conflict: 'Not saved',
};

/** The autosave state, announced politely as it changes. */
export function SaveStatus({ state, error, onRetry, notPublic = false }: { state: SaveState; error: string | null; onRetry: () => void; notPublic?: boolean }) {
  return (
    <div className={`save-status save-${state}`}>
      <span className="save-dot" aria-hidden="true" />
      <span role="status" aria-live="polite">
        {state === 'saved' && notPublic ? 'Saved, not public yet' : LABELS[state]}
      </span>
      {error && state !== 'saved' && <span className="save-error">{error}</span>}
      {state === 'failed' && (
        <button type="button" className="button-link" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
