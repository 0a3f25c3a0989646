import { z } from 'zod';
import { ArticleNotFound } from '../../content/index.js';
import type { AdminDeps } from '../admin-deps.js';
import { canOnArticle } from '../permissions.js';
import { route, type AdminRoute } from '../route-kit.js';
import { Doc } from '../response-schemas.js';
import { idParams, idSchema, pageQuery } from '../schemas.js';
import { requireWireDesk } from './source-routes.js';
import { IncomingItem } from '../wire-schemas.js';


const incomingQuery = z
  .object({
    ...pageQuery,
    source: idSchema.optional(),
    section: z.string().max(80).optional(),
    group: idSchema.optional(),
    q: z.string().max(200).optional(),
    state: z.enum(['queued', 'taken', 'dismissed', 'expired', 'withdrawn']).optional(),
  })
  .strict();

const TakenSchema = z.object({ articleId: z.string(), status: z.string(), sectionSlug: z.string(), slug: z.string() });

const OriginSchema = z.object({
  source: z.string().nullable().describe('The agency or issuing body'),
  sourceUrl: z.string().nullable().describe("The original's address"),
  incomingId: z.string().nullable(),
  sourceName: z.string().nullable().describe('The wire source the story was taken from'),
});

/** The Incoming queue: newest first with filters, preview, Take, Dismiss; and a story's origin for the editor. */
export function incomingRoutes(deps: AdminDeps): AdminRoute<any, any, any>[] {
  const incoming = deps.wire.incoming;
  return [
    route({
      method: 'GET',
      url: '/incoming',
      operationId: 'listIncoming',
      summary: 'The Incoming queue, newest first; filter by source, section, group and text',
      tag: 'Wire',
      query: incomingQuery,
      response: z.object({ items: z.array(IncomingItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
      async handler({ actor, query }) {
        requireWireDesk(actor, 'see the Incoming queue');
        const { items, total } = await incoming.list({
          sourceId: query.source,
          sectionSlug: query.section,
          groupId: query.group,
          text: query.q,
          state: query.state,
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
        });
        return { items, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    route({
      method: 'GET',
      url: '/incoming/:id',
      operationId: 'getIncoming',
      summary: "One queued item with its text as a document (the original's markup cleaned)",
      tag: 'Wire',
      params: idParams,
      response: IncomingItem.extend({ body: Doc }),
      async handler({ actor, params }) {
        requireWireDesk(actor, 'see the Incoming queue');
        return incoming.preview(params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/incoming/:id/take',
      operationId: 'takeIncoming',
      summary: 'Make a draft of a queued item, keeping its source, credit and original link; its pictures go into the media library',
      tag: 'Wire',
      status: 201,
      params: idParams,
      response: TakenSchema,
      async handler({ actor, params }) {
        requireWireDesk(actor, 'take items from the Incoming queue');
        return incoming.take(params.id, actor.userId);
      },
    }),
    route({
      method: 'POST',
      url: '/incoming/:id/dismiss',
      operationId: 'dismissIncoming',
      summary: 'Dismiss a queued item',
      tag: 'Wire',
      status: 204,
      params: idParams,
      async handler({ actor, params }) {
        requireWireDesk(actor, 'dismiss items from the Incoming queue');
        await incoming.dismiss(params.id, actor.userId);
        return undefined;
      },
    }),
    route({
      method: 'GET',
      url: '/articles/:id/origin',
      operationId: 'getArticleOrigin',
      summary: "Where a story came from: its source and the original's address",
      tag: 'Wire',
      params: idParams,
      response: OriginSchema,
      async handler({ actor, params }) {
        // Someone else's story is "not found" to those who may not read it, as in article-routes.ts.
        const view = await deps.read.view(params.id);
        if (!view || !canOnArticle(actor, 'read', view)) throw new ArticleNotFound(params.id);
        const origin = await incoming.origin(params.id);
        if (!origin) throw new ArticleNotFound(params.id);
        return origin;
      },
    }),
  ];
}
