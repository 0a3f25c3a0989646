import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions, type ZlibOptions } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ContentCoding } from './accept-encoding.js';
import { etagMatches } from './etag-match.js';
import { assignedRequestId, withRequestId } from './request-id.js';

export type HeaderMap = Record<string, string | number>;
export type CompressedCoding = Exclude<ContentCoding, 'identity'>;
export const COMPRESSED_CODINGS: readonly CompressedCoding[] = ['br', 'gzip'];

/** One encoding of a response, with every header it is sent with made in advance. */
export interface Representation {
  body: Buffer;
  etag: string;
  headers: HeaderMap;
  /** The headers of a 304 for it: no body, so no type, length or coding (RFC 9110 §15.4.5). */
  notModified: HeaderMap;
  /** `headers` and `notModified` as flat [name, value, …] lists, made once: what `writeHead` is given. */
  head: (string | number)[];
  notModifiedHead: (string | number)[];
}

export type Representations = { identity: Representation } & Partial<Record<CompressedCoding, Representation>>;

/** Below this a compressed body saves less than its headers and round trip cost. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * How hard to compress, measured on the 29 KB long-read (2 cores, under load):
 * - `page`: a stored page, compressed once per content generation — but after a
 *   publish every page at once. Brotli 6 (0.45–0.65 ms, 8.8 KB) lands within 1 % of
 *   brotli 9, which is 20× slower; brotli 11 is 12 % smaller but takes 25 ms.
 * - `response`: a page built for one answer (page cache off), where the compression
 *   runs on every request after a render of about 0.4 ms. Brotli 1 and gzip 1 take
 *   about 0.1 ms and still make the page 64 % smaller; brotli 6 would cost more than
 *   the render and cut throughput by three quarters.
 * - `static`: files read once at start.
 */
export type Effort = 'response' | 'page' | 'static';
const BROTLI_QUALITY: Record<Effort, number> = { response: 1, page: 6, static: 11 };
const GZIP_LEVEL: Record<Effort, number> = { response: 1, page: 6, static: 9 };

const brotliAsync = promisify(brotliCompress) as (body: Buffer, options: BrotliOptions) => Promise<Buffer>;
const gzipAsync = promisify(gzip) as (body: Buffer, options: ZlibOptions) => Promise<Buffer>;

function brotliOptions(body: Buffer, effort: Effort): BrotliOptions {
  return {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY[effort],
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  };
}

function compressSync(body: Buffer, coding: CompressedCoding, effort: Effort): Buffer {
  return coding === 'br' ? brotliCompressSync(body, brotliOptions(body, effort)) : gzipSync(body, { level: GZIP_LEVEL[effort] });
}

/**
 * Off the event loop (zlib's thread pool): a page being stored then does not hold up the pages
 * being served. A one-answer compression at `response` effort is cheaper than the hop and is made
 * in place (`answerRepresentations`).
 */
function compress(body: Buffer, coding: CompressedCoding, effort: Effort): Promise<Buffer> {
  return coding === 'br' ? brotliAsync(body, brotliOptions(body, effort)) : gzipAsync(body, { level: GZIP_LEVEL[effort] });
}

/**
 * A strong entity tag from the bytes: the same page rendered twice gets the same tag. Given several
 * parts, they are hashed in order (a page with a shared part's digest in its place: site/page-bytes.ts).
 */
