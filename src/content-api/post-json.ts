import { createHash } from 'node:crypto';
import { documentText, readingMinutes, renderDocument, type DocNode } from '../doc/index.js';
import { escapeHtml } from '../shared/html.js';
import { bodyImage, largestImageUrl, type AnswerContext } from './answer-context.js';
import { authorJson, tagJson } from './directory-json.js';
import type { PageRow } from './directory-repo.js';
import type { PostAuthorRow, PostRow, PostTagRow } from './post-repo.js';
import type { BodyFormat } from './query-options.js';

export interface BodyOptions {
  include: ReadonlySet<string>;
  formats: ReadonlySet<BodyFormat>;
}

/** A stored body that no longer parses is served as an empty one, as the site does. */
export function parseBody(text: string): DocNode {
  try {
    const doc = JSON.parse(text) as DocNode;
    return doc && doc.type === 'doc' && Array.isArray(doc.content) ? doc : { type: 'doc', content: [] };
  } catch {
    return { type: 'doc', content: [] };
  }
}

/** Ghost gives every post a UUID; ours is derived from the id (name-based, SHA-1, like UUIDv5), so it never changes. */
export function uuidFromId(id: string): string {
  const hex = createHash('sha1').update(`dateline:${id}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The body in the formats asked for, and what is derived from its text. */
function bodyFields(doc: DocNode, ctx: AnswerContext, options: BodyOptions) {
  const text = documentText(doc);
  return {
    html: options.formats.has('html') ? renderDocument(doc, { resolveImage: (id) => bodyImage(ctx, id) }) : undefined,
    plaintext: options.formats.has('plaintext') ? text : undefined,
    text,
    readingTime: readingMinutes(doc),
  };
}

/** The fields Ghost has and Dateline leaves empty, kept so Ghost front ends find every key they read. */
const GHOST_DEFAULTS = { codeinjection_head: null, codeinjection_foot: null, custom_template: null, canonical_url: null, access: true, comments: false, email_subject: null, frontmatter: null };

/** A published story in Ghost's post shape, with Dateline's extras (standfirst, views, credit, disclaimer, section) beside it. */
export function postJson(row: PostRow, related: { authors?: PostAuthorRow[] | undefined; tags?: PostTagRow[] | undefined }, ctx: AnswerContext, options: BodyOptions) {
  const body = bodyFields(parseBody(row.body), ctx, options);
  const hero = row.hero_media_id ? ctx.media.get(row.hero_media_id) : undefined;
  const caption = row.hero_caption || hero?.caption || '';
  const credit = hero?.credit.trim() || null;
  const image = largestImageUrl(ctx, row.hero_media_id);
  const authors = options.include.has('authors') ? (related.authors ?? []).map((a) => authorJson(a, ctx, false)) : undefined;
  const tags = options.include.has('tags') ? (related.tags ?? []).map((t) => tagJson(t, ctx, false)) : undefined;
  return {
    id: row.id,
    uuid: uuidFromId(row.id),
    title: row.headline,
    slug: row.slug,
    html: body.html,
    plaintext: body.plaintext,
    comment_id: row.id,
    feature_image: image,
    featured: false,
    visibility: 'public',
    created_at: row.created_at,
    updated_at: row.updated_at ?? row.published_at,
    published_at: row.published_at,
    custom_excerpt: row.standfirst || null,
    ...GHOST_DEFAULTS,
    ...(authors ? { authors, primary_author: authors[0] ?? null } : {}),
    ...(tags ? { tags, primary_tag: tags[0] ?? null } : {}),
    url: ctx.site.url + ctx.paths.article(row.section_slug, row.slug),
    excerpt: row.standfirst || body.text.slice(0, 500),
    reading_time: body.readingTime,
    og_image: null,
    og_title: row.seo_title,
    og_description: row.seo_description,
    twitter_image: null,
    twitter_title: row.seo_title,
    twitter_description: row.seo_description,
    meta_title: row.seo_title,
    meta_description: row.seo_description,
    feature_image_alt: hero?.alt || null,
    // Ghost's caption is HTML; ours is plain text, so it is escaped to be safe where a front end inserts it as HTML.
    feature_image_caption: caption ? escapeHtml(caption) : null,
    standfirst: row.standfirst,
    views: row.views,
    credit,
    // A replacer function: an agency credit may contain `$&`, which a replacement string would expand.
    disclaimer: hero?.showDisclaimer && credit ? ctx.site.disclaimerTemplate.replace(/\{credit\}/g, () => credit) : null,
    section: { slug: row.section_slug, name: row.section_name, url: ctx.site.url + ctx.paths.section(row.section_slug) },
    language: row.language,
  };
}

/** A static page (About, Privacy) in Ghost's page shape: the post shape, with no bylines or tags. */
export function pageJson(row: PageRow, ctx: AnswerContext, options: BodyOptions) {
  const body = bodyFields(parseBody(row.body), ctx, options);
  return {
    id: row.id,
    uuid: uuidFromId(row.id),
    title: row.title,
    slug: row.slug,
    html: body.html,
    plaintext: body.plaintext,
    comment_id: row.id,
    feature_image: null,
    featured: false,
    visibility: 'public',
    created_at: row.created_at,
    updated_at: row.updated_at,
    published_at: row.created_at,
    custom_excerpt: null,
    ...GHOST_DEFAULTS,
    ...(options.include.has('authors') ? { authors: [], primary_author: null } : {}),
    ...(options.include.has('tags') ? { tags: [], primary_tag: null } : {}),
    url: ctx.site.url + ctx.paths.page(row.slug),
    excerpt: body.text.slice(0, 500),
    reading_time: body.readingTime,
    og_image: null,
    og_title: null,
    og_description: null,
    twitter_image: null,
    twitter_title: null,
    twitter_description: null,
    meta_title: null,
    meta_description: null,
    feature_image_alt: null,
    feature_image_caption: null,
  };
}
