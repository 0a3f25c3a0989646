import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import type { StaticPageSummary } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { DataTable } from '../components/data-table.js';
import { PageHeader } from '../components/page-header.js';
import { formatDateTime } from '../lib/format.js';
import { useLoad, useTitle } from '../lib/use-load.js';
import { Link } from '../router/link.js';

const editorOf = (page: StaticPageSummary) => `/admin/pages/${encodeURIComponent(page.id)}`;

/** About, Contact, Editorial standards, Privacy: the simple pages the site footer links. */
export function StaticPagesScreen() {
  useTitle('Pages');
  const api = useApi();
  const announce = useAnnounce();
  const pages = useLoad(() => api.pages.list(), []);
  const [deleting, setDeleting] = useState<StaticPageSummary | null>(null);

  return (
    <>
      <PageHeader title="Pages" description="Simple pages such as About, Contact, Editorial standards and Privacy. Those marked for the footer are linked from every page of the site, in this order.">
        <Link href="/admin/pages/new" className="button button-primary">
          New page
        </Link>
      </PageHeader>
      <DataTable
        caption="Pages"
        rows={pages.data}
        loading={pages.loading}
        error={pages.error}
        rowKey={(page) => page.id}
        rowName={(page) => page.title}
        columns={[
          { header: 'Order', cell: (page) => page.position },
          { header: 'Title', rowHeader: true, cell: (page) => <Link href={editorOf(page)}>{page.title}</Link> },
          {
            header: 'Address',
            cell: (page) => (
              <a href={page.url} target="_blank" rel="noreferrer">
                <code>/{page.slug}</code>
              </a>
            ),
          },
          { header: 'In footer', cell: (page) => (page.inFooter ? 'Yes' : 'No') },
          { header: 'Last saved', cell: (page) => formatDateTime(page.updatedAt) },
        ]}
        editHref={editorOf}
        onDelete={setDeleting}
        empty="No pages yet. Readers and search engines look for About, Contact and Privacy pages on a news site."
        emptyAction={
          <Link href="/admin/pages/new" className="button">
            Write the first page
          </Link>
        }
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.title ?? 'page'}?`}
        confirmLabel="Delete page"
        danger
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          await api.pages.remove(deleting!.id);
          announce('Page deleted');
          pages.reload();
        }}
      >
        <p>
          Its address, <code>/{deleting?.slug}</code>, will answer “page not found”, and the footer will no longer link it.
        </p>
      </ConfirmDialog>
    </>
  );
}