export function etagOf(...parts: Buffer[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return `"${hash.digest('base64url').slice(0, 22)}"`;
}

/**
 * Each encoding is a different representation and needs its own entity tag
 * (RFC 9110 §8.8.3), else a cache could answer a gzip request's revalidation
 * with brotli bytes. The suffix sits inside the quotes, so the tag stays valid.
 */
function codedEtag(etag: string, coding: ContentCoding): string {
  return coding === 'identity' ? etag : `${etag.slice(0, -1)}-${coding === 'gzip' ? 'gz' : 'br'}"`;
}

/**
 * `weak` marks bytes compressed for one answer (`answerRepresentations`): the stored set of the same
 * page, compressed harder, is other bytes, and a strong tag must name one byte sequence only
 * (RFC 9110 §8.8.1) — else a client or CDN holding the first bytes could join a range of the
 * second to them. Weak, an `If-None-Match` with either still gets its 304 (weak comparison).
 */
function representation(body: Buffer, etag: string, base: HeaderMap, coding: ContentCoding, weak = false): Representation {
  const tag = (weak ? 'W/' : '') + codedEtag(etag, coding);
  const { 'content-type': _type, ...rest } = base;
  const notModified = { ...rest, etag: tag };
  const headers: HeaderMap = { ...base, 'content-length': body.length, etag: tag };
  if (coding !== 'identity') headers['content-encoding'] = coding;
  return { body, etag: tag, headers, notModified, head: Object.entries(headers).flat(), notModifiedHead: Object.entries(notModified).flat() };
}

export interface RepresentationInput {
  body: Buffer;
  /** Every header but length, coding and ETag: type, caching, security. */
  headers: HeaderMap;
  etag?: string;
}

/** The base headers, with `Vary` wherever a compressed variant may be chosen. */
function baseHeaders(input: RepresentationInput): HeaderMap {
  return input.body.length >= COMPRESS_MIN_BYTES ? { ...input.headers, vary: 'Accept-Encoding' } : input.headers;
}

/** The identity representation and the compressed ones asked for; bodies under COMPRESS_MIN_BYTES stay as they are. Strong tags: the bytes are what is stored. */
export async function prepareRepresentations(input: RepresentationInput, codings: readonly ContentCoding[], effort: Effort): Promise<Representations> {
  const etag = input.etag ?? etagOf(input.body);
  const base = baseHeaders(input);
  const result: Representations = { identity: representation(input.body, etag, base, 'identity') };
  if (input.body.length < COMPRESS_MIN_BYTES) return result;
  const wanted = COMPRESSED_CODINGS.filter((c) => codings.includes(c));
  const bodies = await Promise.all(wanted.map((c) => compress(input.body, c, effort)));
  wanted.forEach((c, i) => (result[c] = representation(bodies[i]!, etag, base, c)));
  return result;
}

/**
 * The representations to answer one request in `coding` with, made at `response` effort, for an
 * input that also has (or will have) a stored set: a page stored on its first request keeps only
 * these until it is asked for again (page-cache.ts), and another coding is made this way meanwhile.
 */
export function answerRepresentations(input: RepresentationInput & { etag: string }, coding: ContentCoding): Representations {
  const base = baseHeaders(input);
  const result: Representations = { identity: representation(input.body, input.etag, base, 'identity') };
  if (coding !== 'identity' && input.body.length >= COMPRESS_MIN_BYTES) result[coding] = representation(compressSync(input.body, coding, 'response'), input.etag, base, coding, true);
  return result;
}

/** Every representation at once, synchronously: for files read once at start. */
export function prepareRepresentationsSync(input: RepresentationInput, effort: Effort = 'static'): Representations {
  const etag = input.etag ?? etagOf(input.body);
  const base = baseHeaders(input);
  const result: Representations = { identity: representation(input.body, etag, base, 'identity') };
  if (input.body.length < COMPRESS_MIN_BYTES) return result;
  for (const c of COMPRESSED_CODINGS) result[c] = representation(compressSync(input.body, c, effort), etag, base, c);
  return result;
}

/**
 * Writes the representation for `coding` straight to the socket, with headers made
 * in advance: nothing in Fastify's reply pipeline (serialisers, onSend hooks) has
 * work to do for these bytes, and skipping it is worth about a tenth of throughput.
 */
export function writeRepresentation(request: FastifyRequest, reply: FastifyReply, status: number, representations: Representations, coding: ContentCoding): void {
  reply.hijack();
  writeRepresentationRaw(request.raw, reply.raw, status, representations, coding);
}

/**
 * The same on node's own request and response (the page fast path, src/site/page-fast-path.ts).
 * Only a 200 may become a 304: a withdrawn story's 410 must stay a 410. Returns the status sent.
 */
export function writeRepresentationRaw(request: IncomingMessage, response: ServerResponse, status: number, representations: Representations, coding: ContentCoding, requestId = assignedRequestId(request)): number {
  const chosen = representations[coding] ?? representations.identity;
  const condition = request.headers['if-none-match'];
  if (status === 200 && condition !== undefined && etagMatches(condition, chosen.etag)) {
    response.writeHead(304, withRequestId(chosen.notModifiedHead, requestId));
    response.end();
    return 304;
  }
  response.writeHead(status, withRequestId(chosen.head, requestId));
  response.end(request.method === 'HEAD' ? undefined : chosen.body);
  return status;
}
