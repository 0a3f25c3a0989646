import { useId, useRef, useState, type DragEvent } from 'react';
import { useApi } from '../api/api-context.js';
import { ApiError, errorMessage } from '../api/http.js';
import type { Media } from '../api/types.js';
import { ACCEPTED_IMAGE_TYPES, MAX_UPLOAD_BYTES, uploadMedia } from '../api/upload.js';

interface UploadItem {
  key: number;
  name: string;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  error?: string;
}

export interface UploadZoneProps {
  onUploaded: (media: Media) => void;
  /** Allow several files at once (the library) or one (a picker). */
  multiple?: boolean;
}

function uploadFailure(err: unknown, name: string): string {
  if (err instanceof ApiError) {
    if (err.status === 413) return `${name} is too large. Pictures must be under 25 MB and within the pixel limit. ${err.message}`;
    if (err.status === 415) return `${name} is not a picture Dateline accepts. Use JPEG, PNG, WebP, AVIF or GIF. ${err.message}`;
  }
  return `${name} could not be uploaded: ${errorMessage(err)}`;
}

let nextKey = 1;

/** Drop pictures here or choose them with the Upload button; each shows its own progress. */
export function UploadZone({ onUploaded, multiple = true }: UploadZoneProps) {
  const api = useApi();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);

  function patch(key: number, change: Partial<UploadItem>) {
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }

  async function uploadOne(file: File) {
    const key = nextKey++;
    setItems((list) => [...list.filter((i) => i.state === 'uploading' || i.state === 'failed'), { key, name: file.name, progress: 0, state: 'uploading' }]);
    if (file.size > MAX_UPLOAD_BYTES) {
      patch(key, { state: 'failed', error: `${file.name} is larger than 25 MB, the most Dateline accepts.` });
      return;
    }
    try {
      const media = await uploadMedia(file, {}, {
        csrfToken: api.http.csrfToken(),
        onUnauthorized: api.http.reportUnauthorized,
        onProgress: (progress) => patch(key, { progress }),
      });
      patch(key, { state: 'done', progress: 1 });
      onUploaded(media);
    } catch (err) {
      patch(key, { state: 'failed', error: uploadFailure(err, file.name) });
    }
  }

  function accept(files: FileList | null) {
    if (!files) return;
    const list = multiple ? Array.from(files) : Array.from(files).slice(0, 1);
    for (const file of list) void uploadOne(file);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    accept(event.dataTransfer.files);
  }

  return (
    <div
      className={dragging ? 'upload-zone is-dragging' : 'upload-zone'}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <p className="upload-hint">Drag pictures here, or</p>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        className="visually-hidden"
        accept={ACCEPTED_IMAGE_TYPES.join(',')}
        multiple={multiple}
        onChange={(event) => {
          accept(event.target.files);
          event.target.value = '';
        }}
        tabIndex={-1}
        aria-hidden="true"
      />
      <button type="button" className="button button-primary" onClick={() => inputRef.current?.click()}>
        Upload
      </button>
      <p className="field-hint">JPEG, PNG, WebP, AVIF or GIF, up to 25 MB.</p>
      {items.length > 0 && (
        <ul className="upload-list" aria-label="Uploads">
          {items.map((item) => (
            <li key={item.key} className={`upload-item upload-${item.state}`}>
              <span className="upload-name">{item.name}</span>
              {item.state === 'uploading' && (
                <>
                  <progress max={1} value={item.progress} aria-label={`Uploading ${item.name}`} />
                  <span aria-hidden="true">{Math.round(item.progress * 100)}%</span>
                </>
              )}
              {item.state === 'done' && <span className="upload-done">Uploaded</span>}
              {item.state === 'failed' && (
                <span className="upload-error" role="alert">
                  {item.error}
                </span>
              )}
              {item.state !== 'uploading' && (
                <button type="button" className="button-link" onClick={() => setItems((list) => list.filter((i) => i.key !== item.key))}>
                  Dismiss
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
