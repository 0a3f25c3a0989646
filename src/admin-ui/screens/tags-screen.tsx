import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import { TAG_KINDS, type Tag, type TagKind } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { SelectField, TextField } from '../components/field.js';
import { FormDialog } from '../components/form-dialog.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { Pagination } from '../components/pagination.js';
import { useDebounced, useLoad, useTitle } from '../lib/use-load.js';

const KIND_LABELS: Record<TagKind, string> = {
  topic: 'Topic',
  person: 'Person',
  organisation: 'Organisation',
  place: 'Place',
  event: 'Event',
  thing: 'Thing',
};
const KIND_OPTIONS = TAG_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }));

/** Topics: each tag has a page listing every story about it; aliases catch other spellings. */
export function TagsScreen() {
  useTitle('Tags');
  const api = useApi();
  const announce = useAnnounce();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const query = useDebounced(q.trim(), 300);
  const tags = useLoad(() => api.tags.list({ q: query || undefined, page, pageSize: 50 }), [query, page]);
  const [editing, setEditing] = useState<{ tag: Tag | null } | null>(null);
  const [deleting, setDeleting] = useState<Tag | null>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<TagKind>('topic');
  const [aliases, setAliases] = useState('');

  function open(tag: Tag | null) {
    setName(tag?.name ?? '');
    setKind(tag?.kind ?? 'topic');
    setAliases(tag?.aliases.join(', ') ?? '');
    setEditing({ tag });
  }

  async function save() {
    const input = {
      name: name.trim(),
      kind,
      aliases: aliases
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    };
    if (editing?.tag) await api.tags.update(editing.tag.id, input);
    else await api.tags.create(input);
    announce(editing?.tag ? 'Tag saved' : 'Tag created');
    tags.reload();
  }

  const data = tags.data;
  return (
    <>
      <PageHeader title="Tags" description="Topics, people, organisations, places and events that stories are about.">
        <button type="button" className="button button-primary" onClick={() => open(null)}>
          New tag
        </button>
      </PageHeader>
      <div className="filters">
        <TextField
          label="Search tags"
          type="search"
          value={q}
          onChange={(value) => {
            setQ(value);
            setPage(1);
          }}
          className="filter-search"
        />
      </div>
      {tags.error != null && <ErrorNotice>{errorMessage(tags.error)}</ErrorNotice>}
      {tags.loading && !data && <Loading />}
      {data && (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Tags</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Slug</th>
                  <th scope="col">Aliases</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((tag) => (
                  <tr key={tag.id}>
                    <td>{tag.name}</td>
                    <td>{KIND_LABELS[tag.kind] ?? tag.kind}</td>
                    <td>
                      <code>{tag.slug}</code>
                    </td>
                    <td>{tag.aliases.join(', ')}</td>
                    <td className="cell-actions">
                      <button type="button" className="button button-small" onClick={() => open(tag)} aria-label={`Edit ${tag.name}`}>
                        Edit
                      </button>
                      <button type="button" className="button button-small button-danger-quiet" onClick={() => setDeleting(tag)} aria-label={`Delete ${tag.name}`}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.items.length === 0 && <p className="empty">{query ? 'No tags match.' : 'No tags yet.'}</p>}
          <Pagination page={page} pageSize={data.pageSize || 50} total={data.total} onPage={setPage} label="Tag pages" />
        </>
      )}
      <FormDialog open={editing !== null} title={editing?.tag ? `Edit ${editing.tag.name}` : 'New tag'} submitLabel="Save" onSubmit={save} onClose={() => setEditing(null)}>
        <TextField label="Name" value={name} onChange={setName} required maxLength={80} />
        <SelectField label="Kind" value={kind} onChange={(value) => setKind(value as TagKind)} options={KIND_OPTIONS} />
        <TextField label="Aliases" value={aliases} onChange={setAliases} hint="Other names for the same thing, separated by commas (e.g. “PM Modi, Narendra Modi”)." />
      </FormDialog>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the tag ${deleting?.name ?? ''}?`}
        confirmLabel="Delete tag"
        danger
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          await api.tags.remove(deleting!.id);
          announce('Tag deleted');
          tags.reload();
        }}
      >
        <p>The tag is removed from every story and its topic page disappears.</p>
      </ConfirmDialog>
    </>
  );
}
