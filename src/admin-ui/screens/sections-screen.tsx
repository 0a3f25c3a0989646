import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { ApiError, errorMessage } from '../api/http.js';
import type { Section } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { TextArea, TextField } from '../components/field.js';
import { FormDialog } from '../components/form-dialog.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { useSections } from '../components/use-directory.js';
import { useTitle } from '../lib/use-load.js';

type Editing = { section: Section | null } | null;

export function SectionsScreen() {
  useTitle('Sections');
  const api = useApi();
  const announce = useAnnounce();
  const sections = useSections();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Section | null>(null);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [description, setDescription] = useState('');
  const [position, setPosition] = useState('');

  function open(section: Section | null) {
    setName(section?.name ?? '');
    setSlug(section?.slug ?? '');
    setDescription(section?.description ?? '');
    setPosition(section ? String(section.position) : String((sections.data?.length ?? 0) + 1));
    setEditing({ section });
  }

  async function save() {
    const input = { name: name.trim(), slug: slug.trim() || undefined, description: description.trim(), position: Number(position) || 0 };
    if (editing?.section) await api.sections.update(editing.section.id, input);
    else await api.sections.create(input);
    announce(editing?.section ? 'Section saved' : 'Section created');
    sections.reload();
  }

  return (
    <>
      <PageHeader title="Sections" description="Every story belongs to one section. Sections appear in the site navigation in this order.">
        <button type="button" className="button button-primary" onClick={() => open(null)}>
          New section
        </button>
      </PageHeader>
      {sections.error != null && <ErrorNotice>{errorMessage(sections.error)}</ErrorNotice>}
      {sections.loading && !sections.data && <Loading />}
      {sections.data && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Sections</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Name</th>
                <th scope="col">Slug</th>
                <th scope="col">Description</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sections.data.map((section) => (
                <tr key={section.id}>
                  <td>{section.position}</td>
                  <td>{section.name}</td>
                  <td>
                    <code>{section.slug}</code>
                  </td>
                  <td>{section.description}</td>
                  <td className="cell-actions">
                    <button type="button" className="button button-small" onClick={() => open(section)} aria-label={`Edit ${section.name}`}>
                      Edit
                    </button>
                    <button type="button" className="button button-small button-danger-quiet" onClick={() => setDeleting(section)} aria-label={`Delete ${section.name}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FormDialog open={editing !== null} title={editing?.section ? `Edit ${editing.section.name}` : 'New section'} submitLabel="Save" onSubmit={save} onClose={() => setEditing(null)}>
        <TextField label="Name" value={name} onChange={setName} required maxLength={80} />
        <TextField label="Slug" value={slug} onChange={setSlug} hint="The section's address: /slug. Leave empty to make one from the name." />
        <TextArea label="Description" value={description} onChange={setDescription} rows={3} maxLength={500} />
        <TextField label="Position" type="number" min={0} value={position} onChange={setPosition} hint="Lower numbers come first in the navigation." />
      </FormDialog>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? 'section'}?`}
        confirmLabel="Delete section"
        danger
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          await api.sections.remove(deleting!.id);
          announce('Section deleted');
          sections.reload();
        }}
        renderError={(err) =>
          err instanceof ApiError && err.code === 'SECTION_IN_USE' ? 'This section still has stories. Move them to another section first.' : errorMessage(err)
        }
      >
        <p>Only a section without stories can be deleted.</p>
      </ConfirmDialog>
    </>
  );
}
