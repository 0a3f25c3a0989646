import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../api/http.js';
import { Dialog } from '../components/dialog.js';
import { TextArea, TextField } from '../components/field.js';
import { ErrorNotice } from '../components/notice.js';
import { fromLocalInput, timeZoneHint, toLocalInput } from '../lib/format.js';

function nextHour(): string {
  const date = new Date(Date.now() + 60 * 60 * 1000);
  date.setMinutes(0, 0, 0);
  return toLocalInput(date.toISOString());
}

export interface ScheduleDialogProps {
  open: boolean;
  /** Shown above the form: what readers would miss (alt text). */
  warnings?: ReactNode;
  current: string | null;
  embargoUntil: string | null;
  onSchedule: (at: string) => Promise<void>;
  onClose: () => void;
}

/** Pick when the story goes live; the time is read in the site's time zone, and the hint says which. */
export function ScheduleDialog({ open, current, embargoUntil, onSchedule, onClose, warnings }: ScheduleDialogProps) {
  return (
    <Dialog
      open={open}
      title="Schedule publication"
      onClose={onClose}
      size="small"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="schedule-form" className="button button-primary">
            Schedule story
          </button>
        </>
      }
    >
      {warnings}
      {open && <ScheduleForm current={current} embargoUntil={embargoUntil} onSchedule={onSchedule} onClose={onClose} />}
    </Dialog>
  );
}

/** Mounted per opening, so the suggested time is there from the first frame. */
function ScheduleForm({ current, embargoUntil, onSchedule, onClose }: Omit<ScheduleDialogProps, 'open' | 'warnings'>) {
  const [value, setValue] = useState(() => (current && Date.parse(current) > Date.now() ? toLocalInput(current) : nextHour()));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const at = fromLocalInput(value);
    if (!at) return setError('Enter a date and time.');
    if (Date.parse(at) <= Date.now()) return setError('Choose a time in the future.');
    if (embargoUntil && Date.parse(at) < Date.parse(embargoUntil)) return setError('The story is under embargo until then; choose a later time.');
    setBusy(true);
    setError(null);
    try {
      await onSchedule(at);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form id="schedule-form" onSubmit={submit} className="stack" noValidate aria-busy={busy}>
      <TextField label="Publish at" type="datetime-local" value={value} onChange={setValue} min={toLocalInput(new Date().toISOString())} required hint={timeZoneHint()} />
      {error && <ErrorNotice>{error}</ErrorNotice>}
    </form>
  );
}

interface NoteDialogProps {
  open: boolean;
  title: string;
  /** Button labels, idle and busy. */
  submit: [string, string];
  /** Shown above the note. */
  intro?: ReactNode;
  /** The optional note: its label and hint, or null when this person may not write one. */
  note: { label: string; hint: string; rows: number } | null;
  onSubmit: (note: string) => Promise<void>;
  onClose: () => void;
}

/** A workflow step that may carry a short note (return to the writer, Update with a correction). */
function NoteDialog({ open, title, submit: [label, busyLabel], intro, note: noteField, onSubmit, onClose }: NoteDialogProps) {
  const formId = useId();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setNote('');
      setError(null);
    }
  }, [open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await onSubmit(note.trim());
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      size="small"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={busy}>
            {busy ? busyLabel : label}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} className="stack">
        {intro}
        {noteField && <TextArea label={noteField.label} maxLength={1000} value={note} onChange={setNote} rows={noteField.rows} hint={noteField.hint} />}
        {error && <ErrorNotice>{error}</ErrorNotice>}
      </form>
    </Dialog>
  );
}

export interface ReturnDialogProps {
  open: boolean;
  onReturn: (note: string) => Promise<void>;
  onClose: () => void;
}

/** An editor sends a submitted story back to its writer, optionally saying why. */
export function ReturnDialog({ open, onReturn, onClose }: ReturnDialogProps) {
  return (
    <NoteDialog
      open={open}
      title="Return to draft"
      submit={['Return story', 'Returning…']}
      note={{ label: 'Note to the writer', hint: 'Optional: what needs to change.', rows: 4 }}
      onSubmit={onReturn}
      onClose={onClose}
    />
  );
}

export interface UpdateDialogProps {
  open: boolean;
  warnings?: ReactNode;
  status: string;
  /** Editors may add a public correction note with the update. */
  canCorrect: boolean;
  onUpdate: (note: string) => Promise<void>;
  onClose: () => void;
}

/** "Update": the saved changes of a live story become public, optionally with a correction note readers see. */
export function UpdateDialog({ open, status, canCorrect, onUpdate, onClose, warnings }: UpdateDialogProps) {
  const published = status === 'published';
  return (
    <NoteDialog
      open={open}
      title="Update the live story?"
      submit={['Update', 'Updating…']}
      intro={
        <>
          {warnings}
          <p>{published ? 'Readers see your saved changes as soon as you update, and the story shows “Updated On” with today’s date.' : 'Your saved changes go out with the story at its scheduled time.'}</p>
        </>
      }
      note={canCorrect && published ? { label: 'Correction note', hint: 'Optional. Shown to readers under the story, e.g. “An earlier version gave the wrong date.”', rows: 3 } : null}
      onSubmit={onUpdate}
      onClose={onClose}
    />
  );
}
