/**
 * Labelled form controls. Every input in the desk goes through these, so every
 * one has a visible <label>, and hints and errors are tied to it with aria-describedby.
 */
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldFrame {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  /** Shown after the label, e.g. a character count. */
  aside?: ReactNode;
  className?: string;
}

function describedBy(hintId: string, errorId: string, hint: unknown, error: unknown) {
  return [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
}

function Frame({ id, label, hint, error, aside, className, children }: FieldFrame & { id: string; children: ReactNode }) {
  return (
    <div className={`field ${className ?? ''}`}>
      <div className="field-label-row">
        <label htmlFor={id}>{label}</label>
        {aside}
      </div>
      {children}
      {hint && (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      )}
      {error && (
        <div id={`${id}-error`} className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}

type TextFieldProps = FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  value: string;
  onChange: (value: string) => void;
};

export function TextField({ label, hint, error, aside, className, value, onChange, id: givenId, ...input }: TextFieldProps) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <Frame id={id} label={label} hint={hint} error={error} aside={aside} className={className}>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, `${id}-error`, hint, error)}
        {...input}
      />
    </Frame>
  );
}

type TextAreaProps = FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value'> & {
  value: string;
  onChange: (value: string) => void;
  /** Rewrites the text as it is typed (typographic quotes); must keep its length. */
  transform?: (value: string) => string;
};

export function TextArea({ label, hint, error, aside, className, value, onChange, transform, id: givenId, ...area }: TextAreaProps) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <Frame id={id} label={label} hint={hint} error={error} aside={aside} className={className}>
      <textarea
        id={id}
        value={value}
        onChange={(event) => {
          const field = event.target;
          const next = transform ? transform(field.value) : field.value;
          if (next !== field.value) {
            // Rewritten in place, caret kept: the transform keeps the length, so positions still fit.
            const { selectionStart, selectionEnd } = field;
            field.value = next;
            field.setSelectionRange(selectionStart, selectionEnd);
          }
          onChange(next);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, `${id}-error`, hint, error)}
        {...area}
      />
    </Frame>
  );
}

type SelectFieldProps = FieldFrame & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  /** A first, empty choice such as "All sections". */
  emptyLabel?: string;
};

export function SelectField({ label, hint, error, aside, className, value, onChange, options, emptyLabel, id: givenId, ...select }: SelectFieldProps) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <Frame id={id} label={label} hint={hint} error={error} aside={aside} className={className}>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, `${id}-error`, hint, error)}
        {...select}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'checked' | 'type'> & {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
};

export function Checkbox({ label, checked, onChange, hint, id: givenId, ...input }: CheckboxProps) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <div className="field field-checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      )}
    </div>
  );
}

/** "42 / 60" that turns to a warning past the recommended length. */
export function CharCount({ value, recommended }: { value: string; recommended: number }) {
  const over = value.length > recommended;
  return (
    <span className={over ? 'char-count char-count-over' : 'char-count'} aria-live="off">
      {value.length} / {recommended}
      {over ? ' — long' : ''}
    </span>
  );
}
