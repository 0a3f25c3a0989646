import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleStatus, Role } from '../db/index.js';
import type { Actor } from './auth-service.js';
import { articlePermissions, can, canOnArticle, type ArticleAction, type GeneralAction } from './permissions.js';

/**
 * The roles table of docs/admin-api.md as data. Each row is checked for every
 * role, so a permission that drifts from the contract fails here by name.
 */
const ROLES: Role[] = ['contributor', 'author', 'editor', 'admin'];

function actor(role: Role, scope: Actor['scope'] = null): Actor {
  return { kind: scope ? 'api-key' : 'session', userId: `user-${role}`, email: `${role}@example.com`, name: role, role, personId: `person-${role}`, scope, sessionId: null, csrfToken: null };
}

function story(owner: 'own' | 'other', status: ArticleStatus) {
  return (role: Role) => ({ status, createdBy: owner === 'own' ? `user-${role}` : 'user-somebody', authorIds: owner === 'own' ? [`person-${role}`] : ['person-somebody'] });
}

const general: [GeneralAction, Role[]][] = [
  ['article:create', ROLES],
  ['media:upload', ROLES],
  ['content:read', ROLES],
  ['media:edit-any', ['editor', 'admin']],
  ['media:delete', ['editor', 'admin']],
  ['directory:write', ['editor', 'admin']],
  ['pages:write', ['editor', 'admin']],
  ['front-page:write', ['editor', 'admin']],
  ['settings:read', ['editor', 'admin']],
  ['settings:write', ['admin']],
  ['users:manage', ['admin']],
  ['api-keys:manage', ['admin']],
];

for (const [action, allowed] of general) {
  test(`${action} is allowed to ${allowed.join(', ')} and to no one else`, () => {
    for (const role of ROLES) assert.equal(can(actor(role), action), allowed.includes(role), `${role} → ${action}`);
  });
}

const onArticle: { what: string; action: ArticleAction; article: ReturnType<typeof story>; allowed: Role[] }[] = [
  { what: 'read own draft', action: 'read', article: story('own', 'draft'), allowed: ROLES },
  { what: "read someone else's draft", action: 'read', article: story('other', 'draft'), allowed: ['editor', 'admin'] },
  { what: 'edit own draft', action: 'edit', article: story('own', 'draft'), allowed: ROLES },
  { what: 'edit own submitted story', action: 'edit', article: story('own', 'submitted'), allowed: ['author', 'editor', 'admin'] },
  { what: 'edit own published story', action: 'edit', article: story('own', 'published'), allowed: ['author', 'editor', 'admin'] },
  { what: "edit someone else's draft", action: 'edit', article: story('other', 'draft'), allowed: ['editor', 'admin'] },
  { what: 'submit own draft', action: 'submit', article: story('own', 'draft'), allowed: ROLES },
  { what: 'submit a story already submitted', action: 'submit', article: story('own', 'submitted'), allowed: [] },
  { what: 'withdraw own submitted story', action: 'withdraw', article: story('own', 'submitted'), allowed: ROLES },
  { what: "withdraw someone else's submitted story", action: 'withdraw', article: story('other', 'submitted'), allowed: [] },
  { what: 'withdraw a draft', action: 'withdraw', article: story('own', 'draft'), allowed: [] },
  { what: "Update own published story (make its working copy public)", action: 'update', article: story('own', 'published'), allowed: ['author', 'editor', 'admin'] },
  { what: "Update someone else's published story", action: 'update', article: story('other', 'published'), allowed: ['editor', 'admin'] },
  { what: 'Update a draft (nothing to make public)', action: 'update', article: story('own', 'draft'), allowed: [] },
  { what: 'discard the working copy of own published story', action: 'discard', article: story('own', 'published'), allowed: ['author', 'editor', 'admin'] },
  { what: "return someone else's submitted story", action: 'return', article: story('other', 'submitted'), allowed: ['editor', 'admin'] },
  { what: 'return own submitted story', action: 'return', article: story('own', 'submitted'), allowed: ['editor', 'admin'] },
  { what: 'return a draft', action: 'return', article: story('other', 'draft'), allowed: [] },
  { what: 'publish own story', action: 'publish', article: story('own', 'submitted'), allowed: ['author', 'editor', 'admin'] },
  { what: "publish someone else's story", action: 'publish', article: story('other', 'submitted'), allowed: ['editor', 'admin'] },
  { what: 'publish a published story again', action: 'publish', article: story('own', 'published'), allowed: [] },
  { what: 'schedule own story', action: 'schedule', article: story('own', 'draft'), allowed: ['author', 'editor', 'admin'] },
  { what: "schedule someone else's story", action: 'schedule', article: story('other', 'draft'), allowed: ['editor', 'admin'] },
  { what: 'unpublish own published story', action: 'unpublish', article: story('own', 'published'), allowed: ['editor', 'admin'] },
  { what: "unpublish someone else's published story", action: 'unpublish', article: story('other', 'published'), allowed: ['editor', 'admin'] },
  { what: 'unpublish a draft', action: 'unpublish', article: story('other', 'draft'), allowed: [] },
  { what: 'add a correction to own story', action: 'correct', article: story('own', 'published'), allowed: ['editor', 'admin'] },
  { what: 'delete own draft', action: 'delete', article: story('own', 'draft'), allowed: ROLES },
  { what: 'delete own submitted story', action: 'delete', article: story('own', 'submitted'), allowed: ['editor', 'admin'] },
  { what: "delete someone else's draft", action: 'delete', article: story('other', 'draft'), allowed: ['editor', 'admin'] },
  { what: 'delete a published story', action: 'delete', article: story('own', 'published'), allowed: [] },
];

