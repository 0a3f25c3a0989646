import type { Kysely } from 'kysely';
import type { ArticleStatus, Database } from '../../src/db/index.js';
import { createIdGenerator } from '../../src/shared/ids.js';

/**
 * Writes stories straight into the tables in batches, for archives too large to make through
 * the article service (sitemap paging, the memory test, the 100,000-story benchmark). Rows
 * look like the service's: slug, section, byline, tags, hero picture, timestamps.
 */
export interface BulkStories {
  count: number;
  /** When the first story was published; each next one `stepMs` later. */
  start: Date;
  stepMs: number;
  sectionIds: string[];
  personIds: string[];
  tagIds?: string[];
  mediaIds?: string[];
  /** Status of the n-th story (default: published). */
  status?: (n: number) => ArticleStatus;
  slugPrefix?: string;
}

const BATCH = 500;

export async function insertStories(db: Kysely<Database>, input: BulkStories): Promise<void> {
  const newId = createIdGenerator();
  const prefix = input.slugPrefix ?? 'story';
  for (let offset = 0; offset < input.count; offset += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, input.count - offset) }, (_, i) => {
      const n = offset + i;
      const at = new Date(input.start.getTime() + n * input.stepMs).toISOString();
      const status = input.status?.(n) ?? 'published';
      const live = status === 'published';
      return {
        id: newId(),
        slug: `${prefix}-${n}`,
        section_id: input.sectionIds[n % input.sectionIds.length]!,
        headline: `Story number ${n} about ${['water', 'budgets', 'cricket', 'theatre', 'rockets'][n % 5]}`,
        standfirst: `The standfirst of story ${n}.`,
        body: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Body of story ${n}.` }] }] }),
        status,
        language: 'en',
        hero_media_id: input.mediaIds?.length ? input.mediaIds[n % input.mediaIds.length]! : null,
        created_at: at,
        modified_at: at,
        published_at: live ? at : null,
        first_published_at: live ? at : null,
        version: 1,
        views: 0,
      };
    });
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('articles').values(rows).execute();
      await trx
        .insertInto('article_authors')
        .values(rows.map((a, i) => ({ article_id: a.id, person_id: input.personIds[(offset + i) % input.personIds.length]!, position: 0 })))
        .execute();
      if (input.tagIds?.length) {
        const tags = input.tagIds;
        await trx.insertInto('article_tags').values(rows.map((a, i) => ({ article_id: a.id, tag_id: tags[(offset + i) % tags.length]!, position: 0 }))).execute();
      }
    });
  }
}

/** Media rows with JPEG variants (no files: sitemaps and feeds only need their paths and sizes). */
export async function insertPictures(db: Kysely<Database>, count: number): Promise<string[]> {
  const newId = createIdGenerator();
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const id = newId();
    ids.push(id);
    await db
      .insertInto('media')
      .values({
        id,
        kind: 'image',
        original_path: `o/${id}.jpg`,
        mime: 'image/jpeg',
        width: 1600,
        height: 900,
        bytes: 1000,
        sha256: id,
        alt: `Picture ${n}`,
        caption: `Caption ${n}`,
        credit: 'MNA',
        licence: '',
        source_url: null,
        show_disclaimer: 1,
        focal_x: 0.5,
        focal_y: 0.5,
        variants_state: 'ready',
        created_at: '2025-01-01T00:00:00.000Z',
        uploaded_by: null,
        claimed_by: null,
        claimed_until: null,
      })
      .execute();
    await db
      .insertInto('media_variants')
      .values([480, 960, 1600].map((width) => ({ media_id: id, purpose: 'full' as const, format: 'jpeg' as const, width, height: Math.round((width * 9) / 16), path: `v/${id}-full-${width}.jpg`, bytes: 100 })))
      .execute();
  }
  return ids;
}
