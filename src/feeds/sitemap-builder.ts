import type { MediaView } from '../media/index.js';
import { laterOf, nextMonth, w3cDate } from './feed-dates.js';
import { articlePath, listingSitemapPath, monthSitemapPath, NEWS_SITEMAP_PATH } from './feed-paths.js';
import { largestJpeg, mediaUrl } from './media-urls.js';
import type { ListingKind, SitemapArticle, SitemapRepo } from './sitemap-repo.js';
import { element, escapeXml } from './xml.js';

/** What a built document says about itself besides its bytes, known once its chunks are read. */
export interface DocumentMeta {
  /** The newest time among its entries (ISO), for `Last-Modified`. */
  lastModified: string | null;
  /** When it goes stale with no content change (ms since the epoch), else null. */
  expiresAt: number | null;
}

export interface DocumentStream {
  chunks: AsyncIterable<string>;
  meta: DocumentMeta;
}

export interface SitemapDeps {
  repo: SitemapRepo;
  mediaViews: (ids: string[]) => Promise<Map<string, MediaView>>;
  siteUrl: string;
  /** URLs per sitemap file: the protocol allows 50,000; tests use fewer. */
  pageSize: number;
  /** Rows per database read: what memory holds at once. */
  batchSize: number;
}

/** The Google News sitemap covers two days and at most 1,000 stories. */
export const NEWS_WINDOW_MS = 48 * 3600_000;
export const NEWS_MAX_URLS = 1000;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `2025-06` → the stored-timestamp range of that UTC month, or null when it is not a month. */
export function monthRange(month: string): { from: string; to: string } | null {
  if (!MONTH_RE.test(month)) return null;
  // Timestamps are ISO text, so every instant of June sorts at or after "2025-06" and before "2025-07".
  return { from: month, to: nextMonth(month) };
}

/**
 * Google News takes an ISO 639 code of two or three letters, or zh-cn / zh-tw; stories store
 * BCP 47 tags (`en`, `hi`, `en-IN`, `zh-Hant-TW`).
 */
export function newsLanguage(tag: string, fallback = 'en'): string {
  const lower = tag.trim().toLowerCase();
  if (/^zh(-|$)/.test(lower)) return /^zh-(hant|tw|hk|mo)/.test(lower) ? 'zh-tw' : 'zh-cn';
  const primary = lower.split('-')[0] ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : fallback;
}

function urlEntry(loc: string, lastmod: string | null, extra = ''): string {
  return `<url><loc>${escapeXml(loc)}</loc>${element('lastmod', w3cDate(lastmod))}${extra}</url>\n`;
}

function sitemapEntry(loc: string, lastmod: string | null): string {
  return `<sitemap><loc>${escapeXml(loc)}</loc>${element('lastmod', w3cDate(lastmod))}</sitemap>\n`;
}

/** Runs `body` as the chunks of a document, noting the newest time it reports. */
function stream(open: string, close: string, body: (touch: (iso: string | null) => void) => AsyncGenerator<string>, expiresAt: number | null = null): DocumentStream {
  const meta: DocumentMeta = { lastModified: null, expiresAt };
  const touch = (iso: string | null) => void (meta.lastModified = laterOf(meta.lastModified, iso));
  async function* chunks() {
    yield XML_DECLARATION + open;
    yield* body(touch);
    yield close;
  }
  return { chunks: chunks(), meta };
}

const pages = (count: number, size: number) => Math.max(1, Math.ceil(count / size));

