import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { ApiError, errorMessage } from '../api/http.js';
import type { Section } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { DataTable } from '../components/data-table.js';
import { TextArea, TextField } from '../components/field.js';
import { FormDialog } from '../components/form-dialog.js';
import { PageHeader } from '../components/page-header.js';
import { useSections } from '../components/use-directory.js';
import { useRowEditor } from '../components/use-row-editor.js';
import { useTitle } from '../lib/use-load.js';

export function SectionsScreen() {
  useTitle('Sections');
  const api = useApi();
  const announce = useAnnounce();
  const sections = useSections();
  const [deleting, setDeleting] = useState<Section | null>(null);
  const editor = useRowEditor<Section, { name: string; slug: string; description: string; position: string }>({
    toForm: (section) => ({
      name: section?.name ?? '',
      slug: section?.slug ?? '',
      description: section?.description ?? '',
      // A new section goes last unless the editor says otherwise.
      position: String(section ? section.position : (sections.data?.length ?? 0) + 1),
    }),
    async save({ name, slug, description, position }, section) {
      const input = { name: name.trim(), slug: slug.trim() || undefined, description: description.trim(), position: Number(position) || 0 };
      if (section) await api.sections.update(section.id, input);
      else await api.sections.create(input);
      announce(section ? 'Section saved' : 'Section created');
      sections.reload();
    },
  });

  return (
    <>
      <PageHeader title="Sections" description="Every story belongs to one section. Sections appear in the site navigation in this order.">
        <button type="button" className="button button-primary" onClick={() => editor.start(null)}>
          New section
        </button>
      </PageHeader>
      <DataTable
        caption="Sections"
        rows={sections.data}
        loading={sections.loading}
        error={sections.error}
        rowKey={(section) => section.id}
        rowName={(section) => section.name}
        columns={[
          { header: 'Order', cell: (section) => section.position },
          { header: 'Name', rowHeader: true, cell: (section) => section.name },
          { header: 'Slug', cell: (section) => <code>{section.slug}</code> },
          { header: 'Description', cell: (section) => section.description },
        ]}
        onEdit={editor.start}
        onDelete={setDeleting}
        empty="No sections yet. Every story belongs to one, so make the first before writing."
        emptyAction={
          <button type="button" className="button" onClick={() => editor.start(null)}>
            Create the first section
          </button>
        }
      />
      <FormDialog {...editor.dialog} title={editor.row ? `Edit ${editor.row.name}` : 'New section'} submitLabel="Save">
        <TextField label="Name" {...editor.field('name')} required maxLength={80} />
        <TextField label="Slug" {...editor.field('slug')} hint="The section's address: /slug. Leave empty to make one from the name." />
        <TextArea label="Description" {...editor.field('description')} rows={3} maxLength={500} />
        <TextField label="Position" type="number" min={0} {...editor.field('position')} hint="Lower numbers come first in the navigation." />
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
