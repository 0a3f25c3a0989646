import type { Article, ArticleInput, DocNode, TagKind } from '../api/types.js';

/** What the editor screen edits: the article's writable fields, as form values. */
export interface StoryForm {
  headline: string;
  standfirst: string;
  sectionId: string;
  authorIds: string[];
  tags: { name: string; kind?: TagKind }[];
  heroMediaId: string | null;
  heroCaption: string;
  datelinePlace: string;
  language: string;
  slug: string;
  seoTitle: string;
  seoDescription: string;
  embargoUntil: string | null;
}

export type FormKey = keyof StoryForm | 'body';

export const ALL_KEYS: readonly FormKey[] = [
  'headline',
  'standfirst',
  'sectionId',
  'authorIds',
  'tags',
  'heroMediaId',
  'heroCaption',
  'datelinePlace',
  'language',
  'seoTitle',
  'seoDescription',
  'embargoUntil',
  'slug',
  'body',
];

export function formFromArticle(article: Article): StoryForm {
  return {
    headline: article.headline ?? '',
    standfirst: article.standfirst ?? '',
    sectionId: article.sectionId,
    authorIds: [...(article.authorIds ?? [])],
    tags: (article.tags ?? []).map((t) => ({ name: t.name, kind: t.kind })),
    heroMediaId: article.heroMediaId,
    heroCaption: article.heroCaption ?? '',
    datelinePlace: article.datelinePlace ?? '',
    language: article.language ?? '',
    slug: article.slug ?? '',
    seoTitle: article.seoTitle ?? '',
    seoDescription: article.seoDescription ?? '',
    embargoUntil: article.embargoUntil,
  };
}

export function emptyForm(sectionId: string, authorIds: string[]): StoryForm {
  return {
    headline: '',
    standfirst: '',
    sectionId,
    authorIds,
    tags: [],
    heroMediaId: null,
    heroCaption: '',
    datelinePlace: '',
    language: '',
    slug: '',
    seoTitle: '',
    seoDescription: '',
    embargoUntil: null,
  };
}

const LANGUAGE_RE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i;
// Letters (any script), digits and single hyphens, as the server's slug rule.
const SLUG_RE = /^[\p{L}\p{M}\p{N}]+(-[\p{L}\p{M}\p{N}]+)*$/u;

/** Field problems the server would refuse, so autosave can say what to fix instead of failing. */
export function formProblems(form: StoryForm): Partial<Record<keyof StoryForm, string>> {
  const problems: Partial<Record<keyof StoryForm, string>> = {};
  if (!form.headline.trim()) problems.headline = 'Add a headline to save this story.';
  if (!form.sectionId) problems.sectionId = 'Choose a section to save this story.';
  if (form.language.trim() && !LANGUAGE_RE.test(form.language.trim())) problems.language = 'Use a language code such as en, hi or en-IN.';
  if (form.slug.trim() && !SLUG_RE.test(form.slug.trim())) problems.slug = 'Use letters, digits and single hyphens only.';
  return problems;
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** The request body for the changed fields; blank optional text is sent as null (cleared). */
export function buildInput(form: StoryForm, keys: Iterable<FormKey>, body: () => DocNode | undefined): ArticleInput {
  const input: ArticleInput = {};
  for (const key of keys) {
    switch (key) {
      case 'headline':
        input.headline = form.headline.trim();
        break;
      case 'standfirst':
        input.standfirst = form.standfirst.trim();
        break;
      case 'sectionId':
        input.sectionId = form.sectionId;
        break;
      case 'authorIds':
        if (form.authorIds.length) input.authorIds = form.authorIds;
        break;
      case 'tags':
        input.tags = form.tags;
        break;
      case 'heroMediaId':
        input.heroMediaId = form.heroMediaId;
        break;
      case 'heroCaption':
        input.heroCaption = orNull(form.heroCaption);
        break;
      case 'datelinePlace':
        input.datelinePlace = orNull(form.datelinePlace);
        break;
      case 'language':
        // Language tags: primary subtag in lower case ("EN-in" → "en-in" is still valid, "EN" is not).
        if (form.language.trim()) input.language = form.language.trim().replace(/^[A-Za-z]+/, (primary) => primary.toLowerCase());
        break;
      case 'slug':
        if (form.slug.trim()) input.slug = form.slug.trim();
        break;
      case 'seoTitle':
        input.seoTitle = orNull(form.seoTitle);
        break;
      case 'seoDescription':
        input.seoDescription = orNull(form.seoDescription);
        break;
      case 'embargoUntil':
        input.embargoUntil = form.embargoUntil;
        break;
      case 'body': {
        const doc = body();
        if (doc) input.body = doc;
        break;
      }
    }
  }
  return input;
}
