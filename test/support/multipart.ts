import { randomBytes } from 'node:crypto';
import type { AdminClient } from './admin-client.js';
import type { TestApp } from './test-app.js';

export interface FilePart {
  bytes: Buffer;
  /** The client's file name; the server must never use it. */
  filename?: string;
  type?: string;
  /** The form field (the API expects "file"). */
  field?: string;
}

/** A multipart/form-data body built by hand, byte for byte as a browser sends it. */
export function multipartBody(fields: Record<string, string>, file?: FilePart): { payload: Buffer; contentType: string } {
  const boundary = `----dateline${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename ?? 'photo.jpg'}"\r\nContent-Type: ${file.type ?? 'image/jpeg'}\r\n\r\n`;
    chunks.push(Buffer.from(head), file.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /api/admin/media as `client` (cookie and CSRF token), with a picture and metadata fields. */
export async function upload(app: TestApp, client: AdminClient, file: FilePart, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const { payload, contentType } = multipartBody(fields, file);
  const res = await app.app.inject({
    method: 'POST',
    url: '/api/admin/media',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': contentType, ...headers },
    payload,
  });
  let json: any = null;
  try {
    json = res.json();
  } catch {
    json = null;
  }
  return { status: res.statusCode, json, body: res.body };
}
