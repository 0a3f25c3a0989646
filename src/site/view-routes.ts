import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Beacon, ViewCounter } from '../audience/index.js';

const ID_SCHEMA = { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9a-z]{26}$' } }, required: ['id'] } as const;
/** A beacon carries one short field; anything bigger is refused with 413 before it is read. */
const BEACON_BODY_LIMIT = 4096;

type Params = { Params: { id: string } };

function notFound(reply: FastifyReply) {
  return reply.code(404).send({ error: { code: 'ARTICLE_NOT_FOUND', message: 'No published article with that id', field: 'id' } });
}

function refuse(reply: FastifyReply, field: string, message: string) {
  return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message, field } });
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

function header(request: FastifyRequest, name: string): string {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(' ') : (value ?? '');
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
    reply.header('cache-control', 'no-store');
    const body = readReferrer(request.body);
    if ('field' in body) return refuse(reply, body.field, body.message);
    const beacon: Beacon = {
      articleId: request.params.id,
      address: request.ip,
      userAgent: header(request, 'user-agent'),
      purpose: `${header(request, 'sec-purpose')} ${header(request, 'purpose')} ${header(request, 'x-purpose')} ${header(request, 'x-moz')}`.trim(),
      referrer: body.referrer,
    };
    const outcome = await views.ingest(beacon);
    switch (outcome.status) {
      case 'counted':
        return { views: outcome.views, counted: true };
      case 'not-counted':
        return { views: outcome.views, counted: false, reason: outcome.reason };
      case 'not-found':
        return notFound(reply);
      case 'invalid':
        return refuse(reply, outcome.field, outcome.message);
      case 'rate-limited':
        return reply
          .code(429)
          .header('retry-after', String(outcome.retryAfter))
          .send({ error: { code: 'RATE_LIMITED', message: `Too many view beacons from this address; try again in ${outcome.retryAfter} seconds` } });
    }
  });

  app.get<Params>('/api/views/:id', { schema: { params: ID_SCHEMA } }, async function viewCount(request, reply) {
    const count = await views.current(request.params.id);
    if (count === null) return notFound(reply.header('cache-control', 'public, max-age=30'));
    // A CDN may keep it a few seconds: the number lags by at most that, never by the page's age.
    reply.header('cache-control', 'public, max-age=5');
    return { views: count };
  });
}
