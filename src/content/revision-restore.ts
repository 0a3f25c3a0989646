import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { createArticleRepo } from './article-repo.js';
import type { Article } from './types.js';
import type { WorkingCopyFields } from './working-copy.js';

/** A reference an old revision made to something deleted since (restore leaves it out). */
export interface MissingReference {
  field: 'sectionId' | 'authorIds' | 'tagIds' | 'heroMediaId';
  id: string;
}

/**
 * The fields to bring back from an old revision's snapshot, without what has been
 * deleted since: the story keeps its current section and has no hero rather than a
 * broken one; `missing` says what was left out.
 */
export async function fieldsToRestore(db: Kysely<Database>, old: Article): Promise<{ fields: Partial<WorkingCopyFields>; missing: MissingReference[] }> {
  const oldAuthors = old.authorIds ?? [];
  const oldTags = old.tagIds ?? [];
  const found = await createArticleRepo(db).existingReferences({ sectionIds: [old.sectionId], personIds: oldAuthors, tagIds: oldTags, mediaIds: old.heroMediaId ? [old.heroMediaId] : [] });
  const heroGone = !!old.heroMediaId && !found.mediaIds.has(old.heroMediaId);
  const missing: MissingReference[] = [
    ...(found.sectionIds.has(old.sectionId) ? [] : [{ field: 'sectionId' as const, id: old.sectionId }]),
    ...oldAuthors.filter((p) => !found.personIds.has(p)).map((p) => ({ field: 'authorIds' as const, id: p })),
    ...oldTags.filter((t) => !found.tagIds.has(t)).map((t) => ({ field: 'tagIds' as const, id: t })),
    ...(heroGone ? [{ field: 'heroMediaId' as const, id: old.heroMediaId! }] : []),
  ];
  const fields: Partial<WorkingCopyFields> = {
    headline: old.headline,
    standfirst: old.standfirst,
    body: old.body,
    ...(found.sectionIds.has(old.sectionId) ? { sectionId: old.sectionId } : {}),
    authorIds: oldAuthors.filter((p) => found.personIds.has(p)),
    tagIds: oldTags.filter((t) => found.tagIds.has(t)),
    heroMediaId: heroGone ? null : old.heroMediaId,
    heroCaption: old.heroCaption,
    datelinePlace: old.datelinePlace,
    seoTitle: old.seoTitle,
    seoDescription: old.seoDescription,
  };
  return { fields, missing };
}
