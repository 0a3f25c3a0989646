import type { Kysely } from 'kysely';
import { publishedArticleRow, type Database } from '../db/index.js';
import { seedViews, type TimeKeys } from '../audience/index.js';
import type { DirectoryService, Person, Tag } from '../content/index.js';
import { createIdGenerator } from '../shared/ids.js';
import { ARCHIVE_NAMES, createArchiveText, TOPICAL } from '../demo/archive-text.js';

const DAY = 86_400_000;
const BATCH = 500;
const SECTIONS = ['News', 'World', 'Business', 'Sport', 'Science', 'Culture'];
/** Stories this recent get hour-by-hour views (most read reads the last 7 days by the hour). */
const HOURLY_DAYS = 8;

export interface ArchiveOptions {
  db: Kysely<Database>;
  directory: DirectoryService;
  /** Stories to write, spread evenly over the year before `now`. */
  stories: number;
  now: number;
  timeKeys: (ms: number) => TimeKeys;
  seed?: number;
  onProgress?: (written: number) => void;
}

/**
 * A year of published news written straight into the tables, in batches of 500 (through the
 * article service it would take hours): six sections, 400 bylines, 100 topics, one or two
 * authors and one to three topics a story, invented text (archive-text.ts), and views — the
 * last eight days' stories hour by hour (as the view counter writes them, so most read is
 * right), older ones by day for the five days after publication, each with its total. The search
 * index is left to the search module's catch-up.
 */
export async function writeArchive(options: ArchiveOptions): Promise<{ stories: number; views: number }> {
  const { db, directory, now } = options;
  const text = createArchiveText(options.seed ?? 7);
  // Each story's id carries its own time, as it would have had it been written then: related
  // stories take a tag's newest ids as candidates (topic-repo.ts).
  let storyTime = 0;
  const newId = createIdGenerator(() => storyTime);
  const sections = await Promise.all(SECTIONS.map((name) => directory.ensureSection(name)));
  const people: Person[] = [];
  for (const name of ARCHIVE_NAMES) people.push(await directory.ensurePerson(name));
  const tags: Tag[] = [];
  for (let i = 0; i < 100; i++) tags.push(await directory.ensureTag(i < TOPICAL.length ? `${TOPICAL[i]} affairs` : `Topic ${i}`));
  const start = now - 365 * DAY;
  const step = (365 * DAY) / Math.max(1, options.stories);
  let views = 0;
  const run = Date.now().toString(36);
  for (let offset = 0; offset < options.stories; offset += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, options.stories - offset) }, (_, i) => {
      const n = offset + i;
      const published = Math.floor(start + n * step);
      storyTime = published;
      const at = new Date(published).toISOString();
      const age = (now - published) / DAY;
      // Readers go to the new: a story's views fall with its rank among the year's, with a long tail.
      const total = Math.floor((200 + text.random() * 4000) / (1 + age / 30));
      return {
        row: publishedArticleRow({ id: newId(), slug: `archive-${run}-${n}`, sectionId: sections[n % sections.length]!.id, ...text.story(), at, views: age > HOURLY_DAYS ? total : 0 }),
        published,
        total,
        authors: text.random() < 0.2 ? [text.pick(people), text.pick(people)] : [text.pick(people)],
        tags: Array.from({ length: 1 + Math.floor(text.random() * 3) }, () => text.pick(tags)),
      };
    });
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('articles').values(batch.map((b) => b.row)).execute();
      const authorRows = batch.flatMap((b) => [...new Set(b.authors)].map((p, position) => ({ article_id: b.row.id, person_id: p.id, position })));
      await trx.insertInto('article_authors').values(authorRows).execute();
      const tagRows = batch.flatMap((b) => [...new Set(b.tags)].map((t, position) => ({ article_id: b.row.id, tag_id: t.id, position })));
      await trx.insertInto('article_tags').values(tagRows).execute();
      const daily = batch
        .filter((b) => (now - b.published) / DAY > HOURLY_DAYS)
        .flatMap((b) => {
          // 60% on the day, then halving: the days add up to the total.
          const shares = [0.6, 0.2, 0.1, 0.06, 0.04].map((s) => Math.floor(b.total * s));
          shares[0]! += b.total - shares.reduce((a, c) => a + c, 0);
          return shares.map((v, d) => ({ article_id: b.row.id, day: options.timeKeys(b.published + d * DAY).day, views: v })).filter((r) => r.views > 0);
        });
      for (let i = 0; i < daily.length; i += BATCH) await trx.insertInto('article_views_daily').values(daily.slice(i, i + BATCH)).execute();
      for (const b of batch) if ((now - b.published) / DAY <= HOURLY_DAYS) await seedViews(trx, { articleId: b.row.id, total: b.total, publishedAt: b.published, now, timeKeys: options.timeKeys });
    });
    views += batch.reduce((sum, b) => sum + b.total, 0);
    options.onProgress?.(Math.min(options.stories, offset + BATCH));
  }
  return { stories: options.stories, views };
}
