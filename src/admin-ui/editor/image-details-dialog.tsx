import { useEffect, useState, type FormEvent } from 'react';
import { Dialog } from '../components/dialog.js';
import { TextArea, TextField } from '../components/field.js';
import type { ImageAttrs } from './editor-actions.js';

export interface ImageDetailsDialogProps {
  open: boolean;
  initial: ImageAttrs | null;
  onSave: (attrs: ImageAttrs) => void;
  onClose: () => void;
  restoreFocus: () => void;
}

/** Alt text, caption and credit for this use of a picture (the library keeps its own defaults). */
export function ImageDetailsDialog({ open, initial, onSave, onClose, restoreFocus }: ImageDetailsDialogProps) {
  const [alt, setAlt] = useState('');
  const [caption, setCaption] = useState('');
  const [credit, setCredit] = useState('');

  useEffect(() => {
    if (!open || !initial) return;
    setAlt(initial.alt ?? '');
    setCaption(initial.caption ?? '');
    setCredit(initial.credit ?? '');
  }, [open, initial]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!initial) return;
    onSave({ ...initial, alt: alt.trim() || null, caption: caption.trim() || null, credit: credit.trim() || null });
  }

  return (
    <Dialog
      open={open}
      title="Picture details"
      onClose={onClose}
      restoreFocus={restoreFocus}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="image-details-form" className="button button-primary">
            Update picture
          </button>
        </>
      }
    >
      <form id="image-details-form" onSubmit={submit} className="stack">
        <TextArea label="Alt text" value={alt} onChange={setAlt} rows={2} hint="What the picture shows, for people who cannot see it." />
        <TextArea label="Caption" value={caption} onChange={setCaption} rows={2} />
        <TextField label="Credit" value={credit} onChange={setCredit} placeholder="e.g. ANI" />
      </form>
    </Dialog>
  );
}
