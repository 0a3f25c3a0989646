import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { Database, ShareCardTable } from '../../db/index.js';
import { compiledOnce } from '../../db/compiled-once.js';
import type { CardInputs } from './card-inputs.js';

/** A published story's card inputs as they are now. */
export interface CardSource extends Omit<CardInputs, 'siteName'> {
  articleId: string;
}

export interface StoredImage {
  ratio: string;
  path: string;
  width: number;
  height: number;
}

/** What a story's row says was last drawn. */
export interface StoredCard {
  hash: string;
  heroHash: string;
  cardPath: string | null;
  images: StoredImage[];
}

/** What `finish` records: the inputs drawn from, their hashes and the files. */
export interface FinishedCard extends StoredCard {
  inputs: CardInputs;
  renderer: string;
  madeAt: string;
}

type Joined = ExpressionBuilder<Database & { a: Database['articles']; s: Database['sections']; m: Database['media']; c: Database['share_cards'] }, 'a' | 's' | 'm' | 'c'>;

/**
 * A row whose inputs differ from the story's current ones (or no row at all). The same
 * inputs hash to the same card (card-inputs.ts), so this finds exactly the stale cards,
 * in SQL, without reading every story into the process.
 */
function outdated(eb: Joined, siteName: string, renderer: string) {
  return eb.or([
    eb('c.article_id', 'is', null),
    eb('c.headline', '!=', eb.ref('a.headline')),
    eb('c.section_name', '!=', eb.ref('s.name')),
    eb('c.language', '!=', eb.ref('a.language')),
    eb('c.site_name', '!=', siteName),
    eb('c.renderer', '!=', renderer),
    eb('c.hero_media_id', '!=', eb.fn.coalesce('m.id', sql.lit(''))),
    eb('c.hero_path', '!=', eb.fn.coalesce('m.original_path', sql.lit(''))),
    eb('c.focal_x', '!=', eb.fn.coalesce('m.focal_x', sql.lit(0.5))),
    eb('c.focal_y', '!=', eb.fn.coalesce('m.focal_y', sql.lit(0.5))),
  ]);
}

function sourceOf(row: { id: string; headline: string; section_name: string; language: string; media_id: string | null; original_path: string | null; focal_x: number | null; focal_y: number | null }): CardSource {
  return {
    articleId: row.id,
    headline: row.headline,
    sectionName: row.section_name,
    language: row.language,
    heroMediaId: row.media_id ?? '',
    heroPath: row.original_path ?? '',
    focalX: row.focal_x === null ? 0.5 : Number(row.focal_x),
    focalY: row.focal_y === null ? 0.5 : Number(row.focal_y),
  };
}

function storedOf(row: Pick<Selectable<ShareCardTable>, 'hash' | 'hero_hash' | 'card_path' | 'images'>): StoredCard {
  let images: StoredImage[] = [];
  try {
    images = JSON.parse(row.images) as StoredImage[];
  } catch {
    images = [];
  }
  return { hash: row.hash, heroHash: row.hero_hash, cardPath: row.card_path, images };
}

/**
 * Cards are drawn in the background for stories published in the last 30 days: those are the ones
 * people share. An archive's older stories fall back to their hero picture (or the site's image)
 * until they get a card. Without the window, a 100,000-story archive put hours of picture work
 * behind a migration or a new site name, and each look for stale cards walked every published
 * story (256 ms on SQLite at 100,000 stories, against 22 ms for the window's ~8,000).
 */
export const CARD_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;
/**
 * The window is searched for stale cards six hours of stories at a time, newest first: every
 * publish starts a search, and over a 100,000-story archive's month (8,200 stories, nearly all
 * with current cards) one query read them all in 60 ms on SQLite, where a query holds the
 * process and every request waits. A slice is a few milliseconds at a busy outlet's rate.
 */
export const STALE_SLICE_MS = 6 * 3_600_000;

