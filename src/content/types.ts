import type { WorkingCopy } from './working-copy.js';
import type { DocNode } from '../doc/index.js';
import type { ArticleStatus, TagKind } from '../db/index.js';

export type { ArticleStatus, TagKind };

export interface Section {
  id: string;
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface Person {
  id: string;
  slug: string;
  name: string;
  bio: string;
  links: Record<string, string>;
}

export interface Tag {
  id: string;
  slug: string;
  name: string;
  kind: TagKind;
}

/** A tag as its topic page shows it: other names it goes by and the desk's description. */
export interface Topic extends Tag {
  aliases: string[];
  description: string;
}

export interface Correction {
  note: string;
  createdAt: string;
}

/** An article as the rest of the system sees it (camelCase; the row is snake_case). */
export interface Article {
  id: string;
  slug: string;
  sectionId: string;
  headline: string;
  standfirst: string;
  body: DocNode;
  status: ArticleStatus;
  language: string;
  datelinePlace: string | null;
  source: string | null;
  wireId: string | null;
  heroMediaId: string | null;
  heroCaption: string | null;
  seoTitle: string | null;
  seoDescription: string | null;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  scheduledAt: string | null;
  embargoUntil: string | null;
  createdAt: string;
  modifiedAt: string;
  version: number;
  views: number;
  createdBy: string | null;
  modifiedBy: string | null;
  authorIds: string[];
  tagIds: string[];
  /** Unpublished edits to a live story (see working-copy.ts); null when there are none. */
  workingCopy: WorkingCopy | null;
}

/** Everything a reader-facing page needs about one article, joined. */
export interface ArticleView extends Article {
  section: Section;
  authors: Person[];
  tags: Tag[];
  corrections: Correction[];
}

/** The short form of an article for listings. */
export interface ArticleTeaser {
  id: string;
  slug: string;
  headline: string;
  standfirst: string;
  publishedAt: string;
  language: string;
  views: number;
  heroMediaId: string | null;
  section: Pick<Section, 'id' | 'slug' | 'name'>;
  authors: Pick<Person, 'id' | 'slug' | 'name'>[];
}
