import type { ArticleStatus, Role } from '../db/index.js';
import type { Actor } from './auth-service.js';

/**
 * Who may do what. One table, enforced on the server for every route; the editor
 * app only mirrors it (through `articlePermissions`) to hide buttons.
 *
 * contributor: own drafts, submit for review, upload media
 * author:      also edit and publish/schedule own stories
 * editor:      all content, sections, tags, people, static pages, the front page, schedule, unpublish, corrections
 * admin:       also users, settings, API keys
 */
export type ArticleAction = 'read' | 'edit' | 'delete' | 'submit' | 'withdraw' | 'return' | 'publish' | 'schedule' | 'update' | 'discard' | 'unpublish' | 'correct';
export type GeneralAction = 'article:create' | 'media:upload' | 'media:delete' | 'media:edit-any' | 'directory:write' | 'pages:write' | 'front-page:write' | 'settings:read' | 'settings:write' | 'users:manage' | 'api-keys:manage' | 'content:read';

const RANK: Record<Role, number> = { contributor: 1, author: 2, editor: 3, admin: 4 };

export function atLeast(actor: Pick<Actor, 'role'>, role: Role): boolean {
  return RANK[actor.role] >= RANK[role];
}

/** Read-only keys may do nothing that writes. */
function writable(actor: Actor): boolean {
  return actor.scope !== 'content-read';
}

export function can(actor: Actor, action: GeneralAction): boolean {
  if (action === 'content:read') return true;
  if (!writable(actor)) return action === 'settings:read' && atLeast(actor, 'editor');
  switch (action) {
    case 'article:create':
    case 'media:upload':
      return true;
    case 'media:delete':
    case 'media:edit-any':
    case 'directory:write':
    case 'pages:write':
    case 'front-page:write':
    case 'settings:read':
      return atLeast(actor, 'editor');
    case 'settings:write':
    case 'users:manage':
    case 'api-keys:manage':
      return atLeast(actor, 'admin');
  }
}

export interface ArticleOwnership {
  status: ArticleStatus;
  createdBy: string | null;
  authorIds: string[];
}

export function owns(actor: Actor, article: ArticleOwnership): boolean {
  return article.createdBy === actor.userId || bylined(actor, article);
}

/** The actor's byline is on the story. Authors publish only under their own name. */
export function bylined(actor: Actor, article: ArticleOwnership): boolean {
  return !!actor.personId && article.authorIds.includes(actor.personId);
}

const PUBLISHABLE_FROM: ReadonlySet<ArticleStatus> = new Set(['draft', 'submitted', 'scheduled', 'unpublished']);
/** Published or scheduled: edits wait in a working copy until Update. */
const LIVE: ReadonlySet<ArticleStatus> = new Set(['published', 'scheduled']);

export function canOnArticle(actor: Actor, action: ArticleAction, article: ArticleOwnership): boolean {
  const editor = atLeast(actor, 'editor');
  const mine = owns(actor, article);
  if (action === 'read') return editor || mine;
  if (!writable(actor)) return false;
  switch (action) {
    case 'edit':
      if (editor) return true;
      if (!mine) return false;
      return actor.role === 'author' || article.status === 'draft';
    case 'delete':
      if (article.status === 'published') return false;
      return editor || (mine && article.status === 'draft');
    case 'submit':
      return (mine || editor) && article.status === 'draft';
    case 'withdraw':
      // The writer takes back their own submitted story; an editor sends one back with "return".
      return mine && article.status === 'submitted';
    case 'return':
      return editor && (article.status === 'submitted' || article.status === 'scheduled');
    case 'publish':
    case 'schedule':
      // Creating a story is not enough: an author who bylined it to someone else cannot publish it.
      return (editor || (actor.role === 'author' && bylined(actor, article))) && PUBLISHABLE_FROM.has(article.status);
    case 'update':
      // Making a live story's working copy public is publishing: the same people, the same byline rule.
      return (editor || (actor.role === 'author' && bylined(actor, article))) && LIVE.has(article.status);
    case 'discard':
      return canOnArticle(actor, 'edit', article) && LIVE.has(article.status);
    case 'unpublish':
      return editor && article.status === 'published';
    case 'correct':
      return editor;
  }
}

/** What the editor app may offer for this article, by the same rules. */
export function articlePermissions(actor: Actor, article: ArticleOwnership) {
  return {
    edit: canOnArticle(actor, 'edit', article),
    submit: canOnArticle(actor, 'submit', article),
    withdraw: canOnArticle(actor, 'withdraw', article),
    update: canOnArticle(actor, 'update', article),
    discard: canOnArticle(actor, 'discard', article),
    publish: canOnArticle(actor, 'publish', article),
    schedule: canOnArticle(actor, 'schedule', article),
    unpublish: canOnArticle(actor, 'unpublish', article),
    return: canOnArticle(actor, 'return', article),
    correct: canOnArticle(actor, 'correct', article),
    delete: canOnArticle(actor, 'delete', article),
  };
}
