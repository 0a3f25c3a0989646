import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';
import type { Readiness } from './readiness.js';

export interface OpsRoutesDeps {
  metrics: Metrics;
  readiness: Readiness;
  /** METRICS_TOKEN: /metrics on the site port answers only requests bearing it; null: no /metrics there. */
  metricsToken: string | null;
}

const NO_STORE = 'no-store';

/** Compares a presented bearer token with the configured one in constant time (hashes first, so lengths do not leak). */
function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer ([\x21-\x7e]{1,500})$/.exec(header ?? '')?.[1];
  if (!presented) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/**
 * Operations endpoints: `/healthz` (the process answers), `/readyz` (database and Redis
 * reachable, migrations applied; 503 with Retry-After otherwise, so a load balancer sends no
 * traffic to a node that cannot serve it) and `/metrics` for Prometheus behind METRICS_TOKEN.
 */
export async function opsRoutes(app: FastifyInstance, deps: OpsRoutesDeps): Promise<void> {
  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', NO_STORE);
    return { ok: true };
  });

  app.get('/readyz', async (_request, reply) => {
    const report = await deps.readiness.check();
    reply.header('cache-control', NO_STORE);
    if (!report.ok) reply.code(503).header('retry-after', '5');
    return report;
  });

  app.get('/metrics', async (request, reply) => {
    reply.header('cache-control', NO_STORE);
    // Without a token the metrics are not on the site's port at all (METRICS_PORT may serve them).
    if (!deps.metricsToken) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'Metrics are not served on this port' } });
    if (!tokenMatches(request.headers.authorization, deps.metricsToken)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ error: { code: 'UNAUTHORIZED', message: 'Send the metrics token as "Authorization: Bearer <token>"', field: 'authorization' } });
    }
    const { contentType, body } = await deps.metrics.text();
    return reply.type(contentType).send(body);
  });
}

/**
 * METRICS_PORT: a listener of its own that answers GET /metrics (and nothing else), for a
 * scraper on a private network; the site's port then needs no token.
 */
export async function listenForMetrics(metrics: Metrics, port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Only GET /metrics is served here\n');
      return;
    }
    metrics.text().then(
      ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType, 'cache-control': NO_STORE }).end(body),
      () => response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics could not be collected\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
