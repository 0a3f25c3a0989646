/**
 * Feeds and sitemaps: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site and each section,
 * author and topic; a sitemap index, monthly article sitemaps, section, author and topic
 * sitemaps and a Google News sitemap. Other folders import from here only.
 */
export { createFeedsModule } from './feeds-module.js';
export type { FeedsModule, FeedsDeps } from './feeds-module.js';
export type { FeedSettings } from './feed-builder.js';
export { feedLinks, feedPath, sitemapUrls, SITEMAP_INDEX_PATH, NEWS_SITEMAP_PATH } from './feed-paths.js';
export type { FeedLink, FeedOwner, FeedFormat } from './feed-paths.js';
export { escapeXml, cdata, xmlSafeText } from './xml.js';
