import { z, type ZodType } from 'zod';
import { PAGE_LIMITS } from './query-options.js';
import { FILTER_LIMITS } from './nql-filter.js';
import { AUTHORS, PAGES, POSTS, TAGS } from './resources.js';
import type { ResourceSpec } from './query-options.js';

/**
 * The Content API's OpenAPI 3.1 document, from zod schemas of its answers. Built by hand
 * rather than by route-kit: these routes are Ghost's, with Ghost's parameters and envelope,
 * not the admin API's. Every field but `id` may be left out (`fields=` picks), so only `id`
 * is required; objects stay open, as Ghost adds fields between versions.
 */
const text = z.string();
const maybe = z.string().nullable();
const date = z.string().describe('ISO-8601 UTC');
const count = z.object({ posts: z.number().int() });
const some = <T extends z.ZodRawShape>(shape: T) => z.object({ id: z.string(), ...shape }).partial().required({ id: true });

const Author = some({ name: text, slug: text, profile_image: maybe, cover_image: maybe, bio: maybe, website: maybe, location: maybe, facebook: maybe, twitter: maybe, meta_title: maybe, meta_description: maybe, url: text, links: z.record(z.string(), z.string()).describe("Dateline's: network → URL"), count });
const Tag = some({
  name: text, slug: text, description: maybe, feature_image: maybe, visibility: z.literal('public'), og_image: maybe, og_title: maybe, og_description: maybe, twitter_image: maybe, twitter_title: maybe,
  twitter_description: maybe, meta_title: maybe, meta_description: maybe, codeinjection_head: maybe, codeinjection_foot: maybe, canonical_url: maybe, accent_color: maybe, url: text,
  kind: z.string().describe("Dateline's: topic, person, organisation, place, event or thing"), count,
});
const pageShape = {
  uuid: z.string().describe('Stable, derived from the id'), title: text, slug: text, html: z.string().describe('Only with formats=html (the default)'), plaintext: z.string().describe('Only with formats=plaintext'),
  comment_id: text, feature_image: maybe, feature_image_alt: maybe, feature_image_caption: maybe, featured: z.boolean(), visibility: z.literal('public'), created_at: date, updated_at: date.nullable(), published_at: date.nullable(),
  custom_excerpt: maybe, codeinjection_head: z.null(), codeinjection_foot: z.null(), custom_template: z.null(), canonical_url: z.null(), url: text, excerpt: text, reading_time: z.number().int(),
  access: z.boolean(), comments: z.boolean(), og_image: maybe, og_title: maybe, og_description: maybe, twitter_image: maybe, twitter_title: maybe, twitter_description: maybe, meta_title: maybe, meta_description: maybe,
  email_subject: z.null(), frontmatter: z.null(), authors: z.array(Author), primary_author: Author.nullable(), tags: z.array(Tag), primary_tag: Tag.nullable(),
};
const Page = some(pageShape);
const Post = some({
  ...pageShape,
  standfirst: text, views: z.number().int(), credit: maybe.describe("The hero picture's credit"), disclaimer: maybe.describe("The image disclaimer sentence when the hero picture carries one"),
  section: z.object({ slug: text, name: text, url: text }), language: text,
});
const Pagination = z.object({ pagination: z.object({ page: z.number().int(), limit: z.number().int(), pages: z.number().int(), total: z.number().int(), next: z.number().int().nullable(), prev: z.number().int().nullable() }) });
const Tier = some({ name: text, slug: text });
const navigation = z.array(z.object({ label: text, url: text }));
const off = z.boolean().describe('Always false: Dateline has no members, newsletters or paid tiers');
const Settings = z.object({
  title: text, description: text, logo: maybe, icon: maybe, accent_color: maybe, cover_image: maybe, facebook: maybe, twitter: maybe, lang: text, locale: text, timezone: text,
  codeinjection_head: z.null(), codeinjection_foot: z.null(), navigation: navigation.describe('The sections, in order'), secondary_navigation: navigation.describe("The footer's pages"),
  meta_title: maybe, meta_description: maybe, og_image: maybe, og_title: maybe, og_description: maybe, twitter_image: maybe, twitter_title: maybe, twitter_description: maybe,
  members_support_address: maybe, members_enabled: off, members_invite_only: off, members_signup_access: z.literal('none'), paid_members_enabled: off, allow_self_signup: off,
  recommendations_enabled: off, comments_enabled: z.literal('off'), url: text,
});
const GhostErrors = z.object({
  errors: z.array(z.object({ message: text, context: maybe, type: text.describe('BadRequestError, UnauthorizedError, NotFoundError, RequestNotAcceptableError, ValidationError, InternalServerError'), details: z.null(), property: maybe, help: z.null(), code: maybe, id: text, ghostErrorCode: z.null() })),
});

const COMPONENTS: Record<string, ZodType> = { Post, Page, Author, Tag, Tier, Settings, Pagination, GhostErrors };
const REF = '#/components/schemas/';

