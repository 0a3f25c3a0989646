import { parseLinks } from '../content/index.js';
import { largestImageUrl, type AnswerContext } from './answer-context.js';

/** A person as a byline or an author resource carries it (post_count only where counted). */
export interface AuthorInput {
  id: string;
  slug: string;
  name: string;
  bio: string;
  links: string;
  photo_media_id: string | null;
  post_count?: number | string;
}

export interface TagInput {
  id: string;
  slug: string;
  name: string;
  kind: string;
  post_count?: number | string;
}

/** Ghost keeps handles, not URLs: `@name` for X/Twitter, the page name for Facebook. */
function handle(url: string | undefined, prefix: string): string | null {
  if (!url) return null;
  try {
    const first = new URL(url).pathname.split('/').filter(Boolean)[0];
    return first ? prefix + first : null;
  } catch {
    return null;
  }
}

/** Ghost's author object, with Dateline's links beside it. */
export function authorJson(row: AuthorInput, ctx: AnswerContext, withCount: boolean) {
  const links = parseLinks(row.links);
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    profile_image: largestImageUrl(ctx, row.photo_media_id),
    cover_image: null,
    bio: row.bio || null,
    website: links.website ?? null,
    location: null,
    facebook: handle(links.facebook, ''),
    twitter: handle(links.x ?? links.twitter, '@'),
    meta_title: null,
    meta_description: null,
    url: ctx.site.url + ctx.paths.author(row.slug),
    links,
    ...(withCount ? { count: { posts: Number(row.post_count ?? 0) } } : {}),
  };
}

/** Ghost's tag object; every Dateline tag is public, and `kind` (topic, person, place, …) is Dateline's. */
export function tagJson(row: TagInput, ctx: AnswerContext, withCount: boolean) {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: null,
    feature_image: null,
    visibility: 'public',
    og_image: null,
    og_title: null,
    og_description: null,
    twitter_image: null,
    twitter_title: null,
    twitter_description: null,
    meta_title: null,
    meta_description: null,
    codeinjection_head: null,
    codeinjection_foot: null,
    canonical_url: null,
    accent_color: null,
    url: ctx.site.url + ctx.paths.tag(row.slug),
    kind: row.kind,
    ...(withCount ? { count: { posts: Number(row.post_count ?? 0) } } : {}),
  };
}
