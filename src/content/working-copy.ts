import type { DocNode } from '../doc/index.js';
import type { Article } from './types.js';

/**
 * The editable fields of a story, as a working copy keeps them. Edits to a live
 * (published or scheduled) story are saved here, apart from what readers see, until
 * an editor presses Update; autosave never changes the public page. The embargo is not
 * among them: it only ever holds a story back, so it applies at once.
 */
export interface WorkingCopyFields {
  headline: string;
  standfirst: string;
  body: DocNode;
  sectionId: string;
  authorIds: string[];
  tagIds: string[];
  heroMediaId: string | null;
  heroCaption: string | null;
  datelinePlace: string | null;
  language: string;
  seoTitle: string | null;
  seoDescription: string | null;
  slug: string;
}

export interface WorkingCopy {
  fields: WorkingCopyFields;
  savedAt: string;
  savedBy: string | null;
}

export const WORKING_COPY_KEYS = [
  'headline', 'standfirst', 'body', 'sectionId', 'authorIds', 'tagIds', 'heroMediaId', 'heroCaption',
  'datelinePlace', 'language', 'seoTitle', 'seoDescription', 'slug',
] as const satisfies readonly (keyof WorkingCopyFields)[];

/** Stories readers see, or will see at a set time: edits to them wait in a working copy. */
export function isLive(article: Pick<Article, 'status'>): boolean {
  return article.status === 'published' || article.status === 'scheduled';
}

/** The editable fields as they stand on the story itself (the public version). */
export function liveFields(article: Article): WorkingCopyFields {
  const fields = {} as Record<string, unknown>;
  for (const key of WORKING_COPY_KEYS) fields[key] = article[key];
  return fields as unknown as WorkingCopyFields;
}

/** The copy to edit: the one saved, or a fresh one from the public version. Then the changes on top. */
export function mergeIntoCopy(article: Article, changes: Partial<WorkingCopyFields>): WorkingCopyFields {
  const merged = { ...(article.workingCopy?.fields ?? liveFields(article)) } as Record<string, unknown>;
  for (const key of WORKING_COPY_KEYS) if (changes[key] !== undefined) merged[key] = changes[key];
  return merged as unknown as WorkingCopyFields;
}

/** The stored JSON, read defensively: a corrupt copy is treated as none rather than breaking the editor. */
export function parseWorkingCopy(json: string | null, savedAt: string | null, savedBy: string | null): WorkingCopy | null {
  if (!json) return null;
  try {
    const fields = JSON.parse(json) as WorkingCopyFields;
    if (!fields || typeof fields !== 'object' || typeof fields.headline !== 'string') return null;
    return { fields, savedAt: savedAt ?? '', savedBy };
  } catch {
    return null;
  }
}

/** The story as it would read with its working copy made public (previews, the editor). */
export function withCopyApplied(article: Article): Article {
  return article.workingCopy ? { ...article, ...article.workingCopy.fields } : article;
}