function components() {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io: 'input', uri: (id) => REF + id, unrepresentable: 'any' });
  return Object.fromEntries(Object.keys(COMPONENTS).map((id) => {
    const { $schema: _s, $id: _i, ...rest } = schemas[id] as Record<string, unknown>;
    return [id, rest];
  }));
}

const param = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
const version = { name: 'Accept-Version', in: 'header', required: false, description: 'v5.0 or v6.0 (Ghost\'s clients send it); a newer major answers 406', schema: { type: 'string', pattern: '^v\\d+(\\.\\d+)?$' } };

function queryParameters(spec: ResourceSpec, browse: boolean) {
  const list = [version, param('include', `Comma-separated: ${spec.includes.join(', ') || 'none'}`), param('fields', 'Comma-separated top-level fields to send (id always comes)')];
  if (spec.formats) list.push(param('formats', 'html (default) and/or plaintext'));
  if (!browse) return list;
  return [
    ...list,
    param('filter', `Ghost's NQL on: ${Object.keys(spec.filterFields).join(', ')}; at most ${FILTER_LIMITS.maxLength} characters`),
    ...(spec.search
      ? [param('q', 'Dateline\'s: full-text search words (the /search query language: words, "phrases", -exclusion, OR); only matching stories are listed, in the order asked for; a q with no words is a 422 naming q', { type: 'string', maxLength: 10_000 })]
      : []),
    param('limit', `1 to ${PAGE_LIMITS.maxLimit}, or "all" (also ${PAGE_LIMITS.maxLimit}); default ${PAGE_LIMITS.defaultLimit}`),
    param('page', `From 1 to ${PAGE_LIMITS.maxPage}`, { type: 'integer', minimum: 1, maximum: PAGE_LIMITS.maxPage }),
    param('order', `"field asc|desc", comma-separated; fields: ${spec.orderFields.join(', ')}`),
  ];
}

const errors = { description: "Refused, in Ghost's error envelope", content: { 'application/json': { schema: { $ref: `${REF}GhostErrors` } } } };

function operation(operationId: string, summary: string, tag: string, parameters: unknown[], answer: Record<string, unknown>) {
  return { get: { operationId, summary, tags: [tag], parameters, responses: { '200': { description: 'OK', content: { 'application/json': { schema: answer } } }, '4XX': errors, '5XX': errors } } };
}

const list = (key: string, item: string, meta = true) => ({ type: 'object', required: [key], properties: { [key]: { type: 'array', items: { $ref: REF + item } }, ...(meta ? { meta: { $ref: `${REF}Pagination` } } : {}) } });
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

/** The document for a site at `siteUrl`; paths are listed without Ghost's trailing slash, and both forms are served. */
export function contentApiDocument(siteUrl: string) {
  const base = siteUrl.replace(/\/+$/, '');
  const paths: Record<string, unknown> = {};
  const resources = [['posts', 'Post', 'Posts', POSTS], ['pages', 'Page', 'Pages', PAGES], ['authors', 'Author', 'Authors', AUTHORS], ['tags', 'Tag', 'Tags', TAGS]] as const;
  for (const [name, item, tag, spec] of resources) {
    paths[`/${name}`] = operation(`browse${tag}`, `Browse published ${name}`, tag, queryParameters(spec, true), list(name, item));
    paths[`/${name}/{id}`] = operation(`read${item}ById`, `Read one of the ${name} by id`, tag, [pathParam('id'), ...queryParameters(spec, false)], list(name, item, false));
    paths[`/${name}/slug/{slug}`] = operation(`read${item}BySlug`, `Read one of the ${name} by slug`, tag, [pathParam('slug'), ...queryParameters(spec, false)], list(name, item, false));
  }
  paths['/tiers'] = operation('browseTiers', 'Tiers: always an empty list (Dateline has no paid tiers)', 'Site', [version], list('tiers', 'Tier'));
  paths['/settings'] = operation('browseSettings', 'The site: title, logo, navigation, time zone', 'Site', [version], { type: 'object', required: ['settings'], properties: { settings: { $ref: `${REF}Settings` }, meta: { type: 'object' } } });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dateline Content API',
      version: '6.0',
      description: "Read-only JSON for published content, shaped like Ghost's Content API so Ghost clients and front ends read a Dateline site. Every request carries a content-read key as `?key=`. Errors are Ghost's `{ errors: [{ message, context, type, … }] }`. See docs/content-api.md.",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: `${base}/ghost/api/content`, description: "Ghost's path" }, { url: `${base}/api/content`, description: 'The same API beside /api/admin' }],
    security: [{ contentKey: [] }],
    tags: [
      { name: 'Posts', description: 'Published stories' },
      { name: 'Pages', description: 'Static pages (About, Contact, …)' },
      { name: 'Authors', description: 'People with at least one published story' },
      { name: 'Tags', description: 'Tags with at least one published story' },
      { name: 'Site', description: 'Settings and tiers' },
    ],
    paths,
    components: {
      securitySchemes: { contentKey: { type: 'apiKey', in: 'query', name: 'key', description: 'A content-read API key (26 hex characters) from Admin → API keys.' } },
      schemas: components(),
    },
  };
}
