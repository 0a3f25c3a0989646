import { useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import type { SourceInput, WireSource } from '../api/wire-api.js';
import { useAnnounce } from '../components/announcer.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { formatDateTime, formatRelative } from '../lib/format.js';
import { useLoad, useTitle } from '../lib/use-load.js';

const KINDS: { value: SourceInput['kind']; label: string }[] = [
  { value: 'rss', label: 'RSS, Atom or JSON Feed address' },
  { value: 'ninjs', label: 'ninjs endpoint' },
  { value: 'folder', label: 'Watched folder' },
];

interface Form {
  name: string;
  kind: SourceInput['kind'];
  address: string;
  intervalMinutes: string;
  sectionSlug: string;
  credit: string;
  autoPublish: boolean;
}

const EMPTY: Form = { name: '', kind: 'rss', address: '', intervalMinutes: '15', sectionSlug: '', credit: '', autoPublish: false };

function toForm(source: WireSource): Form {
  return {
    name: source.name,
    kind: source.kind,
    address: source.url ?? source.folder ?? '',
    intervalMinutes: String(source.intervalMinutes),
    sectionSlug: source.sectionSlug ?? '',
    credit: source.credit ?? '',
    autoPublish: source.autoPublish,
  };
}

/** Wire and press-release sources with their health: add, edit, pause, poll now, remove. */
export function SourcesScreen() {
  useTitle('Sources');
  const api = useApi();
  const announce = useAnnounce();
  const sources = useLoad(() => api.wire.sources.list(), []);
  const [editing, setEditing] = useState<WireSource | 'new' | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [error, setError] = useState<string | null>(null);

  function start(source: WireSource | 'new') {
    setEditing(source);
    setForm(source === 'new' ? EMPTY : toForm(source));
    setError(null);
  }

  async function run(work: () => Promise<unknown>, done: string) {
    setError(null);
    try {
      await work();
      announce(done);
      sources.reload();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const body: SourceInput = {
      name: form.name.trim(),
      kind: form.kind,
      url: form.kind === 'folder' ? null : form.address.trim(),
      folder: form.kind === 'folder' ? form.address.trim() : null,
      intervalMinutes: Number(form.intervalMinutes),
      sectionSlug: form.sectionSlug.trim() || null,
      credit: form.credit.trim() || null,
      autoPublish: form.autoPublish,
    };
    const target = editing;
    const ok = await run(() => (target && target !== 'new' ? api.wire.sources.update(target.id, body) : api.wire.sources.create(body)), 'Source saved');
    if (ok) setEditing(null);
  }

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <>
      <PageHeader title="Sources" description="Agency wires and press offices polled into the Incoming queue, and how each is doing.">
        <button type="button" className="button button-primary" onClick={() => start('new')}>
          New source
        </button>
      </PageHeader>
      {sources.error != null && <ErrorNotice>Could not load the sources: {errorMessage(sources.error)}</ErrorNotice>}
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {editing && (
        <form className="panel source-form" onSubmit={save} aria-label={editing === 'new' ? 'New source' : `Edit ${editing.name}`}>
          <label>
            Name <input required maxLength={120} value={form.name} onChange={(e) => set('name', e.target.value)} />
          </label>
          <label>
            Kind{' '}
            <select value={form.kind} onChange={(e) => set('kind', e.target.value as Form['kind'])}>
              {KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {form.kind === 'folder' ? 'Folder (inside the ingest folder root)' : 'Address'} <input required value={form.address} onChange={(e) => set('address', e.target.value)} />
          </label>
          <label>
            Poll every (minutes) <input type="number" min={1} max={1440} value={form.intervalMinutes} onChange={(e) => set('intervalMinutes', e.target.value)} />
          </label>
          <label>
            Default section (slug) <input value={form.sectionSlug} onChange={(e) => set('sectionSlug', e.target.value)} />
          </label>
          <label>
            Credit (agency or issuing body) <input maxLength={120} value={form.credit} onChange={(e) => set('credit', e.target.value)} />
          </label>
          <label>
            <input type="checkbox" checked={form.autoPublish} onChange={(e) => set('autoPublish', e.target.checked)} /> Publish items on arrival
          </label>
          <div className="button-row">
            <button type="submit" className="button button-primary">
              Save
            </button>
            <button type="button" className="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {sources.loading && !sources.data && <Loading />}
      {sources.data && (
        <table className="data-table" aria-label="Sources">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Last success</th>
              <th scope="col">Last error</th>
              <th scope="col">Items taken</th>
              <th scope="col">Next poll</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {sources.data.length === 0 && (
              <tr>
                <td colSpan={6}>No sources yet.</td>
              </tr>
            )}
            {sources.data.map((s) => (
              <tr key={s.id}>
                <td>
                  <strong>{s.name}</strong> {s.paused && <span className="badge">Paused</span>} {s.autoPublish && <span className="badge">Auto-publish</span>}
                  <div className="hint">{s.url ?? s.folder}</div>
                </td>
                <td>{s.health.lastSuccessAt ? formatRelative(s.health.lastSuccessAt) : 'Never'}</td>
                <td>
                  {s.health.lastError ? (
                    <>
                      <code>{s.health.lastErrorReason}</code> {s.health.lastError}
                      <div className="hint">
                        {formatDateTime(s.health.lastErrorAt)}
                        {s.health.consecutiveFailures > 0 ? ` · ${s.health.consecutiveFailures} failed in a row` : ''}
                      </div>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{s.health.itemsTaken}</td>
                <td>{s.paused ? '—' : formatDateTime(s.health.nextPollAt)}</td>
                <td className="button-row">
                  <button type="button" className="button button-small" onClick={() => start(s)}>
                    Edit
                  </button>
                  <button type="button" className="button button-small" onClick={() => run(() => api.wire.sources.update(s.id, { paused: !s.paused }), s.paused ? 'Source resumed' : 'Source paused')}>
                    {s.paused ? 'Resume' : 'Pause'}
                  </button>
                  <button type="button" className="button button-small" onClick={() => run(() => api.wire.sources.poll(s.id), 'Source polled')}>
                    Poll now
                  </button>
                  <button type="button" className="button button-small button-quiet" onClick={() => window.confirm(`Remove ${s.name} and its queued items?`) && run(() => api.wire.sources.remove(s.id), 'Source removed')}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
