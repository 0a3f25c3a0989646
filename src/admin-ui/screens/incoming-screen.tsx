import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import type { IncomingItem } from '../api/wire-api.js';
import { useAnnounce } from '../components/announcer.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { Pagination } from '../components/pagination.js';
import { formatRelative, plural } from '../lib/format.js';
import { useDebounced, useLoad, useTitle } from '../lib/use-load.js';
import { navigate } from '../router/router.js';

type DocNode = { type: string; text?: string; content?: DocNode[] };

/** The preview's text: blocks as paragraphs and headings, marks dropped (the editor shows the rest after Take). */
function DocPreview({ doc }: { doc: DocNode }) {
  const text = (node: DocNode): string => node.text ?? (node.content ?? []).map(text).join('');
  return (
    <div className="incoming-body">
      {(doc.content ?? []).map((block, i) =>
        block.type === 'heading' ? <h3 key={i}>{text(block)}</h3> : block.type === 'bulletList' || block.type === 'orderedList' ? (
          <ul key={i}>{(block.content ?? []).map((li, j) => <li key={j}>{text(li)}</li>)}</ul>
        ) : (
          <p key={i}>{text(block)}</p>
        ),
      )}
    </div>
  );
}

/** Agency copy and press releases waiting for an editor: newest first, with filters, a preview, Take and Dismiss. */
export function IncomingScreen() {
  useTitle('Incoming');
  const api = useApi();
  const announce = useAnnounce();
  const [q, setQ] = useState('');
  const [source, setSource] = useState('');
  const [section, setSection] = useState('');
  const [group, setGroup] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const text = useDebounced(q.trim(), 300);
  const sources = useLoad(() => api.wire.sources.list(), []);
  const items = useLoad(() => api.wire.incoming.list({ q: text || undefined, source: source || undefined, section: section || undefined, group: group || undefined, page, pageSize: 25 }), [text, source, section, group, page]);
  const preview = useLoad(() => (selected ? api.wire.incoming.get(selected) : Promise.resolve(null)), [selected]);
  const data = items.data;
  const sections = [...new Set((sources.data ?? []).map((s) => s.sectionSlug).filter((s): s is string => !!s))];

  async function act(item: IncomingItem, action: 'take' | 'dismiss') {
    setBusy(true);
    setActionError(null);
    try {
      if (action === 'take') {
        const taken = await api.wire.incoming.take(item.id);
        announce('Draft made from the incoming item');
        navigate(`/admin/stories/${taken.articleId}`);
        return;
      }
      await api.wire.incoming.dismiss(item.id);
      announce('Item dismissed');
      setSelected(null);
      items.reload();
    } catch (err) {
      setActionError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const shown = preview.data;
  return (
    <>
      <PageHeader title="Incoming" description={data ? `${plural(data.total, 'item')} from the wires and press offices, newest first.` : undefined}>
        <button type="button" className="button" onClick={items.reload}>
          Refresh
        </button>
      </PageHeader>
      <div className="filters">
        <label>
          Search <input type="search" className="filter-search" value={q} onChange={(e) => (setQ(e.target.value), setPage(1))} placeholder="Words in the headline, byline or text" />
        </label>
        <label>
          Source{' '}
          <select value={source} onChange={(e) => (setSource(e.target.value), setPage(1))}>
            <option value="">All sources</option>
            {(sources.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Section{' '}
          <select value={section} onChange={(e) => (setSection(e.target.value), setPage(1))}>
            <option value="">All sections</option>
            {sections.map((slug) => (
              <option key={slug} value={slug}>
                {slug}
              </option>
            ))}
          </select>
        </label>
        {group && (
          <button type="button" className="button button-small" onClick={() => setGroup('')}>
            Show all stories, not just this group
          </button>
        )}
      </div>
      {items.error != null && <ErrorNotice>Could not load the queue: {errorMessage(items.error)}</ErrorNotice>}
      {actionError && <ErrorNotice>{actionError}</ErrorNotice>}
      {items.loading && !data && <Loading />}
      <div className="incoming-layout" style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: '1rem', alignItems: 'start' }}>
        {data && (
          <table className="data-table" aria-label="Incoming items">
            <thead>
              <tr>
                <th scope="col">Headline</th>
                <th scope="col">Source</th>
                <th scope="col">Received</th>
                <th scope="col">Same story</th>
              </tr>
            </thead>
            <tbody>
              {data.items.length === 0 && (
                <tr>
                  <td colSpan={4}>Nothing is waiting.</td>
                </tr>
              )}
              {data.items.map((item) => (
                <tr key={item.id} aria-selected={item.id === selected}>
                  <td>
                    <button type="button" className="link-button" onClick={() => setSelected(item.id)}>
                      {item.headline}
                    </button>
                    {item.byline && <div className="hint">{item.byline}</div>}
                  </td>
                  <td>{item.sourceName}</td>
                  <td>{formatRelative(item.receivedAt)}</td>
                  <td>
                    {item.groupSize > 1 ? (
                      <button type="button" className="button button-small button-quiet" onClick={() => (setGroup(item.groupId), setPage(1))}>
                        {plural(item.groupSize, 'version')}
                      </button>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {shown && (
          <aside className="panel incoming-preview" aria-labelledby="incoming-preview-title">
            <h2 id="incoming-preview-title">{shown.headline}</h2>
            <p className="hint">
              {shown.sourceName}
              {shown.byline ? ` · ${shown.byline}` : ''} · {formatRelative(shown.receivedAt)}
              {shown.link && (
                <>
                  {' · '}
                  <a href={shown.link} target="_blank" rel="noopener noreferrer">
                    Original
                  </a>
                </>
              )}
            </p>
            {shown.standfirst && <p className="standfirst">{shown.standfirst}</p>}
            {shown.pictures.length > 0 && <p className="hint">{plural(shown.pictures.length, 'picture')}{shown.pictures[0]?.credit ? `, credit ${shown.pictures[0].credit}` : ''}</p>}
            <DocPreview doc={shown.body as DocNode} />
            <div className="button-row">
              <button type="button" className="button button-primary" disabled={busy || shown.state !== 'queued'} onClick={() => act(shown, 'take')}>
                Take
              </button>
              <button type="button" className="button" disabled={busy || shown.state !== 'queued'} onClick={() => act(shown, 'dismiss')}>
                Dismiss
              </button>
            </div>
          </aside>
        )}
      </div>
      {data && data.items.length > 0 && <Pagination page={page} pageSize={data.pageSize || 25} total={data.total} onPage={setPage} label="Incoming pages" />}
    </>
  );
}
