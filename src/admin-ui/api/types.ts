/**
 * Shapes of the admin JSON API, copied from docs/admin-api.md (the contract).
 * The body document types come from the server's own definition.
 */
import type { DocNode } from '../../doc/types.js';

export type { DocNode };

export type Role = 'contributor' | 'author' | 'editor' | 'admin';
export type Status = 'draft' | 'submitted' | 'scheduled' | 'published' | 'unpublished';
export type TagKind = 'topic' | 'person' | 'organisation' | 'place' | 'event' | 'thing';
export type ApiKeyScope = 'content-read' | 'admin';

export const ROLES: readonly Role[] = ['contributor', 'author', 'editor', 'admin'];
export const TAG_KINDS: readonly TagKind[] = ['topic', 'person', 'organisation', 'place', 'event', 'thing'];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  personId: string | null;
  disabled: boolean;
  /** Invited, no password chosen yet (user lists only; the session's user leaves it out). */
  invitePending?: boolean;
  createdAt: string;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ArticleSummary {
  id: string;
  slug: string;
  headline: string;
  status: Status;
  section: { id: string; slug: string; name: string };
  authors: { id: string; name: string }[];
  modifiedAt: string;
  publishedAt: string | null;
  scheduledAt: string | null;
  version: number;
  url: string;
}

export interface ArticlePermissions {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  /** Make a live story's saved changes public ("Update"). */
  update: boolean;
  discard: boolean;
  correct?: boolean;
  return?: boolean;
  publish: boolean;
  schedule: boolean;
  unpublish: boolean;
  delete: boolean;
}

export interface Article {
  id: string;
  slug: string;
  headline: string;
  standfirst: string;
  body: DocNode;
  status: Status;
  sectionId: string;
  authorIds: string[];
  tags: { id: string; name: string; kind: TagKind }[];
  heroMediaId: string | null;
  heroCaption: string | null;
  datelinePlace: string | null;
  source: string | null;
  language: string;
  seoTitle: string | null;
  seoDescription: string | null;
  embargoUntil: string | null;
  scheduledAt: string | null;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  createdAt: string;
  modifiedAt: string;
  version: number;
  views: number;
  url: string;
  previewUrl: string;
  corrections: { note: string; createdAt: string }[];
  /** A live story with saved changes readers do not see yet (the fields above show them). */
  pendingChanges: { savedAt: string; savedBy: { id: string; name: string } | null } | null;
  permissions: ArticlePermissions;
}

export interface ArticleInput {
  headline?: string;
  standfirst?: string;
  body?: DocNode;
  sectionId?: string;
  authorIds?: string[];
  tags?: { name: string; kind?: TagKind }[];
  heroMediaId?: string | null;
  heroCaption?: string | null;
  datelinePlace?: string | null;
  language?: string;
  seoTitle?: string | null;
  seoDescription?: string | null;
  embargoUntil?: string | null;
  slug?: string;
  correction?: string;
  version?: number;
  /** A save made while typing (collapsed into one revision per editing session). */
  autosave?: boolean;
}

export interface ArticleQuery {
  status?: Status;
  section?: string;
  author?: string;
  tag?: string;
  q?: string;
  from?: string;
  to?: string;
  sort?: 'modifiedAt' | 'publishedAt' | 'headline';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export interface Revision {
  id: string;
  version: number;
  createdAt: string;
  user: { id: string; name: string } | null;
  kind?: 'save' | 'autosave' | 'update' | 'restore' | 'workflow' | 'import';
}

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface RevisionComparison {
  from: number;
  to: number;
  headline: DiffPart[];
  standfirst: DiffPart[];
  body: DiffPart[];
}

export interface PresenceEditor {
  userId: string;
  name: string;
  since: string;
}

export interface Media {
  id: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  sourceUrl: string | null;
  licence: string;
  showDisclaimer: boolean;
  focal: { x: number; y: number };
  url: string | null;
  thumbUrl: string | null;
  createdAt: string;
  usedBy?: { id: string; headline: string; status?: string }[];
  /** Stories using the picture that this user may not open (others' drafts): counted, not named. */
  usedByOthers?: number;
}

export interface MediaInput {
  alt?: string;
  caption?: string;
  credit?: string;
  sourceUrl?: string | null;
  licence?: string;
  showDisclaimer?: boolean;
  focal?: { x: number; y: number };
}

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
  aliases: string[];
}

export interface Settings {
  siteName: string;
  timeZone: string;
  locale: string;
  disclaimerTemplate: string;
  defaultSection: string;
  /** "Published On" and "Updated On" show the time of day as well as the date. */
  showPublishedTime: boolean;
}

/** A static page (About, Contact, …) served at /{slug}; lists leave the body out. */
export interface StaticPageSummary {
  id: string;
  slug: string;
  title: string;
  position: number;
  inFooter: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
  url: string;
}

export interface StaticPage extends StaticPageSummary {
  body: DocNode;
}

export interface ApiKey {
  id: string;
  name: string;
  scope: ApiKeyScope;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The `error.current` of a 409 VERSION_CONFLICT. */
export interface ConflictInfo {
  version: number;
  modifiedAt: string;
  modifiedBy: { id: string; name: string } | null;
}
