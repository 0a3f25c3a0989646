import { useEffect, useId, useRef, useState } from 'react';
import type { Person } from '../api/types.js';

export interface AuthorsFieldProps {
  value: string[];
  people: Person[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
}

/**
 * The byline, in order. Reordering uses buttons (not drag and drop) so it
 * works from the keyboard; focus follows the moved author.
 */
export function AuthorsField({ value, people, onChange, disabled }: AuthorsFieldProps) {
  const selectId = useId();
  const [choice, setChoice] = useState('');
  const focusAfter = useRef<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const byId = new Map(people.map((p) => [p.id, p]));
  const available = people.filter((p) => !value.includes(p.id));

  useEffect(() => {
    if (!focusAfter.current) return;
    listRef.current?.querySelector<HTMLButtonElement>(`[data-focus-key="${CSS.escape(focusAfter.current)}"]`)?.focus();
    focusAfter.current = null;
  });

  function move(index: number, delta: number, key: string) {
    const next = [...value];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item!);
    focusAfter.current = key;
    onChange(next);
  }

  const name = (id: string) => byId.get(id)?.name ?? 'Unknown person';
  return (
    <fieldset className="fieldset authors-field" disabled={disabled}>
      <legend>Authors</legend>
      {value.length === 0 ? (
        <p className="field-hint">No byline yet.</p>
      ) : (
        <ol className="author-list" ref={listRef}>
          {value.map((id, index) => (
            <li key={id} className="author-item">
              <span className="author-name">{name(id)}</span>
              <span className="author-actions">
                <button type="button" className="button-icon" aria-label={`Move ${name(id)} up`} disabled={index === 0} data-focus-key={`up-${id}`} onClick={() => move(index, -1, index - 1 === 0 ? `down-${id}` : `up-${id}`)}>
                  ↑
                </button>
                <button
                  type="button"
                  className="button-icon"
                  aria-label={`Move ${name(id)} down`}
                  disabled={index === value.length - 1}
                  data-focus-key={`down-${id}`}
                  onClick={() => move(index, 1, index + 1 === value.length - 1 ? `up-${id}` : `down-${id}`)}
                >
                  ↓
                </button>
                <button type="button" className="button-icon" aria-label={`Remove ${name(id)}`} onClick={() => onChange(value.filter((v) => v !== id))}>
                  ×
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="inline-add">
        <label htmlFor={selectId}>Add author</label>
        <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Choose a person…</option>
          {available.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button-small"
          disabled={!choice}
          onClick={() => {
            onChange([...value, choice]);
            setChoice('');
          }}
        >
          Add
        </button>
      </div>
    </fieldset>
  );
}
