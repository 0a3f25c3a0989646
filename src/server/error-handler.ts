import type { FastifyError, FastifyInstance } from 'fastify';
import { DatelineError } from '../shared/errors.js';
import { isDatabaseUnavailable } from '../db/database-unavailable.js';
import { errorPage, type SiteInfo } from '../site/index.js';

/**
 * One place that turns errors into answers: JSON `{ error: { code, message, field } }`
 * for the API, an HTML page for readers. Expected errors keep their status; anything
 * else is logged and answered 500 without internals. The process never goes down.
 */
export function installErrorHandler(app: FastifyInstance, site: () => SiteInfo, onDatabaseUnavailable?: () => void): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let status = 500;
    let body: { code: string; message: string; field?: string; current?: unknown; requestId?: string };
    if (err instanceof DatelineError) {
      status = err.status;
      // A busy server (IMAGE_BUSY) is worth trying again shortly; say when.
      if (status === 503) reply.header('retry-after', '5');
      const current = (err as { current?: unknown }).current;
      body = { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(current ? { current } : {}) };
    } else if (isDatabaseUnavailable(err)) {
      // The database is away (restart, network): say so and when to try again; pages already cached keep being served.
      status = 503;
      reply.header('retry-after', '5');
      request.log.warn({ err: { message: err.message, code: (err as { code?: string }).code }, url: request.url }, 'database unavailable');
      onDatabaseUnavailable?.();
      body = { code: 'DATABASE_UNAVAILABLE', message: 'The database is not reachable just now; try again in a few seconds' };
    } else if (err.validation) {
      status = 400;
      const first = err.validation[0];
      const field = (first?.instancePath?.replace(/^\//, '').replace(/\//g, '.') || (first?.params as { missingProperty?: string })?.missingProperty) ?? err.validationContext;
      body = { code: 'VALIDATION_FAILED', message: err.message, ...(field ? { field } : {}) };
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own refusals: malformed JSON, a body over the limit, an unsupported content type.
      status = err.statusCode;
      body = { code: err.code ?? 'BAD_REQUEST', message: err.message, field: 'body' };
    } else {
      request.log.error({ err, url: request.url }, 'request failed');
      body = { code: 'INTERNAL', message: 'Something went wrong on our side' };
    }
    const wantsHtml = !request.url.startsWith('/api/') && request.method === 'GET';
    if (wantsHtml) return reply.code(status).type('text/html; charset=utf-8').send(errorPage(site(), status === 503 ? 503 : status >= 500 ? 500 : status === 404 || status === 410 ? status : 400));
    // The id the answer's X-Request-Id header carries, where a person reporting the error will see it.
    return reply.code(status).send({ error: { ...body, requestId: request.id } });
  });
}
