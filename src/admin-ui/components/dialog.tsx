import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons at the bottom; put the main action last. */
  actions?: ReactNode;
  size?: 'small' | 'medium' | 'large';
  description?: ReactNode;
  /** Where focus goes on close; by default back to the element that opened the dialog. */
  restoreFocus?: () => void;
}

/**
 * A modal on the native <dialog>: showModal() makes the rest of the page inert
 * (the focus trap) and Escape cancels. Focus goes back to whatever opened it.
 */
export function Dialog({ open, title, onClose, children, actions, size = 'medium', description, restoreFocus }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const restoreRef = useRef(restoreFocus);
  restoreRef.current = restoreFocus;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const autofocus =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>('.dialog-body :is(input:not([type=hidden]), select, textarea)');
    (autofocus ?? dialog).focus();
    return () => {
      if (dialog.open) dialog.close();
      if (restoreRef.current) restoreRef.current();
      else if (opener?.isConnected) opener.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
    >
      <div className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button-icon" aria-label="Close" onClick={() => onCloseRef.current()}>
          ×
        </button>
      </div>
      {description && (
        <div id={descriptionId} className="dialog-description">
          {description}
        </div>
      )}
      <div className="dialog-body">{children}</div>
      {actions && <div className="dialog-actions">{actions}</div>}
    </dialog>
  );
}
