import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import { MediaGrid } from '../components/media-grid.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { Pagination } from '../components/pagination.js';
import { TextField } from '../components/field.js';
import { UploadZone } from '../components/upload-zone.js';
import { useDebounced, useLoad, useTitle } from '../lib/use-load.js';
import { navigate } from '../router/router.js';
import { MediaPanel } from './media-panel.js';

const PAGE_SIZE = 48;

/** The media library: upload, search, and a details panel for the chosen picture. */
export function MediaScreen({ selectedId }: { selectedId: string | null }) {
  useTitle('Media library');
  const api = useApi();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const query = useDebounced(q.trim(), 300);
  const list = useLoad(() => api.media.list({ q: query || undefined, page, pageSize: PAGE_SIZE }), [query, page]);
  const data = list.data;

  return (
    <div className={selectedId ? 'media-layout has-panel' : 'media-layout'}>
      <div className="media-main">
        <PageHeader title="Media library" />
        <UploadZone
          onUploaded={(media) => {
            list.reload();
            navigate(`/admin/media/${encodeURIComponent(media.id)}`);
          }}
        />
        <div className="filters">
          <TextField
            label="Search pictures"
            type="search"
            value={q}
            onChange={(value) => {
              setQ(value);
              setPage(1);
            }}
            placeholder="Alt text, caption or credit"
            className="filter-search"
          />
        </div>
        {list.error != null && <ErrorNotice>Could not load the library: {errorMessage(list.error)}</ErrorNotice>}
        {list.loading && !data && <Loading />}
        {data && (
          <>
            {data.items.length === 0 ? (
              <p className="empty">{query ? 'No pictures match.' : 'No pictures yet. Upload the first one.'}</p>
            ) : (
              <MediaGrid items={data.items} selectedId={selectedId} verb="Edit" onSelect={(media) => navigate(`/admin/media/${encodeURIComponent(media.id)}`)} />
            )}
            <Pagination page={page} pageSize={data.pageSize || PAGE_SIZE} total={data.total} onPage={setPage} label="Library pages" />
          </>
        )}
      </div>
      {selectedId && (
        <MediaPanel
          key={selectedId}
          id={selectedId}
          onClose={() => navigate('/admin/media')}
          onChanged={(media) => data && list.setData({ ...data, items: data.items.map((m) => (m.id === media.id ? media : m)) })}
          onDeleted={() => {
            list.reload();
            navigate('/admin/media', { replace: true });
          }}
        />
      )}
    </div>
  );
}
