import type { ArticleView } from '../content/index.js';
import type { Actor } from './auth-service.js';
import { articlePermissions } from './permissions.js';

/**
 * The API's Article shape (docs/admin-api.md) from the domain view. For a live story with
 * a working copy, `view` is the copy laid over the public version (what the editor edits),
 * `ownership` the public version (who may act on it), and `pendingChanges` says so.
 */
export function articleJson(view: ArticleView, actor: Actor, urls: { public: string }, extra: { ownership?: ArticleView; savedBy?: { id: string; name: string } | null } = {}) {
  return {
    id: view.id,
    slug: view.slug,
    headline: view.headline,
    standfirst: view.standfirst,
    body: view.body,
    status: view.status,
    sectionId: view.sectionId,
    section: { id: view.section.id, slug: view.section.slug, name: view.section.name },
    authorIds: view.authorIds,
    authors: view.authors.map((a) => ({ id: a.id, name: a.name, slug: a.slug })),
    tags: view.tags.map((t) => ({ id: t.id, name: t.name, kind: t.kind, slug: t.slug })),
    heroMediaId: view.heroMediaId,
    heroCaption: view.heroCaption,
    datelinePlace: view.datelinePlace,
    source: view.source,
    language: view.language,
    seoTitle: view.seoTitle,
    seoDescription: view.seoDescription,
    embargoUntil: view.embargoUntil,
    scheduledAt: view.scheduledAt,
    firstPublishedAt: view.firstPublishedAt,
    publishedAt: view.publishedAt,
    updatedAt: view.updatedAt,
    createdAt: view.createdAt,
    modifiedAt: view.modifiedAt,
    version: view.version,
    views: view.views,
    url: urls.public,
    previewUrl: `/api/admin/articles/${view.id}/preview`,
    corrections: view.corrections,
    pendingChanges: view.workingCopy ? { savedAt: view.workingCopy.savedAt, savedBy: extra.savedBy ?? null } : null,
    permissions: articlePermissions(actor, extra.ownership ?? view),
  };
}
