import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import type { ApiKey, ApiKeyScope } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { CopyButton } from '../components/copy-button.js';
import { Dialog } from '../components/dialog.js';
import { SelectField, TextField } from '../components/field.js';
import { FormDialog } from '../components/form-dialog.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
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
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('content-read');
  const [created, setCreated] = useState<{ apiKey: ApiKey; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  return (
    <>
      <PageHeader title="API keys" description="Give another system access to the Content API. A key is shown once, when it is created.">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            setName('');
            setScope('content-read');
            setCreating(true);
          }}
        >
          New API key
        </button>
      </PageHeader>
      {keys.error != null && <ErrorNotice>{errorMessage(keys.error)}</ErrorNotice>}
      {keys.loading && !keys.data && <Loading />}
      {keys.data && keys.data.length === 0 && <p className="empty">No API keys yet.</p>}
      {keys.data && keys.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key starts with</th>
                <th scope="col">Scope</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <tr key={key.id} className={key.revokedAt ? 'row-muted' : undefined}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>{key.scope === 'admin' ? 'Admin' : 'Content read'}</td>
                  <td>{formatDateTime(key.createdAt)}</td>
                  <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</td>
                  <td className="cell-actions">
                    {key.revokedAt ? (
                      <span className="badge badge-unpublished">Revoked {formatDateTime(key.revokedAt)}</span>
                    ) : (
                      <button type="button" className="button button-small button-danger-quiet" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FormDialog
        open={creating}
        title="New API key"
        submitLabel="Create key"
        onClose={() => setCreating(false)}
        onSubmit={async () => {
          const result = await api.apiKeys.create({ name: name.trim(), scope });
          keys.reload();
          setCreated(result);
        }}
      >
        <TextField label="Name" value={name} onChange={setName} required maxLength={80} hint="Who or what uses it, e.g. “Mobile app” or “Partner feed”." />
        <SelectField label="Scope" value={scope} onChange={(value) => setScope(value as ApiKeyScope)} options={SCOPES} />
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
          Send it as <code>Authorization: Bearer &lt;key&gt;</code>.
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
