import { z } from 'zod';
import { ArticleNotFound } from '../../content/index.js';
import type { AdminDeps } from '../admin-deps.js';
import type { Actor } from '../auth-service.js';
import { Forbidden } from '../errors.js';
import { canOnArticle } from '../permissions.js';
import { route, type AdminRoute } from '../route-kit.js';
import { idSchema } from '../schemas.js';

// A fresh schema per use: one zod object shared by several routes would become a $ref the
// document does not define (shared shapes are registered in response-schemas.ts).
const suggestionSchema = () =>
  z.object({
    id: z.string(),
    kind: z.enum(['person', 'organisation', 'place', 'event', 'thing']),
    name: z.string(),
    surfaces: z.array(z.string()),
    tagId: z.string().nullable(),
    state: z.enum(['suggested', 'accepted', 'rejected']),
    mentions: z.number().int(),
  });
const Suggestions = z.object({ items: z.array(suggestionSchema()) });
const params = z.object({ id: idSchema, suggestionId: idSchema }).strict();
const storyParams = z.object({ id: idSchema }).strict();
const acceptBody = z.object({ version: z.number().int().min(1).optional() }).strict();

type Stored = z.infer<ReturnType<typeof suggestionSchema>> & { articleId?: string; nameKey?: string };
const shape = ({ id, kind, name, surfaces, tagId, state, mentions }: Stored) => ({ id, kind, name, surfaces, tagId, state, mentions });

/** Suggested tags on a story: whoever may edit the story lists, accepts and rejects them. */
export function entityRoutes(deps: AdminDeps): AdminRoute<any, any, any>[] {
  const { entities } = deps;

  async function authorize(actor: Actor, id: string): Promise<void> {
    const view = await deps.read.view(id);
    if (!view || !canOnArticle(actor, 'read', view)) throw new ArticleNotFound(id);
    if (!canOnArticle(actor, 'edit', view)) throw new Forbidden(actor.role, 'change the tags of this story');
  }

  return [
    route({
      method: 'GET',
      url: '/articles/:id/suggestions',
      operationId: 'listEntitySuggestions',
      summary: 'The suggested tags found in the story at its last save (people, organisations, places, events and things), with decisions',
      tag: 'Tags',
      response: Suggestions,
      params: storyParams,
      async handler({ actor, params: p }) {
        await authorize(actor, p.id);
        return { items: (await entities.list(p.id)).map(shape) };
      },
    }),
    route({
      method: 'POST',
      url: '/articles/:id/suggestions/:suggestionId/accept',
      operationId: 'acceptEntitySuggestion',
      summary: 'Make a suggestion a tag of its kind (aliases added) and attach it to the story',
      tag: 'Tags',
      response: suggestionSchema(),
      params,
      body: acceptBody.optional(),
      async handler({ actor, params: p, body }) {
        await authorize(actor, p.id);
        return shape(await entities.accept(p.id, p.suggestionId, { userId: actor.userId, ...(body?.version ? { expectedVersion: body.version } : {}) }));
      },
    }),
    route({
      method: 'POST',
      url: '/articles/:id/suggestions/:suggestionId/reject',
      operationId: 'rejectEntitySuggestion',
      summary: 'Reject a suggestion: never suggested for this story again',
      tag: 'Tags',
      response: suggestionSchema(),
      params,
      async handler({ actor, params: p }) {
        await authorize(actor, p.id);
        return shape(await entities.reject(p.id, p.suggestionId));
      },
    }),
  ];
}
