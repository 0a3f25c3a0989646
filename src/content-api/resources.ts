import type { FieldAllowList } from './nql-filter.js';
import type { ResourceSpec } from './query-options.js';

/**
 * What each Content API resource lets a client filter, order, include and pick. Every name
 * here is Ghost's where Ghost has one; Dateline's own (section, language, views, kind) sit
 * beside them. Anything else in a filter is refused by name.
 */
const tagsSlug = { name: 'tags.slug', type: 'text', many: true } as const;
const authorsSlug = { name: 'authors.slug', type: 'text', many: true } as const;
const date = (name: string) => ({ name, type: 'date' }) as const;
const text = (name: string) => ({ name, type: 'text' }) as const;

export const POST_FILTER_FIELDS: FieldAllowList = {
  id: text('id'),
  slug: text('slug'),
  title: text('title'),
  published_at: date('published_at'),
  updated_at: date('updated_at'),
  created_at: date('created_at'),
  tag: tagsSlug,
  tags: tagsSlug,
  'tags.slug': tagsSlug,
  'tags.name': { name: 'tags.name', type: 'text', many: true },
  primary_tag: text('primary_tag.slug'),
  'primary_tag.slug': text('primary_tag.slug'),
  author: authorsSlug,
  authors: authorsSlug,
  'authors.slug': authorsSlug,
  'authors.name': { name: 'authors.name', type: 'text', many: true },
  primary_author: text('primary_author.slug'),
  'primary_author.slug': text('primary_author.slug'),
  section: text('section.slug'),
  'section.slug': text('section.slug'),
  language: text('language'),
  views: { name: 'views', type: 'number' },
  // Everything the Content API serves is published, public and (Dateline has no such flag) not featured.
  status: { constant: 'published' },
  visibility: { constant: 'public' },
  featured: { constant: false },
};

export const POST_FIELDS = [
  'uuid', 'title', 'slug', 'html', 'plaintext', 'comment_id', 'feature_image', 'feature_image_alt', 'feature_image_caption', 'featured', 'visibility',
  'created_at', 'updated_at', 'published_at', 'custom_excerpt', 'codeinjection_head', 'codeinjection_foot', 'custom_template', 'canonical_url',
  'url', 'excerpt', 'reading_time', 'access', 'comments', 'og_image', 'og_title', 'og_description', 'twitter_image', 'twitter_title',
  'twitter_description', 'meta_title', 'meta_description', 'email_subject', 'frontmatter',
  // Dateline's own
  'standfirst', 'views', 'credit', 'disclaimer', 'section', 'language',
] as const;

export const POSTS: ResourceSpec = {
  includes: ['authors', 'tags'],
  fields: POST_FIELDS,
  orderFields: ['published_at', 'updated_at', 'created_at', 'title', 'slug', 'id', 'views'],
  defaultOrder: [{ field: 'published_at', direction: 'desc' }],
  filterFields: POST_FILTER_FIELDS,
  formats: true,
  search: true,
};

export const PAGES: ResourceSpec = {
  includes: ['authors', 'tags'],
  fields: POST_FIELDS.filter((f) => !['standfirst', 'views', 'credit', 'disclaimer', 'section', 'language'].includes(f)),
  orderFields: ['title', 'slug', 'published_at', 'updated_at', 'created_at', 'id'],
  // The footer's order: the one editors chose.
  defaultOrder: [],
  filterFields: { id: text('id'), slug: text('slug'), title: text('title'), published_at: date('published_at'), updated_at: date('updated_at'), created_at: date('created_at'), status: { constant: 'published' }, visibility: { constant: 'public' }, featured: { constant: false } },
  formats: true,
};

const COUNT_ORDER = ['name', 'slug', 'id', 'count.posts'];

export const AUTHORS: ResourceSpec = {
  includes: ['count.posts'],
  fields: ['name', 'slug', 'profile_image', 'cover_image', 'bio', 'website', 'location', 'facebook', 'twitter', 'meta_title', 'meta_description', 'url', 'links'],
  orderFields: COUNT_ORDER,
  defaultOrder: [{ field: 'name', direction: 'asc' }],
  filterFields: { id: text('id'), slug: text('slug'), name: text('name') },
  formats: false,
};

export const TAGS: ResourceSpec = {
  includes: ['count.posts'],
  fields: ['name', 'slug', 'description', 'feature_image', 'visibility', 'og_image', 'og_title', 'og_description', 'twitter_image', 'twitter_title', 'twitter_description', 'meta_title', 'meta_description', 'codeinjection_head', 'codeinjection_foot', 'canonical_url', 'accent_color', 'url', 'kind'],
  orderFields: COUNT_ORDER,
  defaultOrder: [{ field: 'name', direction: 'asc' }],
  filterFields: { id: text('id'), slug: text('slug'), name: text('name'), kind: text('kind'), visibility: { constant: 'public' } },
  formats: false,
};

/** Tiers and settings take no filter; tiers is a list that is always empty (Dateline has no paid tiers). */
export const TIERS: ResourceSpec = { includes: ['monthly_price', 'yearly_price', 'benefits'], fields: ['name', 'slug', 'description', 'active', 'type', 'visibility'], orderFields: ['name'], defaultOrder: [], filterFields: {}, formats: false };
export const SETTINGS: ResourceSpec = { includes: [], fields: [], orderFields: [], defaultOrder: [], filterFields: {}, formats: false };
