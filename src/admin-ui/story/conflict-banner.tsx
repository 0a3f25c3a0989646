import { useState } from 'react';
import type { ConflictInfo } from '../api/types.js';
import { errorMessage } from '../api/http.js';
import { formatDateTime } from '../lib/format.js';

export interface ConflictBannerProps {
  conflict: ConflictInfo;
  onReload: () => Promise<void>;
  onOverwrite: () => Promise<boolean>;
}

/**
 * Someone else saved the story since it was loaded here. Nothing is
 * overwritten until the person decides.
 */
export function ConflictBanner({ conflict, onReload, onOverwrite }: ConflictBannerProps) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const who = conflict.modifiedBy?.name ?? 'Someone else';
  const when = conflict.modifiedAt ? ` at ${formatDateTime(conflict.modifiedAt)}` : '';

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="conflict" role="alert">
      <p>
        <strong>Someone else changed this story.</strong> {who} saved a newer version{when}. Your latest changes have not been saved, so nothing of theirs was
        overwritten.
      </p>
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void run(onReload)}>
          Reload their version
        </button>
        {!confirming ? (
          <button type="button" className="button" disabled={busy} onClick={() => setConfirming(true)}>
            Keep my changes…
          </button>
        ) : (
          <>
            <span className="conflict-warning">Your changed fields will replace theirs.</span>
            <button type="button" className="button button-danger" disabled={busy} onClick={() => void run(onOverwrite)}>
              Overwrite with my changes
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        )}
      </div>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
