import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { MediaStorage } from '../../media/index.js';
import type { Clock } from '../../shared/clock.js';
import { CARD_DESIGN_VERSION, cardFilePath, cardHash, cardKey, cropKey, heroHash, type CardInputs } from './card-inputs.js';
import type { CardRenderer } from './card-renderer.js';
import type { CardSource, ShareCardRepo, StoredCard, StoredImage } from './share-card-repo.js';

/** How long a claim holds; a card takes a fraction of a second, so only a dead process lets one lapse. */
const CLAIM_LEASE_MS = 10 * 60_000;
/** After a failed drawing, the story waits this long before another try. */
const RETRY_AFTER_MS = 60 * 60_000;

/** What a page may show for a story now: its card and crops, each only when made from the story as it is. */
export interface ShareImages {
  card: { path: string; width: number; height: number } | null;
  crops: { ratio: string; path: string; width: number; height: number }[];
}

export interface ShareCardServiceDeps {
  repo: ShareCardRepo;
  /** Where card files go: the media root's `cards/` folder. */
  cards: MediaStorage;
  /** The media store, to read hero masters from. */
  media: Pick<MediaStorage, 'get' | 'location'>;
  renderer: CardRenderer;
  clock: Clock;
  log: Logger;
  siteName: () => Promise<string>;
  /** After new cards are recorded, so cached pages pick them up. */
  onCardsMade: () => Promise<void>;
}

export function createShareCardService({ repo, cards, media, renderer, clock, log, siteName, onCardsMade }: ShareCardServiceDeps) {
  function newClaim() {
    const now = clock.now().getTime();
    return { token: randomBytes(6).toString('hex'), nowIso: new Date(now).toISOString(), untilIso: new Date(now + CLAIM_LEASE_MS).toISOString() };
  }

  async function readHero(key: string): Promise<Buffer> {
    const bytes = await media.get(key);
    if (!bytes) throw new Error(`Hero master ${key} is missing from ${media.location}`);
    return bytes;
  }

  /** Draws the card and crops for one story's inputs, writing only files that do not exist yet. */
  async function draw(source: CardSource, inputs: CardInputs, before: StoredCard, written: string[]) {
    const hash = cardHash(inputs);
    const crops = heroHash(inputs);
    const master = inputs.heroPath ? await readHero(inputs.heroPath) : null;
    // Decoded once: the card and the crops are cut from the same pixels.
    const hero = master ? await renderer.prepare({ bytes: master, focal: { x: inputs.focalX, y: inputs.focalY } }) : undefined;

    let cardPath: string | null = null;
    const card = await renderer.card({ headline: inputs.headline, kicker: inputs.sectionName, siteName: inputs.siteName, lang: inputs.language || undefined }, hero);
    if (card.ok) {
      cardPath = cardKey(source.articleId, hash);
      await cards.put(cardPath, card.jpeg);
      written.push(cardPath);
    } else {
      log.info({ articleId: source.articleId, reason: card.reason }, 'no share card for this headline; pages use the picture');
    }

    // The crops depend on the picture alone: a headline change keeps them.
    let images: StoredImage[] = before.heroHash === crops ? before.images : [];
    if (hero && before.heroHash !== crops) {
      for (const crop of await renderer.crops(hero)) {
        const path = cropKey(source.articleId, crops, crop.ratio);
        await cards.put(path, crop.bytes);
        written.push(path);
        images.push({ ratio: crop.ratio, path, width: crop.width, height: crop.height });
      }
    }
    if (!hero) images = [];
    return { hash, heroHash: crops, cardPath, images };
  }

  async function removeAll(keys: Iterable<string>): Promise<void> {
    await Promise.all([...keys].map((key) => cards.remove(key).catch(() => {})));
  }

  return {
    /**
     * Draws cards for published stories whose card is missing or stale, up to `limit`. Each
     * story is claimed first, so with several processes exactly one draws it; files are named
     * by their inputs' hash, and the files a new card replaces are removed once the row points
     * at the new ones. Returns how many stories it looked at.
     */
    async processPending(limit = 4): Promise<number> {
      const name = await siteName();
      const stale = await repo.stale(name, CARD_DESIGN_VERSION, clock.now().toISOString(), limit);
      let made = 0;
      for (const source of stale) {
        const claim = newClaim();
        const before = await repo.claim(source.articleId, claim).catch(() => null);
        if (!before) continue;
        const inputs: CardInputs = { ...source, siteName: name };
        if (before.hash === cardHash(inputs) && before.heroHash === heroHash(inputs)) {
          // Another process drew it between our look and our claim.
          await repo.release(source.articleId, claim.token);
          continue;
        }
        const written: string[] = [];
        const started = Date.now();
        try {
          const drawn = await draw(source, inputs, before, written);
          const finished = await repo.finish(source.articleId, claim.token, { ...drawn, inputs, renderer: CARD_DESIGN_VERSION, madeAt: clock.now().toISOString() });
          const keep = new Set([drawn.cardPath, ...drawn.images.map((i) => i.path)]);
          if (!finished) {
            await removeAll(written.filter((key) => ![before.cardPath, ...before.images.map((i) => i.path)].includes(key)));
            continue;
          }
          await removeAll([before.cardPath, ...before.images.map((i) => i.path)].filter((key): key is string => !!key && !keep.has(key)));
          made++;
          log.debug({ articleId: source.articleId, ms: Date.now() - started }, 'share card made');
        } catch (err) {
          await removeAll(written.filter((key) => key !== before.cardPath && !before.images.some((i) => i.path === key)));
          await repo.release(source.articleId, claim.token, new Date(clock.now().getTime() + RETRY_AFTER_MS).toISOString()).catch(() => {});
          log.warn({ articleId: source.articleId, err }, 'share card failed');
        }
      }
      if (made) await onCardsMade();
      return stale.length;
    },

    /**
     * The card and crops a page may use for a story: each only when it was made from the
     * story's current headline, section, picture and site name. Until then the page falls
     * back to the hero picture or the site-wide image.
     */
    async images(articleId: string, currentSiteName: string): Promise<ShareImages> {
      const found = await repo.current(articleId);
      if (!found) return { card: null, crops: [] };
      const inputs: CardInputs = { ...found.source, siteName: currentSiteName };
      const { stored } = found;
      const cardFresh = !!stored.cardPath && stored.hash === cardHash(inputs);
      const cropsFresh = !!inputs.heroPath && stored.heroHash === heroHash(inputs);
      return {
        card: cardFresh ? { path: cardFilePath(stored.cardPath!), width: 1200, height: 630 } : null,
        crops: cropsFresh ? stored.images.map((i) => ({ ...i, path: cardFilePath(i.path) })) : [],
      };
    },
  };
}

export type ShareCardService = ReturnType<typeof createShareCardService>;
