import { z } from 'zod';
import type { StaticPageSummary as StoredSummary } from '../../content/index.js';
import { docSchema } from '../../doc/index.js';
import { isValidSlug, slugify } from '../../shared/slug.js';
import type { AdminDeps } from '../admin-deps.js';
import type { Actor } from '../auth-service.js';
import { Forbidden } from '../errors.js';
import { can } from '../permissions.js';
import { route, type AdminRoute } from '../route-kit.js';
import { idParams } from '../schemas.js';
import { StaticPage, StaticPages } from '../response-schemas.js';

/** The page's address: what slugify would make, so `/About` and `/about` can never be two pages. */
const pageSlug = z
  .string()
  .max(96)
  .refine((slug) => isValidSlug(slug) && slugify(slug) === slug, 'lower-case letters, digits and single hyphens only');

const pageInput = z
  .object({
    title: z.string().trim().min(1).max(120),
    slug: pageSlug.optional(),
    body: docSchema.optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    inFooter: z.boolean().optional(),
  })
  .strict();

function requirePagesWrite(actor: Actor): void {
  if (!can(actor, 'pages:write')) throw new Forbidden(actor.role, 'change static pages');
}

/** Static pages: everyone signed in reads them, editors and admins write; every write refreshes the site's pages. */
export function staticPageRoutes(deps: AdminDeps): AdminRoute<any, any, any>[] {
  const pages = deps.staticPages;
  const withUrl = <T extends StoredSummary>(page: T) => ({ ...page, url: `${deps.siteUrl}/${encodeURIComponent(page.slug)}` });

  return [
    route({
      method: 'GET',
      url: '/pages',
      operationId: 'listStaticPages',
      summary: 'All static pages in footer order',
      tag: 'Pages',
      response: StaticPages,
      handler: async () => (await pages.list()).map(withUrl),
    }),
    route({
      method: 'GET',
      url: '/pages/:id',
      operationId: 'getStaticPage',
      summary: 'One static page with its body',
      tag: 'Pages',
      response: StaticPage,
      params: idParams,
      handler: async ({ params }) => withUrl(await pages.get(params.id)),
    }),
    route({
      method: 'POST',
      url: '/pages',
      operationId: 'createStaticPage',
      summary: 'Create a static page',
      tag: 'Pages',
      status: 201,
      response: StaticPage,
      body: pageInput,
      async handler({ actor, body }) {
        requirePagesWrite(actor);
        const page = await pages.create(body, actor.userId);
        await deps.afterPublicChange();
        return withUrl(page);
      },
    }),
    route({
      method: 'PATCH',
      url: '/pages/:id',
      operationId: 'updateStaticPage',
      summary: 'Change a static page: title, address, body, footer link or order',
      tag: 'Pages',
      response: StaticPage,
      params: idParams,
      body: pageInput.partial().strict(),
      async handler({ actor, params, body }) {
        requirePagesWrite(actor);
        const page = await pages.update(params.id, body, actor.userId);
        await deps.afterPublicChange();
        return withUrl(page);
      },
    }),
    route({
      method: 'DELETE',
      url: '/pages/:id',
      operationId: 'deleteStaticPage',
      summary: 'Delete a static page (its address then answers 404)',
      tag: 'Pages',
      status: 204,
      params: idParams,
      async handler({ actor, params }) {
        requirePagesWrite(actor);
        await pages.remove(params.id);
        await deps.afterPublicChange();
        return undefined;
      },
    }),
  ];
}
