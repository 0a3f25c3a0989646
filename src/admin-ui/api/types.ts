/**
 * Shapes of the admin JSON API. The server's route schemas are the one source: they make the
 * OpenAPI document, `npm run api-types` turns that into generated-types.ts, and these names are
 * views of it. A field renamed on the server therefore fails this app's type-check (and the
 * suite fails until the generated file is refreshed). Only what the app adds is written here.
 */
import type { DocNode } from '../../doc/types.js';
import type * as Api from './generated-types.js';

export type { DocNode };

export type Role = Api.User['role'];
export type Status = Api.Article['status'];
export type TagKind = Api.Tag['kind'];
export type ApiKeyScope = Api.ApiKey['scope'];

export const ROLES: readonly Role[] = ['contributor', 'author', 'editor', 'admin'];
export const TAG_KINDS: readonly TagKind[] = ['topic', 'person', 'organisation', 'place', 'event', 'thing'];

/** An account as the Users screen lists it. */
export type User = Api.User;
export type Session = Api.Session;
/** The signed-in person, as the session answer gives them (no account bookkeeping). */
export type SessionUser = Api.Session['user'];
export type SiteInfo = Api.GetSiteInfoResponse;

export interface Page<T> {
  items: T[];
  total: number;
  /** The story list's: `gte` when a text search matched more than `total` stories (the desk counts no further). */
  totalRelation?: 'eq' | 'gte';
  page: number;
  pageSize: number;
}

export type ArticleSummary = Api.ArticleSummary;
export type ArticlePermissions = Api.Article['permissions'];
/** The body is typed by the server's own document types, which the editor maps node by node. */
export type Article = Omit<Api.Article, 'body'> & { body: DocNode };
export type ArticleInput = Omit<Api.UpdateArticleBody, 'body'> & { body?: DocNode };
export type ArticleQuery = Partial<Record<'status' | 'section' | 'author' | 'tag' | 'q' | 'from' | 'to', string>> & {
  status?: Status;
  sort?: 'modifiedAt' | 'publishedAt' | 'headline';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
};

export type Revision = Api.ListRevisionsResponse[number];
export type RevisionComparison = Api.CompareRevisionsResponse;
export type DiffPart = RevisionComparison['body'][number];
export type PresenceEditor = Api.UpdatePresenceResponse['editors'][number];

/** A library item; where-used comes only with GET /media/:id. */
export type Media = Api.MediaItem & Partial<Pick<Api.GetMediaResponse, 'usedBy' | 'usedByOthers'>>;
export type MediaInput = Api.UpdateMediaBody;

export type Section = Api.Section;
export type Person = Api.Person;
export type Tag = Api.Tag;
export type Settings = Api.Settings;
export type StaticPageSummary = Api.StaticPageSummary;
export type StaticPage = Omit<Api.StaticPage, 'body'> & { body: DocNode };
export type ApiKey = Api.ApiKey;

/** The `error.current` of a 409 VERSION_CONFLICT. */
export interface ConflictInfo {
  version: number;
  modifiedAt: string;
  modifiedBy: { id: string; name: string } | null;
}
