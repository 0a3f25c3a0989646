import { useState } from 'react';

export interface RowEditorOptions<T, F> {
  /** The form's values for a row, or for a new one when `row` is null. */
  toForm: (row: T | null) => F;
  /** Creates or updates (and announces, and reloads); a throw keeps the dialog open with the error. */
  save: (form: F, row: T | null) => Promise<void>;
}

export interface RowEditor<T, F> {
  /** The row in the dialog: null for a new one. */
  row: T | null;
  form: F;
  /** Opens the dialog on a row, or on a blank form with null. */
  start: (row: T | null) => void;
  /** A text or select field's value and onChange: `<TextField label="Name" {...editor.field('name')} />`. */
  field: <K extends keyof F>(key: K) => { value: F[K]; onChange: (value: F[K]) => void };
  set: <K extends keyof F>(key: K, value: F[K]) => void;
  /** Spread on the FormDialog: whether it is open, what Save does, and closing it. */
  dialog: { open: boolean; onSubmit: () => Promise<void>; onClose: () => void };
}

/**
 * "Edit this row in a FormDialog", as the list screens do it: one form object instead of
 * a state per field, filled from the row when the dialog opens, saved as a create or an
 * update. The screen keeps its fields, its title and its API calls.
 */
export function useRowEditor<T, F>({ toForm, save }: RowEditorOptions<T, F>): RowEditor<T, F> {
  const [editing, setEditing] = useState<{ row: T | null } | null>(null);
  const [form, setForm] = useState<F>(() => toForm(null));
  const set = <K extends keyof F>(key: K, value: F[K]) => setForm((current) => ({ ...current, [key]: value }));
  return {
    row: editing?.row ?? null,
    form,
    start(row) {
      setForm(toForm(row));
      setEditing({ row });
    },
    field: (key) => ({ value: form[key], onChange: (value) => set(key, value) }),
    set,
    dialog: {
      open: editing !== null,
      onSubmit: () => save(form, editing?.row ?? null),
      onClose: () => setEditing(null),
    },
  };
}
