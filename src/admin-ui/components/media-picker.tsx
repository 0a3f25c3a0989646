import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import type { Media } from '../api/types.js';
import { useDebounced, useLoad } from '../lib/use-load.js';
import { Dialog } from './dialog.js';
import { TextField } from './field.js';
import { MediaGrid } from './media-grid.js';
import { ErrorNotice, Loading } from './notice.js';
import { Pagination } from './pagination.js';
import { UploadZone } from './upload-zone.js';
import { NewPictureDetails } from './new-picture-details.js';

export interface MediaPickerProps {
  open: boolean;
  title: string;
  onChoose: (media: Media) => void;
  onClose: () => void;
  restoreFocus?: () => void;
}

const PAGE_SIZE = 24;

/** Choose a picture from the library, or upload one and use it at once. */
export function MediaPicker({ open, title, onChoose, onClose, restoreFocus }: MediaPickerProps) {
  return (
    <Dialog open={open} title={title} onClose={onClose} size="large" restoreFocus={restoreFocus}>
      {open && <PickerBody onChoose={onChoose} />}
    </Dialog>
  );
}

function PickerBody({ onChoose }: { onChoose: (media: Media) => void }) {
  const api = useApi();
  const [q, setQ] = useState('');
  const [uploaded, setUploaded] = useState<Media | null>(null);
  const [page, setPage] = useState(1);
  const query = useDebounced(q.trim(), 300);
  const list = useLoad(() => api.media.list({ q: query || undefined, page, pageSize: PAGE_SIZE }), [query, page]);
  // A picture uploaded from inside a story asks for its alt text, caption and credit first.
  if (uploaded) return <NewPictureDetails media={uploaded} onDone={onChoose} />;
  return (
    <div className="stack">
      <UploadZone multiple={false} onUploaded={setUploaded} />
      <TextField
        label="Search pictures"
        type="search"
        value={q}
        onChange={(value) => {
          setQ(value);
          setPage(1);
        }}
        placeholder="Alt text, caption or credit"
      />
      {list.error != null && <ErrorNotice>{errorMessage(list.error)}</ErrorNotice>}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <>
          {list.data.items.length === 0 ? <p className="empty">No pictures found.</p> : <MediaGrid items={list.data.items} selectedId={null} verb="Choose" onSelect={onChoose} />}
          <Pagination page={page} pageSize={list.data.pageSize || PAGE_SIZE} total={list.data.total} onPage={setPage} label="Picture pages" />
        </>
      )}
    </div>
  );
}
