import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/index.js';

export type Fingerprint = Record<string, string>;

/**
 * Everything a refused request must leave alone, table by table: stories and their
 * history, media, the directory, accounts, keys and settings. Bookkeeping that reads
 * also touch (session last-seen, key last-used, views) is left out.
 */
export async function fingerprint(db: Kysely<Database>): Promise<Fingerprint> {
  const tables: Record<string, Promise<unknown[]>> = {
    articles: db.selectFrom('articles').select(['id', 'version', 'status', 'headline', 'standfirst', 'body', 'section_id', 'hero_media_id', 'scheduled_at', 'published_at', 'updated_at', 'embargo_until', 'modified_at']).orderBy('id').execute(),
    article_authors: db.selectFrom('article_authors').selectAll().orderBy('article_id').orderBy('position').execute(),
    article_tags: db.selectFrom('article_tags').selectAll().orderBy('article_id').orderBy('position').execute(),
    revisions: db.selectFrom('revisions').select(['id', 'article_id', 'version']).orderBy('id').execute(),
    corrections: db.selectFrom('corrections').select(['id', 'note']).orderBy('id').execute(),
    media: db.selectFrom('media').select(['id', 'alt', 'caption', 'credit', 'source_url', 'licence', 'show_disclaimer', 'focal_x', 'focal_y', 'original_path']).orderBy('id').execute(),
    media_variants: db.selectFrom('media_variants').select(['path']).orderBy('path').execute(),
    sections: db.selectFrom('sections').select(['id', 'slug', 'name', 'description', 'position']).orderBy('id').execute(),
    people: db.selectFrom('people').select(['id', 'slug', 'name', 'bio', 'links']).orderBy('id').execute(),
    tags: db.selectFrom('tags').select(['id', 'slug', 'name', 'kind', 'aliases']).orderBy('id').execute(),
    users: db.selectFrom('users').select(['id', 'email', 'name', 'role', 'disabled', 'password_hash', 'person_id']).orderBy('id').execute(),
    sessions: db.selectFrom('sessions').select(['id', 'user_id']).orderBy('id').execute(),
    api_keys: db.selectFrom('api_keys').select(['id', 'name', 'scope', 'revoked_at']).orderBy('id').execute(),
    settings: db.selectFrom('site_state').select(['key', 'value']).where('key', 'like', 'setting:%').orderBy('key').execute(),
    static_pages: db.selectFrom('static_pages').selectAll().orderBy('id').execute(),
    account_tokens: db.selectFrom('account_tokens').select(['token_hash', 'user_id', 'purpose', 'expires_at', 'used_at']).orderBy('token_hash').execute(),
    front_page: db.selectFrom('site_state').select(['key', 'value']).where('key', '=', 'front_page').execute(),
  };
  const out: Fingerprint = {};
  for (const [name, rows] of Object.entries(tables)) out[name] = JSON.stringify(await rows);
  return out;
}

/** Fails naming the first table that changed, with a short excerpt rather than the whole database. */
export function assertUnchanged(before: Fingerprint, after: Fingerprint, message = 'a refused request changes nothing'): void {
  for (const name of Object.keys(before)) {
    if (before[name] === after[name]) continue;
    const a = before[name]!;
    const b = after[name]!;
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    assert.fail(`${message}: table ${name} changed near …${a.slice(Math.max(0, i - 80), i + 120)}… → …${b.slice(Math.max(0, i - 80), i + 120)}…`);
  }
}
