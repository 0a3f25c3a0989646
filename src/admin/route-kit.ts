import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import { ValidationError } from '../shared/errors.js';
import type { Actor, AuthService } from './auth-service.js';
import { CsrfRejected, Forbidden, Unauthenticated } from './errors.js';
import { sameSecret } from './tokens.js';
import { findNul } from './nul-guard.js';

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

export interface AdminRoute<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path under /api/admin, in Fastify syntax: `/articles/:id`. */
  url: string;
  summary: string;
  tag: string;
  /** 'public' routes get no actor (sign-in, setup); the rest require one. */
  auth?: 'public' | 'signed-in';
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Documented success status (default 200). */
  status?: number;
  /** Multipart and other bodies the schema cannot describe. */
  consumes?: string;
  handler(ctx: RouteContext<P, Q, B>): Promise<unknown>;
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
          if (spec.status) reply.code(spec.status);
          return result === undefined ? reply.code(204).send() : result;
        },
      });
    },
    routes: () => routes,
  };
}

export type RouteRegistry = ReturnType<typeof createRouteRegistry>;

function jsonSchema(schema: ZodType | undefined): Record<string, unknown> | undefined {
  if (!schema) return undefined;
  try {
    const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return rest;
  } catch {
    return { type: 'object' };
  }
}

/** OpenAPI 3.1 from the registered routes' schemas. */
export function openApiDocument(routes: AdminRoute<any, any, any>[], info: { title: string; version: string; serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = `/api/admin${r.url}`.replace(/:(\w+)/g, '{$1}');
    const params = jsonSchema(r.params) as { properties?: Record<string, unknown> } | undefined;
    const query = jsonSchema(r.query) as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    const parameters = [
      ...Object.entries(params?.properties ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
      ...Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: query?.required?.includes(name) ?? false, schema })),
    ];
    const operation: Record<string, unknown> = {
      summary: r.summary,
      tags: [r.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      ...(r.consumes ? { requestBody: { required: true, content: { [r.consumes]: { schema: { type: 'object' } } } } } : {}),
      responses: {
        [String(r.status ?? 200)]: { description: 'Success' },
        '4XX': { description: 'Refused: `{ error: { code, message, field } }`', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
      ...(r.auth === 'public' ? { security: [] } : {}),
    };
    paths[path] = { ...paths[path], [r.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version },
    servers: [{ url: info.serverUrl }],
    security: [{ session: [] }, { apiKey: [] }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'From POST /api/admin/session; writes also need the X-CSRF-Token header.' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from /api/admin/api-keys.' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } }, required: ['code', 'message'] } },
        },
      },
    },
    paths,
  };
}
