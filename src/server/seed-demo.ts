import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { createArticleService, createDirectoryService, createSiteStateRepo } from '../content/index.js';
import type { MediaService } from '../media/index.js';
import { seedViews, type TimeKeys } from '../audience/index.js';
import { createManualClock, type Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { demoPeople, demoPictures, demoSections, demoStories, rebaseDemoBody, renderDemoPicture } from '../demo/index.js';
import { demoPages } from '../demo/index.js';
import type { ArticleService, ArticleTagger, StaticPageService } from '../content/index.js';

export interface SeedDemoDeps {
  db: Kysely<Database>;
  media: MediaService;
  staticPages: StaticPageService;
  clock: Clock;
  newId: IdGenerator;
  log: Logger;
  /** The site-local day and hour of an instant, for the seeded view history. */
  timeKeys: (ms: number) => TimeKeys;
}

const HOUR = 3_600_000;

/** Runs `work` over `items` with at most `limit` at once (sharp already uses both cores per image). */
async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

const DEMO_SOURCE = 'demo:';

/**
 * Fills an empty database with the demo newsroom: sections, people and published
 * stories placed relative to now, in one transaction (a failure leaves nothing).
 * Pictures are only reserved here — drawing and encoding 24 of them takes seconds,
 * so `fillDemoPictures` makes them in the background while the site already serves.
 * Returns the ids of the stories written.
 */
export async function seedDemo({ db, media, staticPages, clock, newId, log, timeKeys }: SeedDemoDeps): Promise<string[]> {
  const existing = await db.selectFrom('articles').select('id').limit(1).execute();
  if (existing.length) return [];
  const started = Date.now();

  const ids = await db.transaction().execute(async (trx) => {
    // Several processes starting on one empty database: the first to insert this row seeds,
    // the others wait for its transaction and then find the row there (and a newsroom that
    // deleted the demo stories is not seeded again).
    if (!(await createSiteStateRepo(trx).markOnce('demo_seeded', clock.now().toISOString()))) return [];
    const directory = createDirectoryService({ db: trx, clock, newId });
    const sections = new Map<string, string>();
    for (const s of demoSections) sections.set(s.slug, (await directory.createSection(s)).id);
    const people = new Map<string, string>();
    for (const p of demoPeople) people.set(p.slug, (await directory.createPerson(p)).id);
    // About, Contact, Editorial standards and Privacy, linked from the footer in this order.
    const pages = staticPages.withTransaction(trx);
    for (const page of demoPages) await pages.create(page, null);
    const pictures = new Map<string, string>();
    for (const picture of demoPictures) {
      const reserved = media.reserve({
        width: DEMO_PICTURE_SIZE.width,
        height: DEMO_PICTURE_SIZE.height,
        alt: picture.alt,
        caption: picture.caption,
        credit: picture.credit,
        licence: picture.licence,
        showDisclaimer: picture.agency,
        sourceUrl: DEMO_SOURCE + picture.key,
      });
      await reserved.commit(trx);
      pictures.set(picture.key, reserved.id);
    }

    const now = clock.now().getTime();
    // Oldest first, so slugs and revisions come out in the order a real newsroom would make them.
    const stories = [...demoStories].sort((a, b) => b.publishedHoursAgo - a.publishedHoursAgo);
    const written: string[] = [];
    for (const story of stories) {
      const storyClock = createManualClock(new Date(now - story.publishedHoursAgo * HOUR - 20 * 60_000));
      const articles = createArticleService({ db: trx, clock: storyClock, newId });
      const tagIds: string[] = [];
      for (const tag of story.tags) tagIds.push((await directory.ensureTag(tag.name, tag.kind)).id);
      const draft = await articles.create({
        headline: story.headline,
        standfirst: story.standfirst,
        // Quoted social posts carry absolute times; move them to just before this story.
        body: rebaseDemoBody(story.body, new Date(now)),
        sectionId: sections.get(story.section)!,
        authorIds: story.authors.map((slug) => people.get(slug)!),
        tagIds,
        heroMediaId: pictures.get(story.picture) ?? null,
        datelinePlace: story.dateline,
        source: story.source,
        language: story.language,
        ...(story.slug ? { slug: story.slug } : {}),
      });
      storyClock.advance(20 * 60_000);
      await articles.publish(draft.id);
      if (story.updatedHoursAgo !== undefined) {
        storyClock.set(new Date(now - story.updatedHoursAgo * HOUR));
        await articles.update(draft.id, { standfirst: story.standfirst });
      }
      // A total with a history behind it, so most read and the desk's charts have something to show.
      await seedViews(trx, { articleId: draft.id, total: story.views, publishedAt: now - story.publishedHoursAgo * HOUR, now, timeKeys });
      written.push(draft.id);
    }
    return written;
  });
  if (ids.length) log.info({ stories: ids.length, ms: Date.now() - started }, 'demo content created');
  return ids;
}

/**
 * Suggested tags for the demo stories, as a save in the editor would leave them, so the desk's
 * suggestions panel has something to show. Run in the background after listening: extraction
 * takes tens of milliseconds a story (more on a loaded machine), too long to make a first start
 * wait for.
 */
export async function suggestDemoTags({ storyIds, articles, tagger, db, log }: { storyIds: readonly string[]; articles: ArticleService; tagger: ArticleTagger; db: Kysely<Database>; log: Logger }): Promise<void> {
  const started = Date.now();
  for (const id of storyIds) {
    const story = await articles.get(id);
    if (story) await tagger(db, { id, headline: story.headline, standfirst: story.standfirst, body: story.body, tagIds: story.tagIds });
  }
  if (storyIds.length) log.info({ stories: storyIds.length, ms: Date.now() - started }, 'demo tag suggestions made');
}

export const DEMO_PICTURE_SIZE = { width: 1600, height: 900 } as const;

/**
 * Draws and encodes the demo pictures still awaiting their original (also after a
 * restart that interrupted it). Calls `onProgress` after each picture so page
 * caches pick it up. Returns how many it made.
 */
export async function fillDemoPictures({ media, log, onProgress }: { media: MediaService; log: Logger; onProgress: () => Promise<void> }): Promise<number> {
  const awaiting = await media.awaiting(DEMO_SOURCE);
  if (!awaiting.length) return 0;
  const started = Date.now();
  const byKey = new Map(demoPictures.map((p) => [p.key, p]));
  let made = 0;
  let announced: Promise<void> | undefined;
  await mapLimit(awaiting, 2, async (item) => {
    const picture = byKey.get((item.source_url ?? '').slice(DEMO_SOURCE.length));
    if (!picture) return;
    try {
      // Another process starting at the same time may have claimed this one: it makes it.
      if (!(await media.fill(item.id, () => renderDemoPicture(picture, DEMO_PICTURE_SIZE.width, DEMO_PICTURE_SIZE.height), { x: Number(item.focal_x), y: Number(item.focal_y) }))) return;
      made++;
      // Pages pick each picture up as it comes (at most once a second, see create-app's
      // assetsChanged); the last report is awaited below, so a caller finds them all shown.
      announced = onProgress();
      announced.catch(() => {}); // awaited below when it is the last
    } catch (err) {
      log.warn({ err, mediaId: item.id }, 'demo picture failed');
    }
  });
  await announced;
  log.info({ pictures: made, ms: Date.now() - started }, 'demo pictures made');
  return made;
}
