import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import type { ApiKey, ApiKeyScope } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { CopyButton } from '../components/copy-button.js';
import { DataTable, RowButton } from '../components/data-table.js';
import { Dialog } from '../components/dialog.js';
import { SelectField, TextField } from '../components/field.js';
import { FormDialog } from '../components/form-dialog.js';
import { PageHeader } from '../components/page-header.js';
import { useRowEditor } from '../components/use-row-editor.js';
import { formatDateTime } from '../lib/format.js';
import { useLoad, useTitle } from '../lib/use-load.js';

const SCOPES: { value: ApiKeyScope; label: string }[] = [
  { value: 'content-read', label: 'Content read: published content only, read-only' },
  { value: 'admin', label: 'Admin: full access to everything' },
];

/** Keys for other systems (apps, partner sites): created here, shown once, revoked here. */
export function ApiKeysScreen() {
  useTitle('API keys');
  const api = useApi();
  const announce = useAnnounce();
  const keys = useLoad(() => api.apiKeys.list(), []);
  const [created, setCreated] = useState<{ apiKey: ApiKey; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  // Keys are created and revoked, never edited: the dialog only ever starts blank.
  const creator = useRowEditor<never, { name: string; scope: ApiKeyScope }>({
    toForm: () => ({ name: '', scope: 'content-read' }),
    async save({ name, scope }) {
      const result = await api.apiKeys.create({ name: name.trim(), scope });
      keys.reload();
      setCreated(result);
    },
  });

  return (
    <>
      <PageHeader title="API keys" description="Give another system access to the Content API. A key is shown once, when it is created.">
        <button type="button" className="button button-primary" onClick={() => creator.start(null)}>
          New API key
        </button>
      </PageHeader>
      <DataTable
        caption="API keys"
        rows={keys.data}
        loading={keys.loading}
        error={keys.error}
        rowKey={(key) => key.id}
        rowName={(key) => key.name}
        rowClassName={(key) => (key.revokedAt ? 'row-muted' : undefined)}
        columns={[
          { header: 'Name', rowHeader: true, cell: (key) => key.name },
          { header: 'Key starts with', cell: (key) => <code>{key.prefix}…</code> },
          { header: 'Scope', cell: (key) => (key.scope === 'admin' ? 'Admin' : 'Content read') },
          { header: 'Created', cell: (key) => formatDateTime(key.createdAt) },
          { header: 'Last used', cell: (key) => (key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never') },
        ]}
        actions={(key) =>
          key.revokedAt ? (
            <span className="badge badge-unpublished">Revoked {formatDateTime(key.revokedAt)}</span>
          ) : (
            <RowButton label={`Revoke ${key.name}`} danger onClick={() => setRevoking(key)}>
              Revoke
            </RowButton>
          )
        }
        empty="No API keys yet."
        emptyAction={
          <button type="button" className="button" onClick={() => creator.start(null)}>
            Create the first API key
          </button>
        }
      />
      <FormDialog {...creator.dialog} title="New API key" submitLabel="Create key">
        <TextField label="Name" {...creator.field('name')} required maxLength={80} hint="Who or what uses it, e.g. “Mobile app” or “Partner feed”." />
        <SelectField label="Scope" value={creator.form.scope} onChange={(scope) => creator.set('scope', scope as ApiKeyScope)} options={SCOPES} />
      </FormDialog>
      <Dialog
        open={created !== null}
        title="Copy your new API key"
        onClose={() => setCreated(null)}
        actions={
          <button type="button" className="button button-primary" onClick={() => setCreated(null)}>
            Done
          </button>
        }
      >
        <p>
          This is the only time the key for <strong>{created?.apiKey.name}</strong> is shown. Store it somewhere safe now.
        </p>
        <div className="key-reveal">
          <label htmlFor="new-api-key">API key</label>
          <input id="new-api-key" className="mono" readOnly value={created?.key ?? ''} onFocus={(e) => e.target.select()} data-autofocus />
          <CopyButton text={created?.key ?? ''} label="Copy key" />
        </div>
        <p className="field-hint">
          {created?.apiKey.scope === 'content-read' ? (
            <>
              Ghost-compatible front ends send it as <code>?key=</code> to the Content API (<code>/ghost/api/content/posts/</code>); scripts can also send it as <code>Authorization: Bearer &lt;key&gt;</code>.
            </>
          ) : (
            <>
              Send it as <code>Authorization: Bearer &lt;key&gt;</code>. Never put an admin key in a URL.
            </>
          )}
        </p>
      </Dialog>
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? 'key'}?`}
        confirmLabel="Revoke key"
        danger
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          await api.apiKeys.revoke(revoking!.id);
          announce('API key revoked');
          keys.reload();
        }}
      >
        <p>Anything using this key stops working at once. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
