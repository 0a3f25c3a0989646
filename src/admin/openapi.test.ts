import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
// ajv and ajv-formats come with fastify; ajv/dist/2020 is the JSON Schema draft OpenAPI 3.1 uses.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, testPhoto, type TestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { upload } from '../../test/support/multipart.js';
import { lintOpenApi, type OpenApiDocument } from './openapi-lint.js';
import { openApiDocument, route } from './route-kit.js';

/** example.com in `servers` is itself a Redocly warning (no-server-example.com). */
const SITE_URL = 'https://news.dateline.test';
/** The Redocly CLI when it is installed; REDOCLY_BIN points at one installed elsewhere. */
const REDOCLY = process.env.REDOCLY_BIN ?? fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url));

const databases = await testDatabases();
let app: TestApp;
let doc: any;

before(async () => {
  app = await createTestApp(databases[0]!, { SITE_URL });
  doc = (await app.app.inject('/api/openapi.json')).json();
});
after(() => app.close());

function newAjv() {
  // strict: an unknown keyword or format is an error, not a silent pass.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  return ajv;
}

/** The document's schemas with `$ref`s that resolve inside one JSON Schema (under `$defs`). */
function withDefs(document: any, schema: unknown): Record<string, unknown> {
  const local = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/'));
  return { ...local(schema), $defs: local(document.components.schemas) };
}

