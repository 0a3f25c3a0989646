/**
 * Media upload through XMLHttpRequest, because fetch cannot report upload
 * progress. Multipart: the file in `file`, metadata as plain fields.
 */
import { API_BASE, ApiError } from './http.js';
import type { Media } from './types.js';

export interface UploadFields {
  alt?: string;
  caption?: string;
  credit?: string;
  sourceUrl?: string;
  licence?: string;
  showDisclaimer?: boolean;
  focalX?: number;
  focalY?: number;
}

export interface UploadOptions {
  csrfToken: string | null;
  onProgress: (fraction: number) => void;
  onUnauthorized: () => void;
  signal?: AbortSignal;
}

export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'];
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** A check before sending, so an obviously wrong file fails at once; the server still decides. */
export function uploadProblem(file: File): string | null {
  if (file.type && !ACCEPTED_IMAGE_TYPES.includes(file.type)) {
    return `${file.name} is not a JPEG, PNG, WebP, AVIF or GIF image.`;
  }
  if (file.size > MAX_UPLOAD_BYTES) return `${file.name} is larger than 25 MB.`;
  return null;
}

export function uploadMedia(file: File, fields: UploadFields, options: UploadOptions): Promise<Media> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === '') continue;
    form.append(key, String(value));
  }
  // Fields first: a streaming multipart parser sees the metadata before the file.
  form.append('file', file, file.name);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/media`);
    xhr.responseType = 'text';
    xhr.setRequestHeader('Accept', 'application/json');
    if (options.csrfToken) xhr.setRequestHeader('X-CSRF-Token', options.csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress(1);
        resolve(body as Media);
        return;
      }
      if (xhr.status === 401) options.onUnauthorized();
      reject(new ApiError(xhr.status, body ?? uploadErrorBody(xhr.status, file)));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** Proxies often answer 413 with an HTML page; give the person a sentence anyway. */
function uploadErrorBody(status: number, file: File) {
  if (status === 413) return { error: { code: 'IMAGE_TOO_LARGE', message: `${file.name} is too large (over 25 MB or too many pixels).` } };
  if (status === 415) return { error: { code: 'UNSUPPORTED_IMAGE', message: `${file.name} is not a JPEG, PNG, WebP, AVIF or GIF image.` } };
  return null;
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
