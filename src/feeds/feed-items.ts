import { documentMediaIds, excerpt, renderDocument, type DocNode, type ResolvedImage } from '../doc/index.js';
import type { MediaView } from '../media/index.js';
import { escapeHtml } from '../shared/html.js';
import { dayOf, laterOf } from './feed-dates.js';
import { articlePath } from './feed-paths.js';
import type { FeedRow } from './feed-repo.js';
import { largestJpeg, mediaUrl } from './media-urls.js';

/** A feed item in the terms all three formats share; each writer spells it its own way. */
export interface FeedItem {
  /** Stable for the story's life whatever its slug or section: a `tag:` URI with the article id. */
  id: string;
  url: string;
  title: string;
  /** Plain text: the standfirst, else the start of the body. */
  summary: string;
  /** The story as HTML with absolute URLs, when the site publishes full text; else null. */
  contentHtml: string | null;
  published: string;
  updated: string | null;
  language: string;
  authors: { name: string; url: string }[];
  categories: string[];
  image: FeedImage | null;
}

export interface FeedImage {
  url: string;
  type: 'image/jpeg';
  width: number;
  height: number;
  credit: string;
  caption: string;
}

export interface FeedItemOptions {
  siteUrl: string;
  fullText: boolean;
  /** The site's disclaimer sentence (`{credit}` replaced): agency pictures carry it in full text too. */
  disclaimerTemplate: string;
  mediaViews: (ids: string[]) => Promise<Map<string, MediaView>>;
}

function parseBody(json: string | null): DocNode {
  try {
    return json ? (JSON.parse(json) as DocNode) : { type: 'doc', content: [] };
  } catch {
    return { type: 'doc', content: [] };
  }
}

/** The tag URI an item keeps for life: `tag:news.example.com,2025-06-27:article/01J…`. */
export function itemId(siteUrl: string, row: Pick<FeedRow, 'id' | 'firstPublishedAt' | 'publishedAt'>): string {
  const host = new URL(siteUrl).hostname;
  return `tag:${host},${dayOf(row.firstPublishedAt ?? row.publishedAt) ?? '2000-01-01'}:article/${row.id}`;
}

/**
 * Feed readers show an item away from our site, so every URL in the HTML must be absolute:
 * pictures get absolute sources when resolved, and the renderer's site-relative links
 * (`/news/…`, `#notes`) are rewritten here. The renderer escapes attribute values, so a
 * quote inside one cannot fool the pattern.
 */
function absoluteLinks(html: string, siteUrl: string, pageUrl: string): string {
  return html.replace(/(\shref=")([/#])/g, (_m, attr: string, first: string) => attr + (first === '/' ? siteUrl + '/' : pageUrl + '#'));
}

export async function buildFeedItems(rows: FeedRow[], options: FeedItemOptions): Promise<FeedItem[]> {
  const { siteUrl, fullText } = options;
  const bodies = new Map(rows.map((r) => [r.id, parseBody(r.body)]));
  const ids = rows.flatMap((r) => [...(r.heroMediaId ? [r.heroMediaId] : []), ...(fullText ? documentMediaIds(bodies.get(r.id)!) : [])]);
  const media = await options.mediaViews(ids);

  const imageOf = (id: string | null, captionOverride: string | null): FeedImage | null => {
    const view = id ? media.get(id) : undefined;
    const jpeg = largestJpeg(view);
    if (!view || !jpeg) return null;
    return { url: mediaUrl(siteUrl, jpeg.path), type: 'image/jpeg', width: jpeg.width, height: jpeg.height, credit: view.credit, caption: captionOverride || view.caption };
  };
  const resolveImage = (id: string): ResolvedImage | null => {
    const view = media.get(id);
    const jpeg = largestJpeg(view);
    return view && jpeg ? { src: mediaUrl(siteUrl, jpeg.path), width: jpeg.width, height: jpeg.height, alt: view.alt, caption: view.caption || null, credit: view.credit || null } : null;
  };

  return rows.map((row) => {
    const url = siteUrl + articlePath(row.sectionSlug, row.slug);
    const body = bodies.get(row.id)!;
    const image = imageOf(row.heroMediaId, row.heroCaption);
    let contentHtml: string | null = null;
    if (fullText) {
      const hero = image ? heroFigure(image, media.get(row.heroMediaId!)!, options.disclaimerTemplate) : '';
      contentHtml = absoluteLinks(hero + renderDocument(body, { resolveImage }), siteUrl, url);
    }
    return {
      id: itemId(siteUrl, row),
      url,
      title: row.headline,
      summary: row.standfirst || excerpt(body, 300),
      contentHtml,
      published: row.publishedAt,
      updated: row.updatedAt && row.updatedAt !== row.publishedAt ? laterOf(row.updatedAt, row.publishedAt) : null,
      language: row.language,
      authors: row.authors.map((a) => ({ name: a.name, url: `${siteUrl}/author/${encodeURIComponent(a.slug)}` })),
      categories: [row.sectionName, ...row.tags.map((t) => t.name)],
      image,
    };
  });
}

/** The hero as the article page shows it: picture, caption, credit, and the disclaimer for agency pictures. */
function heroFigure(image: FeedImage, view: MediaView, disclaimerTemplate: string): string {
  const caption = [image.caption, image.credit].filter(Boolean).map(escapeHtml).join(' — ');
  const disclaimer = view.showDisclaimer && view.credit ? `<p>${escapeHtml(disclaimerTemplate.replace('{credit}', () => view.credit))}</p>` : '';
  return `<figure><img src="${escapeHtml(image.url)}" width="${image.width}" height="${image.height}" alt="${escapeHtml(view.alt)}">${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>${disclaimer}`;
}