for (const row of onArticle) {
  test(`${row.what}: ${row.allowed.length ? row.allowed.join(', ') : 'nobody'}`, () => {
    for (const role of ROLES) assert.equal(canOnArticle(actor(role), row.action, row.article(role)), row.allowed.includes(role), `${role} → ${row.what}`);
  });
}

test('a story is "own" through the byline even when someone else created it', () => {
  const writer = actor('author');
  const article = { status: 'draft' as const, createdBy: 'user-somebody', authorIds: ['person-somebody', 'person-author'] };
  assert.equal(canOnArticle(writer, 'edit', article), true);
  assert.equal(canOnArticle(writer, 'publish', article), true);
  assert.equal(canOnArticle({ ...writer, personId: null }, 'read', article), false, 'no person, not the creator: not own');
});

test('an author who created a story bylined only to someone else may edit it but not publish or schedule it', () => {
  const writer = actor('author');
  const article = { status: 'submitted' as const, createdBy: 'user-author', authorIds: ['person-somebody'] };
  assert.equal(canOnArticle(writer, 'edit', article), true);
  assert.equal(canOnArticle(writer, 'publish', article), false);
  assert.equal(canOnArticle(writer, 'schedule', article), false);
  assert.equal(canOnArticle(actor('editor'), 'publish', article), true, 'an editor still may');
  assert.equal(articlePermissions(writer, article).publish, false, 'the editor app hides the button by the same rule');
});

test('a content-read API key may read but never write, whatever its owner may do', () => {
  for (const role of ROLES) {
    const key = actor(role, 'content-read');
    assert.equal(can(key, 'content:read'), true);
    for (const action of ['article:create', 'media:upload', 'media:delete', 'media:edit-any', 'directory:write', 'pages:write', 'front-page:write', 'settings:write', 'users:manage', 'api-keys:manage'] as const) {
      assert.equal(can(key, action), false, `${role} key → ${action}`);
    }
    const own = story('own', 'draft')(role);
    assert.equal(canOnArticle(key, 'read', own), true, `${role} key reads its owner's story`);
    for (const action of ['edit', 'delete', 'submit', 'publish', 'schedule', 'correct'] as const) assert.equal(canOnArticle(key, action, own), false, `${role} key → ${action}`);
    assert.ok(Object.values(articlePermissions(key, own)).every((allowed) => allowed === false), `${role} key may do nothing to a story`);
  }
});

test('an admin API key has the admin role for every action', () => {
  const key = actor('admin', 'admin');
  for (const [action] of general) assert.equal(can(key, action), true, action);
  assert.equal(canOnArticle(key, 'unpublish', story('other', 'published')('admin')), true);
});

test('articlePermissions mirrors canOnArticle for the editor app', () => {
  const writer = actor('contributor');
  assert.deepEqual(articlePermissions(writer, story('own', 'draft')('contributor')), { edit: true, submit: true, withdraw: false, update: false, discard: false, publish: false, schedule: false, unpublish: false, return: false, correct: false, delete: true });
  assert.deepEqual(articlePermissions(writer, story('own', 'submitted')('contributor')), { edit: false, submit: false, withdraw: true, update: false, discard: false, publish: false, schedule: false, unpublish: false, return: false, correct: false, delete: false });
  assert.deepEqual(articlePermissions(actor('editor'), story('other', 'published')('editor')), { edit: true, submit: false, withdraw: false, update: true, discard: true, publish: false, schedule: false, unpublish: true, return: false, correct: true, delete: false });
});
