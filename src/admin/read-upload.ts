import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DatelineError, ValidationError } from '../shared/errors.js';
import { ImageTooLarge } from '../media/index.js';
import { findNul } from './nul-guard.js';

export interface UploadLimits {
  maxBytes: number;
}

/**
 * Reads a multipart upload: one "file" part and up to 20 short text fields. A body that
 * is cut off or malformed (a client that went away, a hand-made request) is the sender's
 * fault and answers 400, never 500; an oversize file answers 413.
 */
export async function readUpload(request: FastifyRequest, limits: UploadLimits): Promise<{ fields: Record<string, string>; bytes: Buffer | null }> {
  // Refuse an announced oversize body before reading any of it.
  const announced = Number(request.headers['content-length'] ?? 0);
  if (announced > limits.maxBytes + 64 * 1024) throw new ImageTooLarge(`the upload limit is ${Math.round(limits.maxBytes / 1048576)} MB`);
  if (!request.isMultipart()) throw new ValidationError('file', 'Send the picture as multipart/form-data with a "file" part');
  const fields: Record<string, string> = {};
  let bytes: Buffer | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: limits.maxBytes, files: 1, fields: 20, fieldSize: 4000, parts: 25 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new ValidationError(part.fieldname, 'The picture goes in the "file" part');
        // The client's file name is never used: storage paths are made from the new id.
        bytes = await part.toBuffer();
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    if (err instanceof DatelineError) throw err;
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 413) throw new ImageTooLarge(`the upload limit is ${Math.round(limits.maxBytes / 1048576)} MB and 20 fields`);
    throw new ValidationError('file', 'The upload was cut off or is not well-formed multipart data; send it again');
  }
  const nul = findNul(fields);
  if (nul) throw new ValidationError(nul, `${nul} contains a NUL character (U+0000), which cannot be stored`);
  return { fields, bytes };
}
