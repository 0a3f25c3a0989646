import { documentMediaIds } from '../doc/index.js';
import type { MediaView } from '../media/index.js';
import type { AnswerContext, ApiPaths, ApiSite } from './answer-context.js';
import type { DirectoryRepo } from './directory-repo.js';
import { authorJson, tagJson } from './directory-json.js';
import { GhostError } from './ghost-errors.js';
import { pageJson, parseBody, postJson } from './post-json.js';
import type { PostRepo, PostRow } from './post-repo.js';
import type { QueryOptions, ResourceSpec } from './query-options.js';
import { AUTHORS, PAGES, POSTS, SETTINGS, TAGS, TIERS } from './resources.js';
import { settingsJson } from './settings-json.js';

export const RESOURCE_SPECS = { posts: POSTS, pages: PAGES, authors: AUTHORS, tags: TAGS, tiers: TIERS, settings: SETTINGS } as const satisfies Record<string, ResourceSpec>;
export type Resource = keyof typeof RESOURCE_SPECS;
/** The resources read one at a time, by id or slug, and what Ghost calls a missing one. */
export const READABLE = { posts: 'Post', pages: 'Page', authors: 'Author', tags: 'Tag' } as const;
export type ReadableResource = keyof typeof READABLE;
export type Lookup = { id: string } | { slug: string };

export interface ContentApiServiceDeps {
  posts: PostRepo;
  directory: DirectoryRepo;
  media: { views(ids: string[]): Promise<Map<string, MediaView>> };
  site: () => Promise<ApiSite>;
  paths: ApiPaths;
}

type Json = Record<string, unknown>;

/** Ghost's `meta.pagination`; an empty list still has one page, and a page past the end is empty, not an error. */
function pagination(page: number, limit: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / limit));
  return { pagination: { page, limit, pages, total, next: page < pages ? page + 1 : null, prev: page > 1 ? page - 1 : null } };
}

/** `fields=` keeps the fields asked for (and `id`); what `include` added stays, as in Ghost. */
function pick(item: Json, options: QueryOptions): Json {
  if (!options.fields) return item;
  const keep = new Set([...options.fields, 'authors', 'primary_author', 'tags', 'primary_tag', 'count']);
  return Object.fromEntries(Object.entries(item).filter(([key]) => keep.has(key)));
}

/**
 * Builds Content API answers as plain objects: the resource's rows, the pictures they
 * show and the site's settings, shaped as Ghost shapes them. Knows nothing of HTTP;
 * the routes cache what it returns.
 */
export function createContentApiService(deps: ContentApiServiceDeps) {
  async function context(mediaIds: (string | null)[]): Promise<AnswerContext> {
    const ids = mediaIds.filter((id): id is string => !!id);
    const [site, media] = await Promise.all([deps.site(), deps.media.views(ids)]);
    return { site, paths: deps.paths, media };
  }

  async function posts(rows: PostRow[], options: QueryOptions): Promise<Json[]> {
    const ids = rows.map((r) => r.id);
    const [authors, tags] = await Promise.all([
      options.include.has('authors') ? deps.posts.authorsOf(ids) : new Map(),
      options.include.has('tags') ? deps.posts.tagsOf(ids) : new Map(),
    ]);
    const inline = options.formats.has('html') ? rows.flatMap((r) => documentMediaIds(parseBody(r.body))) : [];
    const photos = [...authors.values()].flat().map((a: { photo_media_id: string | null }) => a.photo_media_id);
    const ctx = await context([...rows.map((r) => r.hero_media_id), ...inline, ...photos]);
    return rows.map((r) => pick(postJson(r, { authors: authors.get(r.id), tags: tags.get(r.id) }, ctx, options), options));
  }

  const listQuery = (options: QueryOptions) => ({ filter: options.filter?.node ?? null, q: options.q, order: options.order, limit: options.limit, offset: (options.page - 1) * options.limit });

  async function list(resource: Exclude<Resource, 'settings'>, options: QueryOptions): Promise<{ items: Json[]; total: number }> {
    if (resource === 'tiers') return { items: [], total: 0 };
    if (resource === 'posts') {
      const { rows, total } = await deps.posts.browse(listQuery(options));
      return { items: await posts(rows, options), total };
    }
    if (resource === 'pages') {
      const { rows, total } = await deps.directory.browsePages(listQuery(options));
      const ctx = await context(options.formats.has('html') ? rows.flatMap((r) => documentMediaIds(parseBody(r.body))) : []);
      return { items: rows.map((r) => pick(pageJson(r, ctx, options), options)), total };
    }
    const counted = options.include.has('count.posts');
    if (resource === 'authors') {
      const { rows, total } = await deps.directory.browseAuthors(listQuery(options));
      const ctx = await context(rows.map((r) => r.photo_media_id));
      return { items: rows.map((r) => pick(authorJson(r, ctx, counted), options)), total };
    }
    const { rows, total } = await deps.directory.browseTags(listQuery(options));
    const ctx = await context([]);
    return { items: rows.map((r) => pick(tagJson(r, ctx, counted), options)), total };
  }

  return {
    /** A page of a resource: `{ posts: [...], meta: { pagination } }`. */
    async browse(resource: Exclude<Resource, 'settings'>, options: QueryOptions): Promise<Json> {
      const { items, total } = await list(resource, options);
      return { [resource]: items, meta: pagination(options.page, options.limit, total) };
    },

    /** One item by id or slug: `{ posts: [post] }`, or Ghost's 404 NotFoundError. */
    async read(resource: ReadableResource, by: Lookup, options: QueryOptions): Promise<Json> {
      let item: Json | null = null;
      if (resource === 'posts') {
        const row = await deps.posts.read(by);
        item = row ? (await posts([row], options))[0]! : null;
      } else if (resource === 'pages') {
        const row = await deps.directory.readPage(by);
        item = row ? pick(pageJson(row, await context(documentMediaIds(parseBody(row.body))), options), options) : null;
      } else if (resource === 'authors') {
        const row = await deps.directory.readAuthor(by);
        item = row ? pick(authorJson(row, await context([row.photo_media_id]), options.include.has('count.posts')), options) : null;
      } else {
        const row = await deps.directory.readTag(by);
        item = row ? pick(tagJson(row, await context([]), options.include.has('count.posts')), options) : null;
      }
      if (!item) throw new GhostError('NotFoundError', `${READABLE[resource]} not found.`, { context: 'id' in by ? `No published ${resource.slice(0, -1)} with the id "${by.id}".` : `No published ${resource.slice(0, -1)} with the slug "${by.slug}".` });
      return { [resource]: [item] };
    },

    async settings(): Promise<Json> {
      return { settings: settingsJson(await context([])), meta: {} };
    },
  };
}

export type ContentApiService = ReturnType<typeof createContentApiService>;

