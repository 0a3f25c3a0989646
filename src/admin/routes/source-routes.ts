import { z } from 'zod';
import type { WireSource as StoredSource } from '../../ingest/index.js';
import { isValidSlug } from '../../shared/slug.js';
import type { AdminDeps } from '../admin-deps.js';
import type { Actor } from '../auth-service.js';
import { Forbidden } from '../errors.js';
import { atLeast } from '../permissions.js';
import { route, type AdminRoute } from '../route-kit.js';
import { idParams } from '../schemas.js';
import { WireSource } from '../wire-schemas.js';

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe('An http(s) address; it is fetched through the safe fetcher, so private addresses are refused when polled');

const sourceInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    kind: z.enum(['rss', 'ninjs', 'folder']).describe('rss: an RSS, Atom or JSON Feed address; ninjs: an HTTP endpoint of ninjs items; folder: a watched folder of ninjs, NewsML-G2 or feed files'),
    url: httpUrl.nullable().optional(),
    folder: z.string().trim().min(1).max(500).nullable().optional().describe('For folder sources: a path inside INGEST_FOLDER_ROOT'),
    intervalMinutes: z.number().int().min(1).max(1440).optional(),
    sectionSlug: z.string().max(80).refine(isValidSlug, 'not a section slug').nullable().optional(),
    credit: z.string().trim().max(120).nullable().optional().describe("The agency or issuing body: the story's source and the pictures' credit (an agency's name turns the picture disclaimer on)"),
    autoPublish: z.boolean().optional(),
    paused: z.boolean().optional(),
    keepHours: z.number().int().min(1).max(720).optional().describe('How long a queued item waits before it expires'),
  })
  .strict();

const PollReportSchema = z.object({
  sourceId: z.string(),
  ok: z.boolean(),
  notModified: z.boolean(),
  queued: z.number().int(),
  skipped: z.array(z.object({ reason: z.string(), message: z.string() })),
  reason: z.string().optional(),
  message: z.string().optional(),
});

/** The desk's wire sources are editors' and admins' work. */
export function requireWireDesk(actor: Actor, what: string): void {
  if (!atLeast(actor, 'editor') || actor.scope === 'content-read') throw new Forbidden(actor.role, what);
}

function present(source: StoredSource) {
  const { etag: _etag, lastModified: _lastModified, ...shown } = source;
  return shown;
}

/** Wire and press-release sources: list with health, add, change, pause, remove, poll now. */
export function sourceRoutes(deps: AdminDeps): AdminRoute<any, any, any>[] {
  const sources = deps.wire.sources;
  return [
    route({
      method: 'GET',
      url: '/sources',
      operationId: 'listWireSources',
      summary: 'Wire sources with their health',
      tag: 'Wire',
      response: z.array(WireSource),
      async handler({ actor }) {
        requireWireDesk(actor, 'see wire sources');
        return (await sources.list()).map(present);
      },
    }),
    route({
      method: 'GET',
      url: '/sources/:id',
      operationId: 'getWireSource',
      summary: 'One wire source with its health',
      tag: 'Wire',
      params: idParams,
      response: WireSource,
      async handler({ actor, params }) {
        requireWireDesk(actor, 'see wire sources');
        return present(await sources.get(params.id));
      },
    }),
    route({
      method: 'POST',
      url: '/sources',
      operationId: 'createWireSource',
      summary: 'Add a wire source (first poll at once)',
      tag: 'Wire',
      status: 201,
      body: sourceInput,
      response: WireSource,
      async handler({ actor, body }) {
        requireWireDesk(actor, 'add wire sources');
        return present(await sources.create(body));
      },
    }),
    route({
      method: 'PATCH',
      url: '/sources/:id',
      operationId: 'updateWireSource',
      summary: 'Change a wire source, or pause and resume it',
      tag: 'Wire',
      params: idParams,
      body: sourceInput.partial().strict(),
      response: WireSource,
      async handler({ actor, params, body }) {
        requireWireDesk(actor, 'change wire sources');
        return present(await sources.update(params.id, body));
      },
    }),
    route({
      method: 'DELETE',
      url: '/sources/:id',
      operationId: 'deleteWireSource',
      summary: 'Remove a wire source and its queued items (stories taken from it stay)',
      tag: 'Wire',
      status: 204,
      params: idParams,
      async handler({ actor, params }) {
        requireWireDesk(actor, 'remove wire sources');
        await sources.remove(params.id);
        return undefined;
      },
    }),
    route({
      method: 'POST',
      url: '/sources/:id/poll',
      operationId: 'pollWireSource',
      summary: 'Poll a wire source now and report what came in',
      tag: 'Wire',
      params: idParams,
      response: PollReportSchema,
      async handler({ actor, params }) {
        requireWireDesk(actor, 'poll wire sources');
        return sources.pollNow(params.id);
      },
    }),
  ];
}
