import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Beacon, ViewCounter } from '../audience/index.js';

/** A beacon carries one short field; anything bigger is refused with 413 before it is read. */
export const BEACON_BODY_LIMIT = 4096;
/** The beacon's path; the fast path matches it too. */
export const BEACON_ID_PATTERN = '^[0-9a-z]{26}$';
const ID_SCHEMA = { type: 'object', properties: { id: { type: 'string', pattern: BEACON_ID_PATTERN } }, required: ['id'] } as const;

type Params = { Params: { id: string } };

const NOT_FOUND = { error: { code: 'ARTICLE_NOT_FOUND', message: 'No published article with that id', field: 'id' } };

function validationError(field: string, message: string) {
  return { error: { code: 'VALIDATION_FAILED', message, field } };
}

/**
 * The page's referrer, from the body the reader script sends: `{"referrer":"https://…"}` as
 * text/plain (a simple request, as sendBeacon sends it) or application/json. An empty body
 * is a view with no referrer. Returns a refusal message naming the field, or the value.
 */
function readReferrer(body: unknown): { field: string; message: string } | { referrer: string | undefined } {
  let data = body;
  if (typeof body === 'string') {
    if (!body.trim()) return { referrer: undefined };
    try {
      data = JSON.parse(body);
    } catch {
      return { field: 'body', message: 'The body is not JSON' };
    }
  }
  if (data === undefined || data === null) return { referrer: undefined };
  if (typeof data !== 'object' || Array.isArray(data)) return { field: 'body', message: 'The body must be a JSON object' };
  const referrer = (data as { referrer?: unknown }).referrer;
  if (referrer === undefined || referrer === null || referrer === '') return { referrer: undefined };
  if (typeof referrer !== 'string') return { field: 'referrer', message: 'The referrer must be a string' };
  return { referrer };
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(' ') : (value ?? '');
}

/** What a beacon is answered with, whichever way it came in (the Fastify route or the fast path). */
export interface BeaconAnswer {
  status: number;
  body: unknown;
  /** Seconds, for 429. */
  retryAfter?: number;
}

/**
 * One view beacon, from the request's parts to its answer: `{ views, counted, reason? }` with
 * the number to show, or a 4xx naming the field. Shared by the route below and the server's
 * fast path (beacon-fast-path.ts), so both answer alike.
 */
export async function answerBeacon(views: ViewCounter, request: { id: string; ip: string; headers: IncomingHttpHeaders; body: unknown }): Promise<BeaconAnswer> {
  const body = readReferrer(request.body);
  if ('field' in body) return { status: 400, body: validationError(body.field, body.message) };
  const { headers } = request;
  const beacon: Beacon = {
    articleId: request.id,
    address: request.ip,
    userAgent: header(headers, 'user-agent'),
    purpose: `${header(headers, 'sec-purpose')} ${header(headers, 'purpose')} ${header(headers, 'x-purpose')} ${header(headers, 'x-moz')}`.trim(),
    referrer: body.referrer,
  };
  const outcome = await views.ingest(beacon);
  switch (outcome.status) {
    case 'counted':
      return { status: 200, body: { views: outcome.views, counted: true } };
    case 'not-counted':
      return { status: 200, body: { views: outcome.views, counted: false, reason: outcome.reason } };
    case 'not-found':
      return { status: 404, body: NOT_FOUND };
    case 'invalid':
      return { status: 400, body: validationError(outcome.field, outcome.message) };
    case 'rate-limited':
      return { status: 429, retryAfter: outcome.retryAfter, body: { error: { code: 'RATE_LIMITED', message: `Too many view beacons from this address; try again in ${outcome.retryAfter} seconds` } } };
  }
}

/**
 * The view beacon and the number it keeps right on cached pages.
 *
 * POST /api/views/:id counts one view (once per reader per story per day; not for bots or
 * prefetches) and answers `{ views, counted, reason? }` with the number to show. GET answers
 * `{ views }`, cacheable for five seconds, for a page that only wants the number.
 */
export async function viewRoutes(app: FastifyInstance, options: { views: ViewCounter }): Promise<void> {
  const { views } = options;

  app.post<Params>('/api/views/:id', { schema: { params: ID_SCHEMA }, bodyLimit: BEACON_BODY_LIMIT }, async function viewBeacon(request, reply) {
    const answer = await answerBeacon(views, { id: request.params.id, ip: request.ip, headers: request.headers, body: request.body });
    reply.code(answer.status).header('cache-control', 'no-store');
    if (answer.retryAfter) reply.header('retry-after', String(answer.retryAfter));
    return answer.body;
  });

  app.get<Params>('/api/views/:id', { schema: { params: ID_SCHEMA } }, async function viewCount(request, reply) {
    const count = await views.current(request.params.id);
    if (count === null) return reply.code(404).header('cache-control', 'public, max-age=30').send(NOT_FOUND);
    // A CDN may keep it a few seconds: the number lags by at most that, never by the page's age.
    reply.header('cache-control', 'public, max-age=5');
    return { views: count };
  });
}
