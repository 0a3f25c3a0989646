import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/http.js';
import { Dialog } from './dialog.js';
import { ErrorNotice } from './notice.js';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
  children?: ReactNode;
  danger?: boolean;
  /** Renders the error a failed confirm threw; defaults to its message. */
  renderError?: (err: unknown) => ReactNode;
}

/** "Are you sure?" with the action inside: stays open and shows the error if the action fails. */
export function ConfirmDialog({ open, title, confirmLabel, onConfirm, onClose, children, danger, renderError }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function close() {
    setError(null);
    onClose();
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      title={title}
      onClose={close}
      size="small"
      actions={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className={danger ? 'button button-danger' : 'button button-primary'} onClick={confirm} disabled={busy} data-autofocus>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {error != null && <ErrorNotice>{renderError ? renderError(error) : errorMessage(error)}</ErrorNotice>}
    </Dialog>
  );
}
