import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import type { Person } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { DataTable } from '../components/data-table.js';
import { TextArea, TextField } from '../components/field.js';
import { FormDialog } from '../components/form-dialog.js';
import { PageHeader } from '../components/page-header.js';
import { usePeople } from '../components/use-directory.js';
import { useRowEditor } from '../components/use-row-editor.js';
import { useTitle } from '../lib/use-load.js';

const LINK_FIELDS: { key: string; label: string }[] = [
  { key: 'website', label: 'Website' },
  { key: 'x', label: 'X profile' },
  { key: 'facebook', label: 'Facebook profile' },
  { key: 'instagram', label: 'Instagram profile' },
  { key: 'linkedin', label: 'LinkedIn profile' },
  { key: 'bluesky', label: 'Bluesky profile' },
  { key: 'mastodon', label: 'Mastodon profile' },
];

function toForm(person: Person | null) {
  const links = Object.entries(person?.links ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return { name: person?.name ?? '', slug: person?.slug ?? '', bio: person?.bio ?? '', links: Object.fromEntries(links) };
}

/** Bylines: the people stories are credited to. A user signs in; a person is who the reader sees. */
export function PeopleScreen() {
  useTitle('People');
  const api = useApi();
  const announce = useAnnounce();
  const people = usePeople();
  const [filter, setFilter] = useState('');
  const editor = useRowEditor<Person, ReturnType<typeof toForm>>({
    toForm,
    async save({ name, slug, bio, links }, person) {
      const cleanLinks = Object.fromEntries(Object.entries(links).filter(([, url]) => url.trim() !== '').map(([k, url]) => [k, url.trim()]));
      const input = { name: name.trim(), slug: slug.trim() || undefined, bio: bio.trim(), links: cleanLinks };
      if (person) await api.people.update(person.id, input);
      else await api.people.create(input);
      announce(person ? 'Person saved' : 'Person added');
      people.reload();
    },
  });

  const shown = people.data?.filter((p) => p.name.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <>
      <PageHeader title="People" description="Bylines and author pages.">
        <button type="button" className="button button-primary" onClick={() => editor.start(null)}>
          New person
        </button>
      </PageHeader>
      <div className="filters">
        <TextField label="Find a person" type="search" value={filter} onChange={setFilter} className="filter-search" />
      </div>
      <DataTable
        caption="People"
        rows={shown}
        loading={people.loading}
        error={people.error}
        rowKey={(person) => person.id}
        rowName={(person) => person.name}
        columns={[
          { header: 'Name', rowHeader: true, cell: (person) => person.name },
          { header: 'Slug', cell: (person) => <code>{person.slug}</code> },
          { header: 'Bio', className: 'cell-clip', cell: (person) => person.bio },
        ]}
        onEdit={editor.start}
        empty={filter.trim() ? 'No people match.' : 'No people yet. Add one for each byline: staff, contributors, agencies.'}
        emptyAction={
          !filter.trim() && (
            <button type="button" className="button" onClick={() => editor.start(null)}>
              Add the first person
            </button>
          )
        }
      />
      <FormDialog {...editor.dialog} title={editor.row ? `Edit ${editor.row.name}` : 'New person'} submitLabel="Save">
        <TextField label="Name" {...editor.field('name')} required maxLength={120} />
        <TextField label="Slug" {...editor.field('slug')} hint="The author page address: /author/slug. Leave empty to make one from the name." />
        <TextArea label="Bio" {...editor.field('bio')} rows={4} maxLength={2000} />
        <fieldset className="fieldset">
          <legend>Links</legend>
          {LINK_FIELDS.map((field) => (
            <TextField
              key={field.key}
              label={field.label}
              type="url"
              value={editor.form.links[field.key] ?? ''}
              onChange={(url) => editor.set('links', { ...editor.form.links, [field.key]: url })}
              placeholder="https://"
            />
          ))}
        </fieldset>
      </FormDialog>
    </>
  );
}
