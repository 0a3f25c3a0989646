import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import type { StaticPageSummary } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { formatDateTime } from '../lib/format.js';
import { useLoad, useTitle } from '../lib/use-load.js';
import { Link } from '../router/link.js';

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
      {pages.error != null && <ErrorNotice>{errorMessage(pages.error)}</ErrorNotice>}
      {pages.loading && !pages.data && <Loading />}
      {pages.data && pages.data.length === 0 && <p className="empty">No pages yet. Readers and search engines look for About, Contact and Privacy pages on a news site.</p>}
      {pages.data && pages.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Pages</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Title</th>
                <th scope="col">Address</th>
                <th scope="col">In footer</th>
                <th scope="col">Last saved</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {pages.data.map((page) => (
                <tr key={page.id}>
                  <td>{page.position}</td>
                  <td>
                    <Link href={`/admin/pages/${encodeURIComponent(page.id)}`}>{page.title}</Link>
                  </td>
                  <td>
                    <a href={page.url} target="_blank" rel="noreferrer">
                      <code>/{page.slug}</code>
                    </a>
                  </td>
                  <td>{page.inFooter ? 'Yes' : 'No'}</td>
                  <td>{formatDateTime(page.updatedAt)}</td>
                  <td className="cell-actions">
                    <Link href={`/admin/pages/${encodeURIComponent(page.id)}`} className="button button-small" aria-label={`Edit ${page.title}`}>
                      Edit
                    </Link>
                    <button type="button" className="button button-small button-danger-quiet" onClick={() => setDeleting(page)} aria-label={`Delete ${page.title}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
