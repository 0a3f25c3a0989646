import { mediaHref } from '../../shared/media-url.js';
import { z } from 'zod';
import { MediaNotFound, type MediaRecord, type MediaUse } from '../../media/index.js';
import { readUpload } from '../read-upload.js';
import { ValidationError } from '../../shared/errors.js';
import type { AdminDeps } from '../admin-deps.js';
import type { Actor } from '../auth-service.js';
import { Forbidden, MediaInUse } from '../errors.js';
import { can, canOnArticle } from '../permissions.js';
import { issueField, route, type AdminRoute } from '../route-kit.js';
import { idParams, pageQuery } from '../schemas.js';
import { MediaItem, MediaItemPage, MediaItemWithUses } from '../response-schemas.js';

const metadataSchema = z
  .object({
    alt: z.string().max(500).optional(),
    caption: z.string().max(1000).optional(),
    credit: z.string().max(200).optional(),
    sourceUrl: z.string().max(2000).refine((v) => v === '' || /^https?:\/\//i.test(v), 'must be an http(s) URL').nullable().optional(),
    licence: z.string().max(500).optional(),
    showDisclaimer: z.boolean().optional(),
    focal: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).strict().optional(),
  })
  .strict();

/** Multipart form fields arrive as strings; this reads them into the metadata shape. */
const formFieldsSchema = z
  .object({
    alt: z.string().max(500).optional(),
    caption: z.string().max(1000).optional(),
    credit: z.string().max(200).optional(),
    sourceUrl: z.string().max(2000).refine((v) => v === '' || /^https?:\/\//i.test(v), 'must be an http(s) URL').optional(),
    licence: z.string().max(500).optional(),
    showDisclaimer: z.enum(['true', 'false', 'on', '1', '0']).optional(),
    focalX: z.coerce.number().min(0).max(1).optional(),
    focalY: z.coerce.number().min(0).max(1).optional(),
  })
  .strict();

export function mediaJson(record: MediaRecord) {
  const url = (path: string | null) => (path ? mediaHref(path) : null);
  return {
    id: record.id,
    width: record.width,
    height: record.height,
    alt: record.alt,
    caption: record.caption,
    credit: record.credit,
    sourceUrl: record.sourceUrl,
    licence: record.licence,
    showDisclaimer: record.showDisclaimer,
    focal: record.focal,
    url: url(record.paths.full),
    thumbUrl: url(record.paths.thumb),
    variantsState: record.variantsState,
    createdAt: record.createdAt,
  };
}

export function mediaRoutes(deps: AdminDeps): AdminRoute<any, any, any>[] {
  const repo = deps.mediaLibrary;

  async function load(id: string): Promise<MediaRecord> {
    const record = await repo.get(id);
    if (!record) throw new MediaNotFound(id);
    return record;
  }

  function mayEdit(actor: Actor, record: MediaRecord): boolean {
    return can(actor, 'media:edit-any') || (record.uploadedBy === actor.userId && can(actor, 'media:upload'));
  }

  /** Stories readers see (or will see at a set time): changing their picture's caption or credit changes them. */
  const LIVE: ReadonlySet<string> = new Set(['published', 'scheduled']);

  /** Where-used, as far as this reader may know: others' drafts are counted, never named. */
  function visibleUses(actor: Actor, uses: MediaUse[]) {
    const visible = uses.filter((use) => canOnArticle(actor, 'read', use));
    return { usedBy: visible.map((use) => ({ id: use.id, headline: use.headline, status: use.status })), usedByOthers: uses.length - visible.length };
  }

  return [
    route({
      method: 'GET',
      url: '/media',
      operationId: 'listMedia',
      summary: 'Search the media library (alt text, caption, credit)',
      tag: 'Media',
      response: MediaItemPage,
      query: z.object({ q: z.string().max(200).optional(), ...pageQuery }).strict(),
      async handler({ query }) {
        const { items, total } = await repo.search(query.q, query.page, query.pageSize);
        return { items: items.map(mediaJson), total, page: query.page, pageSize: query.pageSize };
      },
    }),
    route({
      method: 'POST',
      url: '/media',
      operationId: 'uploadMedia',
      summary: 'Upload a picture (multipart: file plus metadata fields)',
      tag: 'Media',
      status: 201,
      response: MediaItem,
      consumes: 'multipart/form-data',
      async handler({ actor, request }) {
        if (!can(actor, 'media:upload')) throw new Forbidden(actor.role, 'upload media');
        const { fields, bytes } = await readUpload(request, { maxBytes: deps.maxUploadBytes });
        if (!bytes) throw new ValidationError('file', 'No file was sent');
        const parsed = formFieldsSchema.safeParse(fields);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new ValidationError(issueField(issue) ?? 'fields', issue.message);
        }
        const f = parsed.data;
        const prepared = await deps.media.prepare(bytes, {
          alt: f.alt ?? '',
          caption: f.caption ?? '',
          credit: f.credit ?? '',
          sourceUrl: f.sourceUrl || null,
          licence: f.licence ?? '',
          showDisclaimer: f.showDisclaimer === 'true' || f.showDisclaimer === 'on' || f.showDisclaimer === '1',
          focal: { x: f.focalX ?? 0.5, y: f.focalY ?? 0.5 },
          uploadedBy: actor.userId,
        });
        try {
          await deps.db.transaction().execute((trx) => prepared.commit(trx));
        } catch (err) {
          await prepared.discard();
          throw err;
        }
        deps.nudgeVariants();
        return mediaJson(await load(prepared.id));
      },
    }),
    route({
      method: 'GET',
      url: '/media/:id',
      operationId: 'getMedia',
      summary: 'One media item with the stories that use it',
      tag: 'Media',
      response: MediaItemWithUses,
      params: idParams,
      async handler({ actor, params }) {
        const record = await load(params.id);
        return { ...mediaJson(record), ...visibleUses(actor, await repo.usedBy(params.id)) };
      },
    }),
    route({
      method: 'PATCH',
      url: '/media/:id',
      operationId: 'updateMedia',
      summary: 'Edit alt text, caption, credit, source, licence, disclaimer switch, focal point',
      tag: 'Media',
      response: MediaItem,
      params: idParams,
      body: metadataSchema,
      async handler({ actor, params, body }) {
        const record = await load(params.id);
        if (!mayEdit(actor, record)) throw new Forbidden(actor.role, "edit someone else's media");
        const uses = await repo.usedBy(params.id);
        // Caption, credit and disclaimer show on every story using the picture: on a live story that
        // is an edit of the story, so it needs the right to edit each one (no review bypass).
        if (uses.some((use) => LIVE.has(use.status) && !canOnArticle(actor, 'edit', use))) throw new Forbidden(actor.role, 'change a picture that a published story you may not edit uses');
        await repo.update(params.id, { ...body, sourceUrl: body.sourceUrl === '' ? null : body.sourceUrl });
        // The focal point decides the thumbnail crop: a new one means new thumbnails.
        if (body.focal && (body.focal.x !== record.focal.x || body.focal.y !== record.focal.y)) await deps.media.recropThumbnails(params.id);
        if (uses.some((use) => use.status === 'published')) await deps.afterPublicChange();
        return mediaJson(await load(params.id));
      },
    }),
    route({
      method: 'DELETE',
      url: '/media/:id',
      operationId: 'deleteMedia',
      summary: 'Delete a picture no story uses',
      tag: 'Media',
      status: 204,
      params: idParams,
      async handler({ actor, params }) {
        if (!can(actor, 'media:delete')) throw new Forbidden(actor.role, 'delete media');
        await load(params.id);
        const usedBy = (await repo.usedBy(params.id)).map((use) => ({ id: use.id, headline: use.headline, status: use.status }));
        if (usedBy.length) {
          const err = Object.assign(new MediaInUse(String(usedBy.length)), { current: { usedBy } });
          throw err;
        }
        await deps.media.remove(params.id);
        return undefined;
      },
    }),
  ];
}
