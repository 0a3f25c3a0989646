import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import type { Person } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { TextArea, TextField } from '../components/field.js';
import { FormDialog } from '../components/form-dialog.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { usePeople } from '../components/use-directory.js';
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

/** Bylines: the people stories are credited to. A user signs in; a person is who the reader sees. */
export function PeopleScreen() {
  useTitle('People');
  const api = useApi();
  const announce = useAnnounce();
  const people = usePeople();
  const [editing, setEditing] = useState<{ person: Person | null } | null>(null);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [bio, setBio] = useState('');
  const [links, setLinks] = useState<Record<string, string>>({});
  const [filter, setFilter] = useState('');

  function open(person: Person | null) {
    setName(person?.name ?? '');
    setSlug(person?.slug ?? '');
    setBio(person?.bio ?? '');
    setLinks(Object.fromEntries(Object.entries(person?.links ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string')));
    setEditing({ person });
  }

  async function save() {
    const cleanLinks = Object.fromEntries(Object.entries(links).filter(([, url]) => url.trim() !== '').map(([k, url]) => [k, url.trim()]));
    const input = { name: name.trim(), slug: slug.trim() || undefined, bio: bio.trim(), links: cleanLinks };
    if (editing?.person) await api.people.update(editing.person.id, input);
    else await api.people.create(input);
    announce(editing?.person ? 'Person saved' : 'Person added');
    people.reload();
  }

  const shown = (people.data ?? []).filter((p) => p.name.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <>
      <PageHeader title="People" description="Bylines and author pages.">
        <button type="button" className="button button-primary" onClick={() => open(null)}>
          New person
        </button>
      </PageHeader>
      <div className="filters">
        <TextField label="Find a person" type="search" value={filter} onChange={setFilter} className="filter-search" />
      </div>
      {people.error != null && <ErrorNotice>{errorMessage(people.error)}</ErrorNotice>}
      {people.loading && !people.data && <Loading />}
      {people.data && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">People</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Slug</th>
                <th scope="col">Bio</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((person) => (
                <tr key={person.id}>
                  <td>{person.name}</td>
                  <td>
                    <code>{person.slug}</code>
                  </td>
                  <td className="cell-clip">{person.bio}</td>
                  <td className="cell-actions">
                    <button type="button" className="button button-small" onClick={() => open(person)} aria-label={`Edit ${person.name}`}>
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p className="empty">No people match.</p>}
        </div>
      )}
      <FormDialog open={editing !== null} title={editing?.person ? `Edit ${editing.person.name}` : 'New person'} submitLabel="Save" onSubmit={save} onClose={() => setEditing(null)}>
        <TextField label="Name" value={name} onChange={setName} required maxLength={120} />
        <TextField label="Slug" value={slug} onChange={setSlug} hint="The author page address: /author/slug. Leave empty to make one from the name." />
        <TextArea label="Bio" value={bio} onChange={setBio} rows={4} maxLength={2000} />
        <fieldset className="fieldset">
          <legend>Links</legend>
          {LINK_FIELDS.map((field) => (
            <TextField key={field.key} label={field.label} type="url" value={links[field.key] ?? ''} onChange={(url) => setLinks((l) => ({ ...l, [field.key]: url }))} placeholder="https://" />
          ))}
        </fieldset>
      </FormDialog>
    </>
  );
}
