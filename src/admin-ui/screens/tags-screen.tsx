import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { TAG_KINDS, type Tag, type TagKind } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { DataTable } from '../components/data-table.js';
import { SelectField, TextArea, TextField } from '../components/field.js';
import { FormDialog } from '../components/form-dialog.js';
import { PageHeader } from '../components/page-header.js';
import { Pagination } from '../components/pagination.js';
import { useRowEditor } from '../components/use-row-editor.js';
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
/** The API's limit (TOPIC_DESCRIPTION_MAX in src/content): the field stops there instead of failing on save. */
const TOPIC_DESCRIPTION_MAX = 1000;

/** Topics: each tag has a page listing every story about it; aliases catch other spellings. */
export function TagsScreen() {
  useTitle('Tags');
  const api = useApi();
  const announce = useAnnounce();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const query = useDebounced(q.trim(), 300);
  const tags = useLoad(() => api.tags.list({ q: query || undefined, page, pageSize: 50 }), [query, page]);
  const [deleting, setDeleting] = useState<Tag | null>(null);
  const editor = useRowEditor<Tag, { name: string; kind: TagKind; aliases: string; description: string }>({
    toForm: (tag) => ({ name: tag?.name ?? '', kind: tag?.kind ?? 'topic', aliases: tag?.aliases.join(', ') ?? '', description: tag?.description ?? '' }),
    async save({ name, kind, aliases, description }, tag) {
      const input = {
        name: name.trim(),
        kind,
        description: description.trim(),
        aliases: aliases
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      };
      if (tag) await api.tags.update(tag.id, input);
      else await api.tags.create(input);
      announce(tag ? 'Tag saved' : 'Tag created');
      tags.reload();
    },
  });

  const data = tags.data;
  return (
    <>
      <PageHeader title="Tags" description="Topics, people, organisations, places and events that stories are about.">
        <button type="button" className="button button-primary" onClick={() => editor.start(null)}>
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
      <DataTable
        caption="Tags"
        rows={data?.items}
        loading={tags.loading}
        error={tags.error}
        rowKey={(tag) => tag.id}
        rowName={(tag) => tag.name}
        columns={[
          { header: 'Name', rowHeader: true, cell: (tag) => tag.name },
          { header: 'Kind', cell: (tag) => KIND_LABELS[tag.kind] ?? tag.kind },
          { header: 'Slug', cell: (tag) => <code>{tag.slug}</code> },
          { header: 'Aliases', cell: (tag) => tag.aliases.join(', ') },
        ]}
        onEdit={editor.start}
        onDelete={setDeleting}
        empty={query ? 'No tags match.' : 'No tags yet.'}
        emptyAction={
          !query && (
            <button type="button" className="button" onClick={() => editor.start(null)}>
              Create the first tag
            </button>
          )
        }
      />
      {data && <Pagination page={page} pageSize={data.pageSize || 50} total={data.total} onPage={setPage} label="Tag pages" />}
      <FormDialog {...editor.dialog} title={editor.row ? `Edit ${editor.row.name}` : 'New tag'} submitLabel="Save">
        <TextField label="Name" {...editor.field('name')} required maxLength={80} />
        <SelectField label="Kind" value={editor.form.kind} onChange={(kind) => editor.set('kind', kind as TagKind)} options={KIND_OPTIONS} />
        <TextField label="Aliases" {...editor.field('aliases')} hint="Other names for the same thing, separated by commas (e.g. “PM Modi, Narendra Modi”)." />
        <TextArea label="Description" {...editor.field('description')} rows={4} maxLength={TOPIC_DESCRIPTION_MAX} hint="Plain text shown at the top of the topic page." />
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
