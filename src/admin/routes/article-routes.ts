import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ArticleFields, ArticleView } from '../../content/index.js';
import { ArticleNotFound, compareRevisions, VersionConflict } from '../../content/index.js';
import { DatelineError, ValidationError } from '../../shared/errors.js';
import { pageSecurityHeaders } from '../../shared/security-headers.js';
import type { AdminDeps } from '../admin-deps.js';
import type { Actor } from '../auth-service.js';
import { articleJson } from '../article-json.js';
import { Forbidden } from '../errors.js';
import { can, canOnArticle, type ArticleAction } from '../permissions.js';
import { route, type AdminRoute } from '../route-kit.js';
import { Article, ArticleSummaryPage, Presence, RestoredArticle, RevisionComparison, Revisions } from '../response-schemas.js';
import { articleInputSchema, articlePatchSchema, idParams, idSchema, isoDate, pageQuery, versionBody } from '../schemas.js';

const listQuery = z
  .object({
    status: z.enum(['draft', 'submitted', 'scheduled', 'published', 'unpublished']).optional(),
    section: idSchema.optional(),
    author: idSchema.optional(),
    tag: idSchema.optional(),
    q: z.string().trim().max(200).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    sort: z.enum(['modifiedAt', 'publishedAt', 'headline']).default('modifiedAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    ...pageQuery,
  })
  .strict();

/** The version a write was based on: `version` in the body, else an If-Match header. */
function expectedVersion(request: FastifyRequest, body: { version?: number | undefined } | undefined): number {
  if (body?.version !== undefined) return body.version;
  const header = request.headers['if-match'];
  const match = typeof header === 'string' ? header.match(/^(?:W\/)?"?(\d{1,9})"?$/) : null;
  if (match) return Number(match[1]);
  throw new ValidationError('version', 'Send the version you edited (as "version" in the body or an If-Match header)');
}

export function articleRoutes(deps: AdminDeps): AdminRoute<any, any, any>[] {
  const { articles, read, directory } = deps;
  const { sections, people, mediaLibrary } = deps;

  async function load(id: string): Promise<ArticleView> {
    const view = await read.view(id);
    if (!view) throw new ArticleNotFound(id);
    return view;
  }

  async function authorize(actor: Actor, action: ArticleAction, id: string): Promise<ArticleView> {
    const view = await load(id);
    if (!canOnArticle(actor, action, view)) {
      // Someone else's story is "not found" to those who may not even read it: no probing of ids.
      if (!canOnArticle(actor, 'read', view)) throw new ArticleNotFound(id);
      throw new Forbidden(actor.role, `${action} this story`);
    }
    return view;
  }

  /** The story as the editor shows it: a live story's working copy over the public version. */
  async function json(actor: Actor, id: string) {
    const live = await load(id);
    const view = (await read.viewWithChanges(id)) ?? live;
    const savedById = live.workingCopy?.savedBy;
    const [savedBy] = savedById ? await deps.users.names([savedById]) : [];
    return articleJson(view, actor, { public: deps.articleUrl(live.section.slug, live.slug) }, { ownership: live, savedBy: savedBy ? { id: savedBy.id, name: savedBy.name } : null });
  }

  /** Checks references and turns API input into service fields. Unknown ids are refused by field name. */
  async function toFields(input: z.infer<typeof articlePatchSchema>): Promise<Partial<ArticleFields>> {
    const fields: Partial<ArticleFields> = {};
    if (input.sectionId !== undefined) {
      if (!(await sections.findById(input.sectionId))) throw new ValidationError('sectionId', `No section ${input.sectionId}`);
      fields.sectionId = input.sectionId;
    }
    if (input.authorIds !== undefined) {
      const unique = [...new Set(input.authorIds)];
      if ((await people.existingIds(unique)).length !== unique.length) throw new ValidationError('authorIds', 'An author id does not exist');
      fields.authorIds = unique;
    }
    if (input.heroMediaId) {
      if (!(await mediaLibrary.get(input.heroMediaId))) throw new ValidationError('heroMediaId', `No media ${input.heroMediaId}`);
    }
    if (input.tags !== undefined) {
      const ids: string[] = [];
      for (const tag of input.tags) {
        const t = await directory.ensureTag(tag.name, tag.kind ?? 'topic');
        if (!ids.includes(t.id)) ids.push(t.id);
      }
      fields.tagIds = ids;
    }
    for (const key of ['headline', 'standfirst', 'body', 'heroMediaId', 'heroCaption', 'datelinePlace', 'language', 'seoTitle', 'seoDescription', 'embargoUntil', 'slug'] as const) {
      if (input[key] !== undefined) (fields as Record<string, unknown>)[key] = input[key];
    }
    return fields;
  }

  /** Runs a write and turns a version conflict into a 409 that says who saved last. */
  async function withConflictDetail<T>(id: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof VersionConflict)) throw err;
      // The service knows a save was stale; only here do we know who the readers are, so the
      // answer names the person who saved last and carries their version for the editor app.
      const current = await load(id);
      const [by] = current.modifiedBy ? await deps.users.names([current.modifiedBy]) : [];
      const message = `${by?.name ?? 'someone else'} saved this story at ${current.modifiedAt} (now version ${current.version}); reload their version before saving`;
      throw Object.assign(new DatelineError(VersionConflict.code, message, VersionConflict.status), {
        current: { version: current.version, modifiedAt: current.modifiedAt, modifiedBy: by ? { id: by.id, name: by.name } : null },
      });
    }
  }

  function workflow(path: string, action: ArticleAction, summary: string, run: (id: string, actor: Actor, body: { version?: number; note?: string; at?: string }) => Promise<unknown>, operationId = `${path}Article`) {
    return route({
      method: 'POST',
      url: `/articles/:id/${path}`,
      operationId,
      summary,
      tag: 'Workflow',
      response: Article,
      params: idParams,
      body: path === 'schedule' ? z.object({ version: z.number().int().min(1).optional(), at: isoDate }).strict() : path === 'return' || path === 'update' ? z.object({ version: z.number().int().min(1).optional(), note: z.string().trim().max(1000).optional() }).strict() : versionBody.optional(),
      async handler({ actor, params, body, request }) {
        const view = await authorize(actor, action, params.id);
        // Update's note is a public correction: only those who may add corrections.
        if (path === 'update' && (body as { note?: string } | undefined)?.note && !canOnArticle(actor, 'correct', view)) throw new Forbidden(actor.role, 'add corrections');
        const version = expectedVersion(request, body);
        const seenByReaders = action === 'publish' || action === 'unpublish' || action === 'update';
        // The pages it was on before (an update may move it to another section or byline) and after.
        const before = seenByReaders ? await deps.pageKeysOf(params.id) : [];
        await withConflictDetail(params.id, () => run(params.id, actor, { ...body, version }));
        if (seenByReaders) await deps.afterPublicChange([...before, ...(await deps.pageKeysOf(params.id))]);
        return json(actor, params.id);
      },
    });
  }

  return [
    route({
      method: 'GET',
      url: '/articles',
      operationId: 'listArticles',
      summary: 'List stories with filters, sorting and pages',
      tag: 'Articles',
      response: ArticleSummaryPage,
      query: listQuery,
      async handler({ actor, query }) {
        const ownedBy = can(actor, 'settings:read') ? undefined : { userId: actor.userId, personId: actor.personId };
        const { items, total, totalRelation } = await deps.adminArticles.list(
          { status: query.status, sectionId: query.section, personId: query.author, tagId: query.tag, text: query.q, from: query.from, to: query.to, ownedBy },
          query.sort,
          query.order,
          query.page,
          query.pageSize,
        );
        return { items: items.map((i) => ({ ...i, url: deps.articleUrl(i.section.slug, i.slug) })), total, totalRelation, page: query.page, pageSize: query.pageSize };
      },
    }),
    route({
      method: 'POST',
      url: '/articles',
      operationId: 'createArticle',
      summary: 'Create a draft',
      tag: 'Articles',
      status: 201,
      response: Article,
      body: articleInputSchema,
      async handler({ actor, body }) {
        if (!can(actor, 'article:create')) throw new Forbidden(actor.role, 'create stories');
        const fields = await toFields(body);
        if (!fields.authorIds?.length && actor.personId) fields.authorIds = [actor.personId];
        const created = await articles.create({ body: { type: 'doc', content: [] }, ...fields } as ArticleFields, { userId: actor.userId });
        return json(actor, created.id);
      },
    }),
    route({
      method: 'GET',
      url: '/articles/:id',
      operationId: 'getArticle',
      summary: 'One story with everything the editor needs',
      tag: 'Articles',
      response: Article,
      params: idParams,
      async handler({ actor, params }) {
        await authorize(actor, 'read', params.id);
        return json(actor, params.id);
      },
    }),
    route({
      method: 'PATCH',
      url: '/articles/:id',
      operationId: 'updateArticle',
      summary: 'Save changes (optimistic concurrency: version or If-Match); on a published or scheduled story they go to its working copy, not to readers',
      tag: 'Articles',
      response: Article,
      params: idParams,
      body: articlePatchSchema,
      async handler({ actor, params, body, request }) {
        const view = await authorize(actor, 'edit', params.id);
        if (body.correction && !canOnArticle(actor, 'correct', view)) throw new Forbidden(actor.role, 'add corrections');
        const version = expectedVersion(request, body);
        const fields = await toFields(body);
        // A live story's changes wait in its working copy: nothing a reader sees changes here.
        await withConflictDetail(params.id, () => articles.edit(params.id, fields, { userId: actor.userId, expectedVersion: version, correction: body.correction, kind: body.autosave ? 'autosave' : 'save' }));
        return json(actor, params.id);
      },
    }),
    route({
      method: 'DELETE',
      url: '/articles/:id',
      operationId: 'deleteArticle',
      summary: 'Delete a story that is not published',
      tag: 'Articles',
      status: 204,
      params: idParams,
      async handler({ actor, params }) {
        await authorize(actor, 'delete', params.id);
        await articles.remove(params.id);
        return undefined;
      },
    }),
    workflow('submit', 'submit', 'Submit for review (draft → submitted)', (id, actor, b) => articles.submit(id, { userId: actor.userId, expectedVersion: b.version })),
    workflow('withdraw', 'withdraw', 'Take back a story you submitted (submitted → draft)', (id, actor, b) => articles.withdraw(id, { userId: actor.userId, expectedVersion: b.version })),
    workflow('return', 'return', 'Return to the writer (submitted or scheduled → draft)', (id, actor, b) => articles.returnToDraft(id, { userId: actor.userId, expectedVersion: b.version })),
    workflow('publish', 'publish', 'Publish now', (id, actor, b) => articles.publish(id, { userId: actor.userId, expectedVersion: b.version })),
    workflow('schedule', 'schedule', 'Schedule publication at a future time', (id, actor, b) => articles.schedule(id, new Date(b.at!), { userId: actor.userId, expectedVersion: b.version })),
    workflow('update', 'update', "Update: make a live story's saved changes public, with an optional correction note", (id, actor, b) => articles.applyChanges(id, { userId: actor.userId, expectedVersion: b.version, correction: b.note }), 'publishChanges'),
    workflow('discard', 'discard', "Discard a live story's saved changes; readers keep seeing the public version", (id, actor, b) => articles.discardChanges(id, { userId: actor.userId, expectedVersion: b.version }), 'discardChanges'),
    workflow('unpublish', 'unpublish', 'Take a published story down (its page answers 410)', (id, actor, b) => articles.unpublish(id, { userId: actor.userId, expectedVersion: b.version })),
    route({
      method: 'GET',
      url: '/articles/:id/revisions',
      operationId: 'listRevisions',
      summary: 'Every saved version, oldest first',
      tag: 'Revisions',
      response: Revisions,
      params: idParams,
      async handler({ actor, params }) {
        await authorize(actor, 'read', params.id);
        const list = await articles.revisions(params.id);
        const users = await deps.users.names(list.map((r) => r.userId).filter((u): u is string => !!u));
        return list.map((r) => ({ id: r.id, version: r.version, createdAt: r.createdAt, user: users.find((u) => u.id === r.userId) ?? null, kind: r.kind }));
      },
    }),
    route({
      method: 'GET',
      url: '/articles/:id/revisions/compare',
      operationId: 'compareRevisions',
      summary: 'Compare two versions: headline, standfirst and body as word diffs',
      tag: 'Revisions',
      response: RevisionComparison,
      params: idParams,
      query: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }).strict(),
      async handler({ actor, params, query }) {
        await authorize(actor, 'read', params.id);
        const [from, to] = await Promise.all([articles.revision(params.id, query.from), articles.revision(params.id, query.to)]);
        if (!from) throw new ValidationError('from', `No revision ${query.from}`);
        if (!to) throw new ValidationError('to', `No revision ${query.to}`);
        return { from: query.from, to: query.to, ...compareRevisions(from.snapshot as never, to.snapshot as never) };
      },
    }),
    route({
      method: 'POST',
      url: '/articles/:id/revisions/:revisionVersion/restore',
      operationId: 'restoreRevision',
      summary: 'Restore an earlier version as a new save',
      tag: 'Revisions',
      response: RestoredArticle,
      params: z.object({ id: idSchema, revisionVersion: z.coerce.number().int().min(1) }).strict(),
      body: versionBody.optional(),
      async handler({ actor, params, body, request }) {
        const view = await authorize(actor, 'edit', params.id);
        const version = expectedVersion(request, body);
        const before = view.status === 'published' ? await deps.pageKeysOf(params.id) : [];
        const { missing } = await withConflictDetail(params.id, () => articles.restore(params.id, params.revisionVersion, { userId: actor.userId, expectedVersion: version }));
        if (view.status === 'published') await deps.afterPublicChange([...before, ...(await deps.pageKeysOf(params.id))]);
        // Deleted since that version: restored without them, and the answer says which.
        return { ...(await json(actor, params.id)), restoredWithout: missing };
      },
    }),
    route({
      method: 'PUT',
      url: '/articles/:id/presence',
      operationId: 'updatePresence',
      summary: 'Heartbeat: I have this story open; returns the others who do',
      tag: 'Articles',
      response: Presence,
      params: idParams,
      async handler({ actor, params }) {
        await authorize(actor, 'read', params.id);
        return { editors: await deps.presence.beat(params.id, { id: actor.userId, name: actor.name }) };
      },
    }),
    route({
      method: 'DELETE',
      url: '/articles/:id/presence',
      operationId: 'leavePresence',
      summary: 'I closed this story',
      tag: 'Articles',
      status: 204,
      params: idParams,
      async handler({ actor, params }) {
        await deps.presence.leave(params.id, actor.userId);
        return undefined;
      },
    }),
    route({
      method: 'GET',
      url: '/articles/:id/preview',
      operationId: 'previewArticle',
      summary: 'The public page of the story as it would look now, whatever its status',
      tag: 'Articles',
      produces: 'text/html',
      params: idParams,
      async handler({ actor, params, reply }) {
        await authorize(actor, 'read', params.id);
        const view = (await read.viewWithChanges(params.id))!;
        // A draft rendered as the public page: the same strict headers, never indexed, never framed elsewhere.
        reply.headers(pageSecurityHeaders()).header('x-robots-tag', 'noindex').type('text/html; charset=utf-8');
        return reply.send(await deps.renderPreview(view));
      },
    }),
  ];
}

