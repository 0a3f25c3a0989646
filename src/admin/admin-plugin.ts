import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { escapeHtml } from '../shared/html.js';
import type { AdminDeps } from './admin-deps.js';
import { createRouteRegistry, openApiDocument } from './route-kit.js';
import { sessionRoutes } from './routes/session-routes.js';
import { articleRoutes } from './routes/article-routes.js';
import { mediaRoutes } from './routes/media-routes.js';
import { directoryRoutes } from './routes/directory-routes.js';
import { accountRoutes } from './routes/account-routes.js';
import { inviteRoutes } from './routes/invite-routes.js';
import { passwordRoutes } from './routes/password-routes.js';
import { staticPageRoutes } from './routes/static-page-routes.js';
import { frontPageRoutes } from './routes/front-page-routes.js';
import { analyticsRoutes } from './routes/analytics-routes.js';
import { entityRoutes } from './routes/entity-routes.js';
import { sourceRoutes } from './routes/source-routes.js';
import { imageSources } from '../shared/security-headers.js';
import { incomingRoutes } from './routes/incoming-routes.js';

export interface AdminPluginOptions {
  deps: AdminDeps;
  /** The built editor app (vite output); served at /admin when present. */
  appDir: string;
  version: string;
}

const adminCsp = () => `default-src 'self'; img-src ${imageSources()} blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'`;

/** The editorial desk: the admin JSON API, its OpenAPI document and the editor app. */
export async function adminPlugin(app: FastifyInstance, options: AdminPluginOptions): Promise<void> {
  const { deps } = options;
  await app.register(fastifyCookie);
  // Limits are set per request in the upload route; these are the outer bounds.
  await app.register(fastifyMultipart, { limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 20, parts: 25 } });

  const registry = createRouteRegistry(deps.auth);
  for (const spec of [...sessionRoutes(deps), ...articleRoutes(deps), ...mediaRoutes(deps), ...directoryRoutes(deps), ...staticPageRoutes(deps), ...frontPageRoutes(deps), ...analyticsRoutes(deps), ...entityRoutes(deps), ...sourceRoutes(deps), ...incomingRoutes(deps), ...accountRoutes(deps), ...inviteRoutes(deps), ...passwordRoutes(deps)]) {
    registry.register(app, spec);
  }

  let openApi: unknown;
  app.get('/api/openapi.json', async () => {
    openApi ??= openApiDocument(registry.routes(), { title: 'Dateline admin API', version: options.version, serverUrl: deps.siteUrl });
    return openApi;
  });
  app.get('/api/docs', async (_request, reply) => {
    const rows = registry
      .routes()
      .map((r) => `<tr><td><code>${r.method}</code></td><td><code>/api/admin${escapeHtml(r.url)}</code></td><td>${escapeHtml(r.tag)}</td><td>${escapeHtml(r.summary)}</td></tr>`)
      .join('');
    reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Dateline admin API</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#16181d}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}code{font-size:13px}</style></head><body><h1>Dateline admin API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1, generated from the route schemas). Sign in with <code>POST /api/admin/session</code>; cookie writes need <code>X-CSRF-Token</code>; API keys go in <code>Authorization: Bearer</code>. Errors are <code>{ "error": { "code", "message", "field" } }</code>.</p><table><thead><tr><th>Method</th><th>Path</th><th>Area</th><th>What</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
  });

  const indexFile = join(options.appDir, 'index.html');
  if (existsSync(indexFile)) {
    // The vite build writes a .br and a .gz beside each file (scripts/compress-assets.mjs);
    // `preCompressed` sends the one the browser accepts, with `Vary: Accept-Encoding`.
    await app.register(fastifyStatic, {
      root: join(options.appDir, 'assets'),
      prefix: '/admin/assets/',
      decorateReply: false,
      immutable: true,
      maxAge: '365d',
      preCompressed: true,
    });
    // The app's one page, for /admin and every client-side route under it, through the
    // same file server so it gets its compressed copies, an ETag and 304s too.
    await app.register(fastifyStatic, { root: options.appDir, serve: false, preCompressed: true, cacheControl: false });
    const sendApp = (_request: unknown, reply: import('fastify').FastifyReply) =>
      reply.header('content-security-policy', adminCsp()).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin').sendFile('index.html');
    app.get('/admin', sendApp);
    app.get('/admin/*', sendApp);
  } else {
    const missing = (_request: unknown, reply: import('fastify').FastifyReply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The editor app is not built. Run "npm install" (it builds the app) or "npm run build:admin".');
    app.get('/admin', missing);
    app.get('/admin/*', missing);
  }
}