export function createSitemapBuilder(deps: SitemapDeps) {
  const { repo, siteUrl, pageSize, batchSize } = deps;

  /** One `<url>` per story of a batch, with its picture's largest JPEG in the image extension. */
  async function articleEntries(batch: SitemapArticle[]): Promise<string> {
    const media = await deps.mediaViews(batch.flatMap((a) => (a.heroMediaId ? [a.heroMediaId] : [])));
    let out = '';
    for (const a of batch) {
      const image = largestJpeg(a.heroMediaId ? media.get(a.heroMediaId) : undefined);
      const extra = image ? `<image:image><image:loc>${escapeXml(mediaUrl(siteUrl, image.path))}</image:loc></image:image>` : '';
      out += urlEntry(siteUrl + articlePath(a.sectionSlug, a.slug), laterOf(a.publishedAt, a.updatedAt), extra);
    }
    return out;
  }

  return {
    /**
     * The index: the section, author and topic sitemaps, the news sitemap (while it has a story) and one
     * per month with stories. It goes stale when the newest story leaves the news window.
     */
    async index(now: Date): Promise<DocumentStream> {
      const [months, authors, topics, recent] = await Promise.all([
        repo.months(),
        repo.countListing('authors'),
        repo.countListing('topics'),
        repo.recent(new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(), 1),
      ]);
      const newest = months.reduce<string | null>((latest, m) => laterOf(latest, m.lastmod), null);
      return stream(`<sitemapindex xmlns="${SITEMAP_NS}">\n`, '</sitemapindex>\n', async function* entries(touch) {
        touch(newest);
        let out = sitemapEntry(siteUrl + listingSitemapPath('sections'), newest);
        for (const [kind, count] of [['authors', authors], ['topics', topics]] as const) {
          for (let p = 1; count > 0 && p <= pages(count, pageSize); p++) out += sitemapEntry(siteUrl + listingSitemapPath(kind, p), newest);
        }
        if (recent.length) out += sitemapEntry(siteUrl + NEWS_SITEMAP_PATH, laterOf(recent[0]!.publishedAt, recent[0]!.updatedAt));
        yield out;
        out = '';
        for (const m of months) {
          for (let p = 1; p <= pages(m.count, pageSize); p++) out += sitemapEntry(siteUrl + monthSitemapPath(m.month, p), m.lastmod);
          if (out.length > 65_536) {
            yield out;
            out = '';
          }
        }
        yield out;
      }, recent.length ? Date.parse(recent[0]!.publishedAt) + NEWS_WINDOW_MS : null);
    },

    /** One month's stories (page `page` of them), or null for a month with none or a page past the end. */
    async month(month: string, page: number): Promise<DocumentStream | null> {
      const range = monthRange(month);
      if (!range) return null;
      let cursor = await repo.articleCursorAt(range.from, range.to, (page - 1) * pageSize);
      if (page > 1 && !cursor) return null;
      const first = await repo.articles(range.from, range.to, cursor, Math.min(batchSize, pageSize));
      if (first.length === 0) return null;
      return stream(`<urlset xmlns="${SITEMAP_NS}" xmlns:image="${IMAGE_NS}">\n`, '</urlset>\n', async function* entries(touch) {
        let batch = first;
        let left = pageSize;
        while (batch.length > 0) {
          for (const a of batch) touch(laterOf(a.publishedAt, a.updatedAt));
          yield await articleEntries(batch);
          left -= batch.length;
          const last = batch[batch.length - 1]!;
          cursor = { publishedAt: last.publishedAt, id: last.id };
          batch = left > 0 ? await repo.articles(range.from, range.to, cursor, Math.min(batchSize, left)) : [];
        }
      });
    },

    /** The home page and every section page. Sections always have a page, so this is never empty. */
    async sections(page: number): Promise<DocumentStream | null> {
      if (page !== 1) return null;
      const [rows, newest] = await Promise.all([repo.sections(), repo.newest()]);
      return stream(`<urlset xmlns="${SITEMAP_NS}">\n`, '</urlset>\n', async function* entries(touch) {
        touch(newest);
        let out = urlEntry(`${siteUrl}/`, newest);
        for (const s of rows.slice(0, pageSize - 1)) out += urlEntry(`${siteUrl}/${encodeURIComponent(s.slug)}`, s.lastmod);
        yield out;
      });
    },

    /** Author or topic pages (only those with a published story), in pages of `pageSize`. */
    async listing(kind: ListingKind, page: number): Promise<DocumentStream | null> {
      const count = await repo.countListing(kind);
      if (count === 0 || page > pages(count, pageSize)) return null;
      const prefix = `${siteUrl}/${kind === 'authors' ? 'author' : 'topic'}/`;
      let after = await repo.listingSlugAt(kind, (page - 1) * pageSize);
      return stream(`<urlset xmlns="${SITEMAP_NS}">\n`, '</urlset>\n', async function* entries(touch) {
        let left = pageSize;
        while (left > 0) {
          const batch = await repo.listingBatch(kind, after, Math.min(batchSize, left));
          if (batch.length === 0) return;
          let out = '';
          for (const row of batch) {
            touch(row.lastmod);
            out += urlEntry(prefix + encodeURIComponent(row.slug), row.lastmod);
          }
          yield out;
          left -= batch.length;
          after = batch[batch.length - 1]!.slug;
        }
      });
    },

    /**
     * The Google News sitemap: stories of the last 48 hours, newest first, at most 1,000. It goes
     * stale when its oldest story leaves the window, even if nothing else changes. With no recent
     * story it is an empty `<urlset>`: a crawler that was given this address gets a document, not an error.
     */
    async news(now: Date, publicationName: string, fallbackLanguage: string): Promise<DocumentStream> {
      const stories = await repo.recent(new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(), NEWS_MAX_URLS);
      const oldest = stories[stories.length - 1];
      const expiresAt = oldest ? Date.parse(oldest.publishedAt) + NEWS_WINDOW_MS : null;
      const name = escapeXml(publicationName);
      return stream(
        `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n`,
        '</urlset>\n',
        async function* entries(touch) {
          let out = '';
          for (const a of stories) {
            touch(laterOf(a.publishedAt, a.updatedAt));
            const news = `<news:news><news:publication><news:name>${name}</news:name><news:language>${newsLanguage(a.language, fallbackLanguage)}</news:language></news:publication><news:publication_date>${w3cDate(a.publishedAt)}</news:publication_date><news:title>${escapeXml(a.headline)}</news:title></news:news>`;
            out += urlEntry(siteUrl + articlePath(a.sectionSlug, a.slug), null, news);
          }
          yield out;
        },
        expiresAt,
      );
    },
  };
}

export type SitemapBuilder = ReturnType<typeof createSitemapBuilder>;
