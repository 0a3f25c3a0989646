import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import { ValidationError } from '../shared/errors.js';
import type { Actor, AuthService } from './auth-service.js';
import { CsrfRejected, Forbidden, Unauthenticated } from './errors.js';
import { sameSecret } from './tokens.js';
import { findNul } from './nul-guard.js';
import { componentSchemas } from './response-schemas.js';

export const SESSION_COOKIE = 'dl_session';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

export interface RouteContext<P, Q, B> {
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** The areas of the API, as the document declares them (Redocly wants every tag described). */
export const API_TAGS = {
  Session: 'Signing in and out, and the first-run setup that creates the first admin',
  Articles: 'Stories: list, create, edit, delete, preview, and who else has one open',
  Workflow: 'Moving a story along: submit, return, publish, schedule, unpublish',
  Revisions: 'Every saved version of a story: list, compare, restore',
  Media: 'The picture library: upload, credits and rights, focal point, where used',
  Sections: 'The sections of the site, in navigation order',
  People: 'People who appear in bylines',
  Tags: 'Tags and topics',
  Pages: 'Static pages at /{slug} (About, Contact, Editorial standards, Privacy) and which ones the footer links',
  Users: 'Accounts and their roles',
  Passwords: 'Invitation and reset links that set a password, forgotten passwords, and changing your own',
  'API keys': 'Keys for scripts and integrations',
  'Front page': "The editors' front page: the lead, pinned top stories, the breaking banner and the order of section rails",
  Settings: 'Site settings editors change at run time',
  Analytics: 'Views over time, top stories, referrers, devices and the live last half hour; counted once per reader per story per day',
  Wire: 'Wire and press-release sources with their health, and the Incoming queue: preview, take, dismiss',
} as const;

export type ApiTag = keyof typeof API_TAGS;

export interface AdminRoute<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path under /api/admin, in Fastify syntax: `/articles/:id`. */
  url: string;
  /** The operation's stable camelCase name in the OpenAPI document (and generated clients): `publishArticle`. */
  operationId: string;
  summary: string;
  tag: ApiTag;
  /** 'public' routes get no actor (sign-in, setup); the rest require one. */
  auth?: 'public' | 'signed-in';
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** The success status, answered and documented (default 200). A 204 route returns nothing. */
  status?: 200 | 201 | 202 | 204;
  /** The JSON answer on success (see response-schemas.ts); required unless the route answers 204 or `produces`. */
  response?: ZodType;
  /** The media type of an answer that is not JSON (a rendered page). */
  produces?: string;
  /** Multipart and other bodies the schema cannot describe. */
  consumes?: string;
  handler(ctx: RouteContext<P, Q, B>): Promise<unknown>;
}

/** The status a route answers on success: what the registry sends and what the document says. */
export function successStatus(spec: Pick<AdminRoute, 'status'>): number {
  return spec.status ?? 200;
}

/** Helps TypeScript infer P, Q and B from the schemas of one route. */
export function route<P, Q, B>(spec: AdminRoute<P, Q, B>): AdminRoute<P, Q, B> {
  return spec;
}

/** Turns a zod failure into our ValidationError naming the field by its path. */
export function parseOrThrow<T>(schema: ZodType<T>, input: unknown, where: 'params' | 'query' | 'body'): T {
  const result = schema.safeParse(input ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issueField(issue) ?? where;
  throw new ValidationError(field, `${field}: ${issue.message}`);
}

/** The input a zod issue is about; an unknown key (a forged `role`) is named by the key itself. */
export function issueField(issue: { path: PropertyKey[]; code: string; keys?: string[] }): string | undefined {
  const path = issue.code === 'unrecognized_keys' && issue.keys?.length ? [...issue.path, issue.keys[0]!] : issue.path;
  return path.length ? path.map(String).join('.') : undefined;
}

/** A NUL anywhere in the input is refused by name before any schema or database sees it (see nul-guard.ts). */
function refuseNul(request: FastifyRequest): void {
  const field = findNul(request.params) ?? findNul(request.query) ?? findNul(request.body);
  if (field) throw new ValidationError(field, `${field} contains a NUL character (U+0000), which cannot be stored`);
}

/** Resolves who is calling: a Bearer API key or the session cookie. Enforces CSRF on cookie writes. */
export async function resolveActor(request: FastifyRequest, auth: AuthService): Promise<Actor | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return auth.apiKeyActor(header.slice(7).trim());
  const token = request.cookies?.[SESSION_COOKIE];
  if (!token) return null;
  const actor = await auth.sessionActor(token);
  if (actor && !SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !actor.csrfToken || !sameSecret(sent, actor.csrfToken)) throw new CsrfRejected();
  }
  return actor;
}

