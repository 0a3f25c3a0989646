import { useEffect, useId, useState } from 'react';
import type { ArticleQuery, Person, Section } from '../api/types.js';
import { SelectField, TextField } from '../components/field.js';
import { useTagSuggestions } from '../components/use-tag-suggestions.js';
import { useDebounced } from '../lib/use-load.js';

export interface FilterValues {
  section: string;
  author: string;
  tag: string;
  tagName: string;
  q: string;
  from: string;
  to: string;
  sort: NonNullable<ArticleQuery['sort']>;
  order: NonNullable<ArticleQuery['order']>;
}

export interface StoryFiltersProps {
  values: FilterValues;
  onChange: (change: Partial<FilterValues>) => void;
  onClear: () => void;
  sections: Section[];
  people: Person[];
  showAuthor: boolean;
}

const SORTS = [
  { value: 'modifiedAt', label: 'Last modified' },
  { value: 'publishedAt', label: 'Publication date' },
  { value: 'headline', label: 'Headline' },
];

/** The filter bar above the story list; every value lives in the URL. */
export function StoryFilters({ values, onChange, onClear, sections, people, showAuthor }: StoryFiltersProps) {
  const [q, setQ] = useState(values.q);
  const settledQ = useDebounced(q, 300);
  useEffect(() => {
    if (settledQ !== values.q) onChange({ q: settledQ });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settledQ]);
  useEffect(() => setQ(values.q), [values.q]);

  const active = Boolean(values.section || values.author || values.tag || values.q || values.from || values.to);
  const orderLabels = values.sort === 'headline' ? ['A to Z', 'Z to A'] : ['Newest first', 'Oldest first'];

  return (
    <div className="filters" role="search" aria-label="Filter stories">
      <TextField label="Search" type="search" value={q} onChange={setQ} placeholder="Headline or standfirst" className="filter-search" />
      <SelectField label="Section" value={values.section} onChange={(section) => onChange({ section })} emptyLabel="All sections" options={sections.map((s) => ({ value: s.id, label: s.name }))} />
      {showAuthor && (
        <SelectField label="Author" value={values.author} onChange={(author) => onChange({ author })} emptyLabel="All authors" options={people.map((p) => ({ value: p.id, label: p.name }))} />
      )}
      <TagFilter id={values.tag} name={values.tagName} onChange={(tag, tagName) => onChange({ tag, tagName })} />
      <TextField label="Modified from" type="date" value={values.from} onChange={(from) => onChange({ from })} max={values.to || undefined} />
      <TextField label="Modified to" type="date" value={values.to} onChange={(to) => onChange({ to })} min={values.from || undefined} />
      <SelectField label="Sort by" value={values.sort} onChange={(sort) => onChange({ sort: sort as FilterValues['sort'] })} options={SORTS} />
      <SelectField
        label="Order"
        value={values.order}
        onChange={(order) => onChange({ order: order as FilterValues['order'] })}
        options={[
          { value: values.sort === 'headline' ? 'asc' : 'desc', label: orderLabels[0]! },
          { value: values.sort === 'headline' ? 'desc' : 'asc', label: orderLabels[1]! },
        ]}
      />
      {active && (
        <button type="button" className="button button-quiet filter-clear" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}

/** Type a tag's name; choosing a suggestion filters by that tag. */
function TagFilter({ id, name, onChange }: { id: string; name: string; onChange: (id: string, name: string) => void }) {
  const [text, setText] = useState(name);
  const listId = useId();
  const suggestions = useTagSuggestions(text);
  useEffect(() => setText(name), [name]);
  // Suggestions arrive after typing; a name typed in full then becomes the filter.
  useEffect(() => {
    const match = suggestions.find((tag) => tag.name.toLowerCase() === text.trim().toLowerCase());
    if (match && match.id !== id) onChange(match.id, match.name);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [suggestions]);

  function update(value: string) {
    setText(value);
    if (value === '') {
      if (id) onChange('', '');
      return;
    }
    const match = suggestions.find((tag) => tag.name.toLowerCase() === value.trim().toLowerCase());
    if (match && match.id !== id) onChange(match.id, match.name);
  }

  return (
    <>
      <TextField label="Tag" value={text} onChange={update} list={listId} placeholder="Any tag" hint={text && !id ? 'Choose a tag from the list' : undefined} autoComplete="off" />
      <datalist id={listId}>
        {suggestions.map((tag) => (
          <option key={tag.id} value={tag.name} />
        ))}
      </datalist>
    </>
  );
}
