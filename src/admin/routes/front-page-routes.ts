import { z } from 'zod';
import { frontPageArrangementShape, refuseRepeats } from '../../content/index.js';
import type { AdminDeps } from '../admin-deps.js';
import type { Actor } from '../auth-service.js';
import { Forbidden } from '../errors.js';
import { atLeast, can } from '../permissions.js';
import { route, type AdminRoute } from '../route-kit.js';
import { FrontPage, FrontPageStories } from '../response-schemas.js';

/** The whole arrangement, and the version it was made from (0 before the first save). */
const frontPageBody = z
  .object({ version: z.number().int().min(0).describe('The version loaded; a save on top of a newer one is refused with FRONT_PAGE_CHANGED'), ...frontPageArrangementShape })
  .strict()
  .superRefine(refuseRepeats);

const storiesQuery = z.object({ q: z.string().trim().max(200).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) }).strict();

/** Editors and admins arrange the front page; a read-only key of theirs may look at it. */
function requireRead(actor: Actor): void {
  if (!atLeast(actor, 'editor')) throw new Forbidden(actor.role, 'see the front page arrangement');
}

/** The front page: what leads, what is pinned, the breaking banner, which rails show in which order. */
export function frontPageRoutes(deps: AdminDeps): AdminRoute<any, any, any>[] {
  return [
    route({
      method: 'GET',
      url: '/front-page',
      operationId: 'getFrontPage',
      summary: 'The front page arrangement, the stories it pins and which pins are inactive',
      tag: 'Front page',
      response: FrontPage,
      async handler({ actor }) {
        requireRead(actor);
        return deps.frontPage.details();
      },
    }),
    route({
      method: 'PUT',
      url: '/front-page',
      operationId: 'saveFrontPage',
      summary: 'Replace the front page arrangement; the home page changes at once',
      tag: 'Front page',
      response: FrontPage,
      body: frontPageBody,
      async handler({ actor, body }) {
        if (!can(actor, 'front-page:write')) throw new Forbidden(actor.role, 'arrange the front page');
        const { version, ...arrangement } = body;
        const saved = await deps.frontPage.save(arrangement, { version, savedBy: actor.name });
        await deps.afterPublicChange();
        return saved;
      },
    }),
    route({
      method: 'GET',
      url: '/front-page/stories',
      operationId: 'listFrontPageCandidates',
      summary: 'Published stories to pin, newest first, searched by headline',
      tag: 'Front page',
      response: FrontPageStories,
      query: storiesQuery,
      async handler({ actor, query }) {
        requireRead(actor);
        return { items: await deps.frontPage.candidates(query.q, query.limit) };
      },
    }),
  ];
}