export function createShareCardRepo(db: Kysely<Database>) {
  const joined = () =>
    db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.id', 'a.section_id')
      .leftJoin('media as m', 'm.id', 'a.hero_media_id')
      .leftJoin('share_cards as c', 'c.article_id', 'a.id')
      .select(['a.id', 'a.headline', 's.name as section_name', 'a.language', 'm.id as media_id', 'm.original_path', 'm.focal_x', 'm.focal_y']);

  // Every uncached article page asks for its story's card: compiled to SQL once (compiled-once.ts).
  const currentCard = compiledOnce(db, (articleId: string) =>
    joined().select(['c.hash', 'c.hero_hash', 'c.card_path', 'c.images']).where('a.id', '=', articleId).where('c.article_id', 'is not', null),
  );

  return {
    /**
     * Stories published in the last CARD_WINDOW_DAYS whose card is missing or stale and not
     * claimed by a live lease, newest first (a site-wide change redraws the stories people share
     * first). Stories whose hero picture is still being made wait for it rather than getting a
     * card without it.
     */
    async stale(siteName: string, renderer: string, nowIso: string, limit: number): Promise<CardSource[]> {
      const now = Date.parse(nowIso);
      const since = new Date(now - CARD_WINDOW_DAYS * DAY_MS).toISOString();
      const found: CardSource[] = [];
      // Newest slice first; the first has no upper bound (a story may carry a later time).
      for (let sliceEnd: string | null = null, sliceStart = now - STALE_SLICE_MS; found.length < limit; sliceStart -= STALE_SLICE_MS) {
        const from = sliceStart > Date.parse(since) ? new Date(sliceStart).toISOString() : since;
        let q = joined()
          .where('a.status', '=', 'published')
          .where('a.published_at', '>=', from)
          .where((eb) => eb.or([eb('m.id', 'is', null), eb('m.original_path', '!=', '')]))
          .where((eb) => eb.or([eb('c.claimed_until', 'is', null), eb('c.claimed_until', '<', nowIso)]))
          .where((eb) => outdated(eb as unknown as Joined, siteName, renderer));
        if (sliceEnd !== null) q = q.where('a.published_at', '<', sliceEnd);
        const rows = await q.orderBy('a.published_at', 'desc').limit(limit - found.length).execute();
        found.push(...rows.map(sourceOf));
        if (from === since) break;
        sliceEnd = from;
        // Let requests in between: on SQLite each query holds the process while it runs.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return found;
    },

    /**
     * Claims a story's card under a lease: one conditional UPDATE, so of several processes
     * exactly one wins. Returns what the row held before (to skip work another process just
     * finished, and to know the files a new card replaces), or null when someone else holds it.
     */
    async claim(articleId: string, claim: { token: string; nowIso: string; untilIso: string }): Promise<StoredCard | null> {
      await db.insertInto('share_cards').values({ article_id: articleId }).onConflict((oc) => oc.column('article_id').doNothing()).execute();
      const result = await db
        .updateTable('share_cards')
        .set({ claimed_by: claim.token, claimed_until: claim.untilIso })
        .where('article_id', '=', articleId)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', claim.nowIso)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return null;
      const row = await db.selectFrom('share_cards').select(['hash', 'hero_hash', 'card_path', 'images']).where('article_id', '=', articleId).executeTakeFirstOrThrow();
      return storedOf(row);
    },

    /** Records a finished card while the claim is still ours; false when it was taken over (nothing written). */
    async finish(articleId: string, token: string, card: FinishedCard): Promise<boolean> {
      const { inputs } = card;
      const result = await db
        .updateTable('share_cards')
        .set({
          headline: inputs.headline,
          section_name: inputs.sectionName,
          language: inputs.language,
          site_name: inputs.siteName,
          renderer: card.renderer,
          hero_media_id: inputs.heroMediaId,
          hero_path: inputs.heroPath,
          focal_x: inputs.focalX,
          focal_y: inputs.focalY,
          hash: card.hash,
          hero_hash: card.heroHash,
          card_path: card.cardPath,
          images: JSON.stringify(card.images),
          made_at: card.madeAt,
          claimed_by: null,
          claimed_until: null,
        })
        .where('article_id', '=', articleId)
        .where('claimed_by', '=', token)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Gives up a claim: at once (`retryIso` null), or after a failure until `retryIso`. */
    async release(articleId: string, token: string, retryIso: string | null = null): Promise<void> {
      await db.updateTable('share_cards').set({ claimed_by: null, claimed_until: retryIso }).where('article_id', '=', articleId).where('claimed_by', '=', token).execute();
    },

    /** A story's current inputs next to what its row says was drawn, for pages; null without a row. */
    async current(articleId: string): Promise<{ source: CardSource; stored: StoredCard } | null> {
      const [row] = await currentCard(articleId);
      if (!row) return null;
      return { source: sourceOf(row), stored: storedOf({ hash: row.hash ?? '', hero_hash: row.hero_hash ?? '', card_path: row.card_path, images: row.images ?? '[]' }) };
    },

    /** Every card file the rows of these stories refer to (the card and its crops). */
    async referencedPaths(articleIds: string[]): Promise<Set<string>> {
      const paths = new Set<string>();
      if (!articleIds.length) return paths;
      const rows = await db.selectFrom('share_cards').select(['card_path', 'images']).where('article_id', 'in', articleIds).execute();
      for (const row of rows) {
        const stored = storedOf({ hash: '', hero_hash: '', card_path: row.card_path, images: row.images });
        if (stored.cardPath) paths.add(stored.cardPath);
        for (const image of stored.images) paths.add(image.path);
      }
      return paths;
    },
  };
}

export type ShareCardRepo = ReturnType<typeof createShareCardRepo>;