/**
 * Registers admin routes: each validates params, query and body with its zod
 * schemas, resolves the actor, and is recorded for the OpenAPI document.
 */
export function createRouteRegistry(auth: AuthService) {
  const routes: AdminRoute<any, any, any>[] = [];
  return {
    register(app: FastifyInstance, spec: AdminRoute<any, any, any>) {
      routes.push(spec);
      app.route({
        method: spec.method,
        url: `/api/admin${spec.url}`,
        handler: async function adminRoute(request, reply) {
          reply.header('cache-control', 'no-store');
          const actor = await resolveActor(request, auth);
          if (spec.auth !== 'public' && !actor) throw new Unauthenticated();
          if (actor?.scope === 'content-read' && !SAFE_METHODS.has(request.method)) throw new Forbidden(`${actor.role} (read-only API key)`, 'write');
          refuseNul(request);
          const params = spec.params ? parseOrThrow(spec.params, request.params, 'params') : request.params;
          const query = spec.query ? parseOrThrow(spec.query, request.query, 'query') : request.query;
          const body = spec.body ? parseOrThrow(spec.body, request.body, 'body') : request.body;
          const result = await spec.handler({ actor: actor!, params, query, body, request, reply });
          if (reply.sent) return reply;
          // The status the document gives (successStatus); 204 whenever a handler returns nothing.
          if (spec.status) reply.code(spec.status);
          return result === undefined ? reply.code(204).send() : result;
        },
      });
    },
    routes: () => routes,
  };
}

export type RouteRegistry = ReturnType<typeof createRouteRegistry>;

/**
 * Formats OpenAPI 3.1 tools know: JSON Schema 2020-12's own and the OpenAPI format registry's.
 * zod writes others for some checks (`.includes()` becomes "includes") beside a `pattern` that
 * says the same thing, so an unknown format is dropped rather than published.
 */
export const STANDARD_FORMATS: ReadonlySet<string> = new Set([
  ...['date-time', 'date', 'time', 'duration', 'email', 'idn-email', 'hostname', 'idn-hostname', 'ipv4', 'ipv6', 'uri', 'uri-reference', 'iri', 'iri-reference', 'uuid', 'uri-template', 'json-pointer', 'relative-json-pointer', 'regex'],
  ...['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'],
]);

const conversion = {
  unrepresentable: 'any',
  override({ jsonSchema }: { jsonSchema: { format?: string } }) {
    if (jsonSchema.format !== undefined && !STANDARD_FORMATS.has(jsonSchema.format)) delete jsonSchema.format;
  },
} as const;

function withoutHeader(schema: unknown): Record<string, unknown> {
  const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
  return rest;
}

function jsonSchema(schema: ZodType | undefined): Record<string, unknown> | undefined {
  if (!schema) return undefined;
  try {
    return withoutHeader(z.toJSONSchema(schema, { ...conversion, io: 'input' }));
  } catch {
    return { type: 'object' };
  }
}

const COMPONENT_REF = '#/components/schemas/';
/** A route answer that is no named component gets this id for the conversion, then goes inline. */
const INLINE = 'inline:';

/**
 * Converts the named components and every route's answer in one pass, so that a component
 * inside an answer becomes a `$ref`. Converted as 'input' to leave objects open (no
 * `additionalProperties: false`): a field added to an answer must not break strict clients.
 */
