import { useId, useState, type KeyboardEvent } from 'react';
import type { TagKind } from '../api/types.js';
import { useTagSuggestions } from '../components/use-tag-suggestions.js';

export interface TagsFieldProps {
  value: { name: string; kind?: TagKind }[];
  onChange: (tags: { name: string; kind?: TagKind }[]) => void;
  disabled?: boolean;
}

/** Tags by name: Enter (or a comma) adds one; new names become tags when the story is saved. */
export function TagsField({ value, onChange, disabled }: TagsFieldProps) {
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const [text, setText] = useState('');
  const suggestions = useTagSuggestions(text).filter((t) => !value.some((v) => v.name.toLowerCase() === t.name.toLowerCase()));

  function add(raw: string) {
    const name = raw.trim().replace(/,+$/, '').trim();
    if (!name) return;
    if (!value.some((v) => v.name.toLowerCase() === name.toLowerCase())) {
      const known = suggestions.find((t) => t.name.toLowerCase() === name.toLowerCase());
      onChange([...value, known ? { name: known.name, kind: known.kind } : { name }]);
    }
    setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add(text);
    } else if (event.key === 'Backspace' && text === '' && value.length) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div className="field tags-field">
      <label htmlFor={inputId}>Tags</label>
      {value.length > 0 && (
        <ul className="chips">
          {value.map((tag) => (
            <li key={tag.name} className="chip">
              {tag.name}
              <button type="button" className="chip-remove" aria-label={`Remove tag ${tag.name}`} disabled={disabled} onClick={() => onChange(value.filter((t) => t !== tag))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={inputId}
        value={text}
        list={listId}
        disabled={disabled}
        autoComplete="off"
        placeholder="Type a tag and press Enter"
        aria-describedby={hintId}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => add(text)}
      />
      <datalist id={listId}>
        {suggestions.map((t) => (
          <option key={t.id} value={t.name} />
        ))}
      </datalist>
      <div id={hintId} className="field-hint">
        New tags are created when the story saves.
      </div>
    </div>
  );
}