/** The document leaves answers open to new fields; here the handlers are held to exactly what it lists. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([name, schema]) => [name, closed(schema)])) : closed(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** Every operation in the document, found by method and path, with the one success status it documents. */
function contract(document: any) {
  const ajv = newAjv();
  const operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const [status, success] = Object.entries(op.responses as Record<string, any>).find(([code]) => code.startsWith('2'))!;
      const [mediaType, content] = Object.entries((success.content ?? {}) as Record<string, any>)[0] ?? [];
      return { method: method.toUpperCase(), path: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`), id: op.operationId as string, status: Number(status), mediaType, schema: content?.schema };
    }),
  );
  const validators = new Map<string, ValidateFunction>();
  const validate = (key: string, schema: unknown, value: unknown, what: string) => {
    if (!validators.has(key)) validators.set(key, ajv.compile(closed(withDefs(document, schema)) as object));
    const check = validators.get(key)!;
    assert.ok(check(value), `${what} does not match its documented schema: ${ajv.errorsText(check.errors)}\n${JSON.stringify(value).slice(0, 500)}`);
  };
  const find = (method: string, url: string) => {
    const op = operations.find((o) => o.method === method && o.path.test(url.split('?')[0]!));
    assert.ok(op, `${method} ${url} is in the document`);
    return op;
  };
  const answered = new Set<string>();
  return {
    /** Asserts the answer has the documented success status and shape; returns the parsed body. */
    check(method: string, url: string, res: { status: number; body: string; headers?: Record<string, unknown> }): any {
      const op = find(method, url);
      assert.equal(res.status, op.status, `${op.id} (${method} ${url}) answers ${op.status} as documented; got ${res.status}: ${res.body.slice(0, 300)}`);
      answered.add(op.id);
      if (op.status === 204) {
        assert.equal(res.body, '', `${op.id} answers no content`);
        return null;
      }
      if (op.mediaType !== 'application/json') {
        assert.ok(String(res.headers?.['content-type']).startsWith(String(op.mediaType)), `${op.id} answers ${op.mediaType}`);
        return res.body;
      }
      const json = JSON.parse(res.body);
      validate(op.id, op.schema, json, `${op.id} (${method} ${url})`);
      return json;
    },
    /** Asserts a refusal is a documented 4xx with the Error shape. */
    refused(method: string, url: string, res: { status: number; body: string }, status: number) {
      find(method, url);
      assert.equal(res.status, status, res.body);
      validate('Error', { $ref: '#/components/schemas/Error' }, JSON.parse(res.body), `${method} ${url} ${status}`);
    },
    unanswered: () => operations.map((o) => o.id).filter((id) => !answered.has(id)),
  };
}

test('every operation has a unique, camelCase operationId', () => {
  const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
  assert.ok(ids.length >= 40, `${ids.length} operations`);
  assert.equal(new Set(ids).size, ids.length, 'no operationId is used twice');
  for (const id of ids) assert.match(id, /^[a-z][a-zA-Z0-9]*$/);
  for (const id of ['listArticles', 'getArticle', 'publishArticle', 'deleteMedia', 'uploadMedia', 'createSession']) assert.ok(ids.includes(id), id);
  assert.equal(doc.paths['/api/admin/articles/{id}/publish'].post.operationId, 'publishArticle');
});

test('routes that answer nothing are documented 204 with no body; the others document their answer', () => {
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { content?: object }> }>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      assert.equal(success.length, 1, `${method} ${path} documents one success status`);
      const answer = op.responses[success[0]!]!;
      assert.equal(success[0] === '204', !answer.content, `${method} ${path}: ${success[0]} ${answer.content ? 'with' : 'without'} content`);
    }
  }
  assert.ok(doc.paths['/api/admin/media/{id}'].delete.responses['204']);
  assert.ok(doc.paths['/api/admin/articles/{id}'].delete.responses['204']);
});

test('every schema in the document is JSON Schema 2020-12 with standard keywords and formats only', () => {
  const ajv = newAjv();
  const schemas: [string, unknown][] = Object.entries(doc.components.schemas).map(([name, schema]) => [`components.schemas.${name}`, schema]);
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) schemas.push([`${where} parameter ${p.name}`, p.schema]);
      for (const [type, media] of Object.entries((op.requestBody?.content ?? {}) as Record<string, any>)) schemas.push([`${where} request ${type}`, media.schema]);
      for (const [status, answer] of Object.entries(op.responses as Record<string, any>)) {
        for (const [type, media] of Object.entries((answer.content ?? {}) as Record<string, any>)) schemas.push([`${where} ${status} ${type}`, media.schema]);
      }
    }
  }
  for (const [where, schema] of schemas) assert.doesNotThrow(() => ajv.compile(withDefs(doc, schema)), where);
  assert.equal(doc.paths['/api/admin/settings'].patch.requestBody.content['application/json'].schema.properties.disclaimerTemplate.pattern, '\\{credit\\}');
});

test('a zod check with no JSON Schema format (.includes) is documented by its pattern alone', () => {
  const spec = route({ method: 'POST', url: '/probe', operationId: 'probe', summary: 'Probe', tag: 'Settings', body: z.object({ text: z.string().includes('{credit}') }), handler: async () => undefined });
  const probe = openApiDocument([spec], { title: 't', version: '1', serverUrl: SITE_URL });
  const text = (probe.paths['/api/admin/probe']!.post as any).requestBody.content['application/json'].schema.properties.text;
  assert.equal(text.format, undefined);
  assert.equal(text.pattern, '\\{credit\\}');
});

test("the document is lint-clean under Redocly's recommended rules", (t) => {
  assert.deepEqual(lintOpenApi(doc as OpenApiDocument), [], 'the hand checks of the recommended rules (openapi-lint.ts) pass');
  if (!existsSync(REDOCLY)) {
    t.diagnostic(`openapi lint: Redocly CLI not found at ${REDOCLY}; ran the hand checks of its recommended rules only (src/admin/openapi-lint.ts)`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dateline-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const run = spawnSync(REDOCLY, ['lint', '--extends=recommended', '--format=json', file], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    assert.ok(run.stdout, `redocly lint printed nothing: ${run.error?.message ?? run.stderr}`);
    const report = JSON.parse(run.stdout) as { version: string; totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };
    t.diagnostic(`openapi lint: Redocly CLI ${report.version} (--extends=recommended): ${report.totals.errors} errors, ${report.totals.warnings} warnings; the hand checks passed too`);
    const problems = report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    assert.deepEqual({ errors: report.totals.errors, warnings: report.totals.warnings, problems }, { errors: 0, warnings: 0, problems: [] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const target of databases) {
  test(`[${target.name}] every route answers the status and the shape its OpenAPI document describes`, async () => {
    const live = await createTestApp(target, { SITE_URL });
    try {
      const api = contract((await live.app.inject('/api/openapi.json')).json());
      const inject = async (method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) => {
        const res = await live.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
        return { status: res.statusCode, body: res.body, headers: res.headers };
      };

      // First run: the setup token makes the first admin, who then signs in.
      assert.deepEqual(api.check('GET', '/api/admin/setup', await inject('GET', '/api/admin/setup')), { needed: true });
      const token = new URL((await live.setupPath())!, SITE_URL).searchParams.get('token');
      const first = { email: 'first.admin@example.com', password: 'a long test password' };
      api.check('POST', '/api/admin/setup', await inject('POST', '/api/admin/setup', { token, name: 'First Admin', ...first }));
      api.check('POST', '/api/admin/session', await inject('POST', '/api/admin/session', first));
      api.refused('GET', '/api/admin/articles', await inject('GET', '/api/admin/articles'), 401);

      const admin = await signIn(live, 'admin');
      const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) => api.check(method, url, await admin.request(method, url, body));
      await call('GET', '/api/admin/session');
      await call('GET', '/api/admin/site');

      const section = await call('POST', '/api/admin/sections', { name: 'News' });
      const spareSection = await call('POST', '/api/admin/sections', { name: 'Spare' });
      await call('GET', '/api/admin/sections');
      await call('PATCH', `/api/admin/sections/${section.id}`, { description: 'What happened today' });
      const person = await call('POST', '/api/admin/people', { name: 'Asha Rao', links: { web: 'https://asha.example.org' } });
      await call('GET', '/api/admin/people?q=asha');
      await call('PATCH', `/api/admin/people/${person.id}`, { bio: 'Covers the harbour' });
      const tag = await call('POST', '/api/admin/tags', { name: 'Monsoon', aliases: ['Rains'] });
      await call('GET', '/api/admin/tags');
      await call('PATCH', `/api/admin/tags/${tag.id}`, { kind: 'event' });

      const sent = await upload(live, admin, { bytes: await testPhoto(800, 450) }, { alt: 'Rain', caption: 'Rain over the harbour', credit: 'MNA', sourceUrl: 'https://mna.example.org/1' });
      const picture = api.check('POST', '/api/admin/media', sent);
      const spare = api.check('POST', '/api/admin/media', await upload(live, admin, { bytes: await testPhoto(400, 300) }));
      await call('GET', '/api/admin/media?q=rain');
      await call('PATCH', `/api/admin/media/${picture.id}`, { focal: { x: 0.3, y: 0.4 } });

      const story = await call('POST', '/api/admin/articles', { headline: 'Harbour floods', sectionId: section.id, authorIds: [person.id], tags: [{ name: 'Monsoon' }], heroMediaId: picture.id, body: paragraphs('Water rose.') });
      const articleUrl = `/api/admin/articles/${story.id}`;
      await call('GET', '/api/admin/articles?sort=headline');
      await call('GET', articleUrl);
      await call('GET', `/api/admin/media/${picture.id}`);
      const saved = await call('PATCH', articleUrl, { standfirst: 'The water rose overnight', version: story.version });
      const stale = await admin.request('PATCH', articleUrl, { headline: 'Stale', version: story.version });
      api.refused('PATCH', articleUrl, stale, 409);
      await call('GET', `${articleUrl}/revisions`);
      await call('GET', `${articleUrl}/revisions/compare?from=${story.version}&to=${saved.version}`);
      let now = await call('POST', `${articleUrl}/revisions/${story.version}/restore`, { version: saved.version });
      now = await call('POST', `${articleUrl}/submit`, { version: now.version });
      now = await call('POST', `${articleUrl}/withdraw`, { version: now.version });
      now = await call('POST', `${articleUrl}/submit`, { version: now.version });
      now = await call('POST', `${articleUrl}/return`, { version: now.version, note: 'Needs a second source' });
      now = await call('POST', `${articleUrl}/schedule`, { version: now.version, at: '2030-01-01T06:00:00+05:30' });
      now = await call('POST', `${articleUrl}/publish`, { version: now.version });
      // A live story: saves go to its working copy, which Update makes public or Discard drops.
      now = await call('PATCH', articleUrl, { standfirst: 'Pending, not public yet', autosave: true, version: now.version });
      now = await call('POST', `${articleUrl}/update`, { version: now.version, note: 'An earlier version gave the wrong time.' });
      now = await call('PATCH', articleUrl, { standfirst: 'Dropped again', version: now.version });
      now = await call('POST', `${articleUrl}/discard`, { version: now.version });
      await call('POST', `${articleUrl}/unpublish`, { version: now.version });
      await call('PUT', `${articleUrl}/presence`);
      await call('DELETE', `${articleUrl}/presence`);
      await call('GET', `${articleUrl}/preview`);
      // Suggested tags (src/entities): list, accept one, reject another.
      const tagged = await call('POST', '/api/admin/articles', { headline: 'Minister visits Pune', sectionId: section.id, body: paragraphs('Defence Minister Rajnath Singh met officials of the Indian Navy in Pune.') });
      const suggested = await call('GET', `/api/admin/articles/${tagged.id}/suggestions`);
      await call('POST', `/api/admin/articles/${tagged.id}/suggestions/${suggested.items[0].id}/accept`, { version: tagged.version });
      await call('POST', `/api/admin/articles/${tagged.id}/suggestions/${suggested.items[1].id}/reject`);
      const draft = await call('POST', '/api/admin/articles', { headline: 'Short-lived', sectionId: section.id });
      await call('DELETE', `/api/admin/articles/${draft.id}`);
      api.refused('GET', `/api/admin/articles/${draft.id}`, await admin.request('GET', `/api/admin/articles/${draft.id}`), 404);

      await call('DELETE', `/api/admin/media/${spare.id}`);
      await call('DELETE', `/api/admin/tags/${tag.id}`);
      await call('DELETE', `/api/admin/sections/${spareSection.id}`);

      const page = await call('POST', '/api/admin/pages', { title: 'About us', slug: 'about', body: paragraphs('Who we are.'), inFooter: true });
      await call('GET', '/api/admin/pages');
      await call('GET', `/api/admin/pages/${page.id}`);
      await call('PATCH', `/api/admin/pages/${page.id}`, { position: 3 });
      api.refused('POST', '/api/admin/pages', await admin.request('POST', '/api/admin/pages', { title: 'Admin', slug: 'admin' }), 400);
      await call('DELETE', `/api/admin/pages/${page.id}`);

      // The front page: a live lead with a picture, the unpublished story pinned (inactive, and said why), a banner.
      const leadStory = await call('POST', '/api/admin/articles', { headline: 'Ferries resume', sectionId: section.id, heroMediaId: picture.id, body: paragraphs('Boats sail.') });
      await call('POST', `/api/admin/articles/${leadStory.id}/publish`, { version: leadStory.version });
      const arranged = await call('GET', '/api/admin/front-page');
      await call('GET', '/api/admin/front-page/stories?q=ferries');
      const frontPage = { lead: { articleId: leadStory.id, expiresAt: null }, top: [{ articleId: story.id, expiresAt: '2030-01-01T06:00:00+05:30' }], breaking: { text: 'Polls close at six', url: '/news', expiresAt: null }, rails: arranged.rails };
      const front = await call('PUT', '/api/admin/front-page', { version: arranged.version, ...frontPage });
      assert.deepEqual(front.inactive.map((p: { slot: string; reason: string }) => `${p.slot}:${p.reason}`), ['top.0:not-published']);
      api.refused('PUT', '/api/admin/front-page', await admin.request('PUT', '/api/admin/front-page', { version: arranged.version, ...frontPage }), 409);

      // Analytics, with a counted view behind them: over time, top stories, referrers, devices, live, one story.
      const reader = { address: '198.51.100.9', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36', purpose: '' };
      await live.services.views.ingest({ ...reader, articleId: leadStory.id, referrer: 'https://www.google.com/' });
      await live.services.views.flush();
      await call('GET', '/api/admin/analytics/views?granularity=day');
      await call('GET', `/api/admin/analytics/views?scope=section&id=${section.id}&granularity=hour`);
      await call('GET', '/api/admin/analytics/top-stories?limit=5');
      await call('GET', '/api/admin/analytics/referrers');
      await call('GET', '/api/admin/analytics/devices');
      await call('GET', '/api/admin/analytics/live');
      await call('GET', `/api/admin/analytics/articles/${leadStory.id}`);
      api.refused('GET', '/api/admin/analytics/views?granularity=week', await admin.request('GET', '/api/admin/analytics/views?granularity=week'), 400);

      // The wire desk: a watched folder of NewsML-G2 and RSS 1.0 files, polled, previewed, taken and dismissed.
      const wireFolder = join(live.dataDir, 'incoming', 'agency');
      mkdirSync(wireFolder, { recursive: true });
      for (const name of ['newsml-text.xml', 'rss1-rdf.xml']) copyFileSync(new URL(`../ingest/fixtures/feeds/${name}`, import.meta.url), join(wireFolder, name));
      const wireSource = await call('POST', '/api/admin/sources', { name: 'Agency drop', kind: 'folder', folder: 'agency', credit: 'Example Agency' });
      await call('GET', '/api/admin/sources');
      await call('PATCH', `/api/admin/sources/${wireSource.id}`, { intervalMinutes: 30 });
      await call('GET', `/api/admin/sources/${wireSource.id}`);
      await call('POST', `/api/admin/sources/${wireSource.id}/poll`);
      const queue = await call('GET', '/api/admin/incoming');
      await call('GET', `/api/admin/incoming/${queue.items[0].id}`);
      const takenItem = await call('POST', `/api/admin/incoming/${queue.items[0].id}/take`);
      await call('GET', `/api/admin/articles/${takenItem.articleId}/origin`);
      await call('POST', `/api/admin/incoming/${queue.items[1].id}/dismiss`);
      api.refused('POST', `/api/admin/incoming/${queue.items[1].id}/take`, await admin.request('POST', `/api/admin/incoming/${queue.items[1].id}/take`), 409);
      await call('DELETE', `/api/admin/sources/${wireSource.id}`);

      const user = await call('POST', '/api/admin/users', { email: 'new.writer@example.com', name: 'New Writer', role: 'contributor', password: 'a long test password' });
      await call('GET', '/api/admin/users');
      await call('PATCH', `/api/admin/users/${user.id}`, { name: 'Renamed Writer' });
      await call('DELETE', `/api/admin/users/${user.id}`);
      // One-time links: invite, invite again, check and use the link, a reset link, forgot password, own password.
      const invited = await call('POST', '/api/admin/invites', { email: 'invited.writer@example.com', name: 'Invited Writer', role: 'author' });
      const inviteToken = new URL((await call('POST', `/api/admin/users/${invited.user.id}/invite`)).url).searchParams.get('token');
      api.check('GET', `/api/admin/account-token?token=${inviteToken}`, await inject('GET', `/api/admin/account-token?token=${inviteToken}`));
      api.check('POST', '/api/admin/account-token', await inject('POST', '/api/admin/account-token', { token: inviteToken, password: 'the invited password' }));
      api.refused('POST', '/api/admin/account-token', await inject('POST', '/api/admin/account-token', { token: inviteToken, password: 'the invited password' }), 400);
      await call('POST', `/api/admin/users/${invited.user.id}/reset-link`);
      api.check('GET', '/api/admin/password-reset', await inject('GET', '/api/admin/password-reset'));
      api.check('POST', '/api/admin/password-reset', await inject('POST', '/api/admin/password-reset', { email: 'invited.writer@example.com' }));
      await call('POST', '/api/admin/account/password', { currentPassword: 'a long test password', newPassword: 'a newer long password' });
      const created = await call('POST', '/api/admin/api-keys', { name: 'Feeds', scope: 'content-read' });
      // An API key has no CSRF token: the session answer says so with null.
      api.check('GET', '/api/admin/session', await inject('GET', '/api/admin/session', undefined, { authorization: `Bearer ${created.key}` }));
      await call('GET', '/api/admin/api-keys');
      await call('DELETE', `/api/admin/api-keys/${created.apiKey.id}`);
      await call('GET', '/api/admin/settings');
      await call('PATCH', '/api/admin/settings', { disclaimerTemplate: 'Picture: {credit}' });
      api.refused('PATCH', '/api/admin/settings', await admin.request('PATCH', '/api/admin/settings', { disclaimerTemplate: 'No credit' }), 400);

      const editor = await signIn(live, 'editor');
      api.check('DELETE', '/api/admin/session', await editor.request('DELETE', '/api/admin/session'));
      await call('DELETE', '/api/admin/sessions');

      assert.deepEqual(api.unanswered(), [], 'every documented operation was exercised');
    } finally {
      await live.close();
    }
  });
}