function responseSchemas(routes: AdminRoute<any, any, any>[]) {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<ZodType, string>();
  for (const [id, schema] of Object.entries(componentSchemas)) {
    registry.add(schema, { id });
    ids.set(schema, id);
  }
  for (const r of routes) {
    if (!r.response || ids.has(r.response)) continue;
    registry.add(r.response, { id: INLINE + r.operationId });
    ids.set(r.response, INLINE + r.operationId);
  }
  const { schemas } = z.toJSONSchema(registry, { ...conversion, io: 'input', uri: (id) => COMPONENT_REF + id });
  return {
    components: Object.fromEntries(Object.keys(componentSchemas).map((id) => [id, withoutHeader(schemas[id])])),
    of(r: AdminRoute<any, any, any>): Record<string, unknown> | undefined {
      const id = r.response && ids.get(r.response);
      if (!id) return undefined;
      return id.startsWith(INLINE) ? withoutHeader(schemas[id]) : { $ref: COMPONENT_REF + id };
    },
  };
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted; the work goes on after the answer', 204: 'Done; no content' };
const errorContent = { 'application/json': { schema: { $ref: `${COMPONENT_REF}Error` } } };

function responses(r: AdminRoute<any, any, any>, schema: Record<string, unknown> | undefined) {
  const status = successStatus(r);
  const description = STATUS_TEXT[status] ?? 'Success';
  const content = status === 204 ? undefined : r.produces ? { [r.produces]: { schema: { type: 'string' } } } : schema && { 'application/json': { schema } };
  return {
    [String(status)]: { description, ...(content ? { content } : {}) },
    '4XX': { description: 'Refused: `{ error: { code, message, field } }` (codes in docs/errors.md)', content: errorContent },
    '5XX': { description: 'Failed on the server (code `INTERNAL`)', content: errorContent },
  };
}

function requestBody(r: AdminRoute<any, any, any>) {
  if (r.consumes) return { required: true, content: { [r.consumes]: { schema: { type: 'object' } } } };
  if (!r.body) return undefined;
  // Workflow bodies are optional: the version may come in an If-Match header instead.
  return { required: !r.body.safeParse(undefined).success, content: { 'application/json': { schema: jsonSchema(r.body) } } };
}

function parameters(r: AdminRoute<any, any, any>) {
  const params = jsonSchema(r.params) as { properties?: Record<string, unknown> } | undefined;
  const query = jsonSchema(r.query) as { properties?: Record<string, unknown>; required?: string[] } | undefined;
  return [
    ...Object.entries(params?.properties ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
    ...Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: query?.required?.includes(name) ?? false, schema })),
  ];
}

/** OpenAPI 3.1 from the registered routes' schemas; lint-clean under Redocly's recommended rules (openapi.test.ts). */
export function openApiDocument(routes: AdminRoute<any, any, any>[], info: { title: string; version: string; serverUrl: string }) {
  const answers = responseSchemas(routes);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = `/api/admin${r.url}`.replace(/:(\w+)/g, '{$1}');
    const params = parameters(r);
    const body = requestBody(r);
    const operation: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      ...(params.length ? { parameters: params } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: responses(r, answers.of(r)),
      ...(r.auth === 'public' ? { security: [] } : {}),
    };
    paths[path] = { ...paths[path], [r.method.toLowerCase()]: operation };
  }
  const used = new Set(routes.map((r) => r.tag));
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      description: 'The editorial desk\'s JSON API, generated from the schemas the routes validate with. Sign in with `POST /api/admin/session`; writes made with the session cookie need the `X-CSRF-Token` header. Errors are `{ "error": { "code", "message", "field" } }`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: info.serverUrl.replace(/\/+$/, '') }],
    security: [{ session: [] }, { apiKey: [] }],
    tags: (Object.keys(API_TAGS) as ApiTag[]).filter((name) => used.has(name)).map((name) => ({ name, description: API_TAGS[name] })),
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'From POST /api/admin/session; writes also need the X-CSRF-Token header.' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from /api/admin/api-keys.' },
      },
      schemas: answers.components,
    },
  };
}
