import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { seedNewsroom, type Newsroom } from '../../test/support/content-api-newsroom.js';
// The same hand checks of Redocly's recommended rules the admin document passes (used by this test only).
import { lintOpenApi, type OpenApiDocument } from '../admin/openapi-lint.js';

/** example.com in `servers` is itself a Redocly warning (no-server-example.com). */
const SITE_URL = 'https://news.dateline.test';
const REDOCLY = process.env.REDOCLY_BIN ?? fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url));

const [database] = await testDatabases();
let app: TestApp;
let room: Newsroom;
let doc: any;

before(async () => {
  app = await createTestApp(database!, { SITE_URL });
  room = await seedNewsroom(app);
  doc = (await app.app.inject('/ghost/api/content/openapi.json')).json();
});
after(() => app.close());

test('the Content API’s document is served at both prefixes and lint-clean under Redocly’s recommended rules', (t) => {
  assert.equal(doc.openapi, '3.1.0');
  assert.deepEqual(doc.servers.map((s: { url: string }) => s.url), [`${SITE_URL}/ghost/api/content`, `${SITE_URL}/api/content`]);
  assert.deepEqual(lintOpenApi(doc as OpenApiDocument), []);
  if (!existsSync(REDOCLY)) {
    t.diagnostic(`content api openapi lint: Redocly CLI not found at ${REDOCLY}; ran the hand checks only`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dateline-content-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const run = spawnSync(REDOCLY, ['lint', '--extends=recommended', '--format=json', file], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
    const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };
    assert.deepEqual(report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Held to exactly what the document lists: a field the document does not name fails. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, closed(value)]));
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

test('every answer, success or refusal, has the shape the document gives it', async () => {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  const local = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/'));
  const check = (schema: unknown, value: unknown, what: string) => {
    const validate = ajv.compile(closed({ ...local(schema), $defs: local(doc.components.schemas) }) as object);
    assert.ok(validate(value), `${what}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 400)}`);
  };
  const calls: [path: string, documented: string, query: string][] = [
    ['/posts/', '/posts', 'include=authors,tags&formats=html,plaintext'],
    ['/posts/slug/monsoon-reaches-kerala/', '/posts/slug/{slug}', 'include=authors,tags'],
    [`/posts/${room.published.harbour.id}/`, '/posts/{id}', 'fields=title,url'],
    ['/pages/', '/pages', 'include=authors,tags&formats=plaintext'],
    ['/pages/slug/about-us/', '/pages/slug/{slug}', ''],
    ['/authors/', '/authors', 'include=count.posts'],
    ['/authors/slug/asha-rao/', '/authors/slug/{slug}', ''],
    ['/tags/', '/tags', 'include=count.posts'],
    ['/tags/slug/weather/', '/tags/slug/{slug}', ''],
    ['/tiers/', '/tiers', ''],
    ['/settings/', '/settings', ''],
  ];
  for (const [path, documented, query] of calls) {
    const res = await app.app.inject({ url: `/ghost/api/content${path}?key=${room.key}&${query}` });
    assert.equal(res.statusCode, 200, path);
    check(doc.paths[documented].get.responses['200'].content['application/json'].schema, res.json(), path);
  }
  const refused = await app.app.inject({ url: '/ghost/api/content/posts/?key=wrong' });
  check(doc.paths['/posts'].get.responses['4XX'].content['application/json'].schema, refused.json(), 'a refusal');
  assert.deepEqual((await app.app.inject('/api/content/openapi.json')).json(), doc);
});
