import { STANDARD_FORMATS } from './route-kit.js';

/**
 * The rules of Redocly's "recommended" set that matter for our generated document, checked
 * without Redocly (openapi.test.ts runs the real `redocly lint` when it is installed), plus
 * our own: operationIds in camelCase, only standard formats. Returns one line per problem.
 */
export function lintOpenApi(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  const problem = (where: string, text: string) => problems.push(`${where}: ${text}`);

  if (!doc.info?.license?.name || !(doc.info.license.url || doc.info.license.identifier)) problem('info', 'needs a license with a name and an identifier or url (info-license)');
  if (!doc.servers?.length) problem('servers', 'must not be empty (no-empty-servers)');
  for (const server of doc.servers ?? []) {
    if (/example\.com/.test(server.url)) problem('servers', `${server.url} is an example server (no-server-example.com)`);
    if (server.url.endsWith('/')) problem('servers', `${server.url} ends with a slash (no-server-trailing-slash)`);
  }

  const schemes = new Set(Object.keys(doc.components?.securitySchemes ?? {}));
  const checkSecurity = (where: string, requirements: Record<string, unknown>[] | undefined) => {
    for (const name of requirements?.flatMap((r) => Object.keys(r)) ?? []) if (!schemes.has(name)) problem(where, `security scheme ${name} is not defined (security-defined)`);
  };
  checkSecurity('security', doc.security);

  const declared = new Map((doc.tags ?? []).map((t) => [t.name, t.description]));
  if (declared.size !== (doc.tags ?? []).length) problem('tags', 'a tag is declared twice (no-duplicated-tag-names)');
  const operationIds = new Map<string, string>();
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    if (path.length > 1 && path.endsWith('/')) problem(path, 'ends with a slash (no-path-trailing-slash)');
    const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    for (const [method, op] of Object.entries(methods)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.operationId) problem(where, 'has no operationId (operation-operationId)');
      else if (!/^[a-z][a-zA-Z0-9]*$/.test(op.operationId)) problem(where, `operationId ${op.operationId} is not camelCase`);
      else if (operationIds.has(op.operationId)) problem(where, `operationId ${op.operationId} is used by ${operationIds.get(op.operationId)} too (operation-operationId-unique)`);
      if (op.operationId) operationIds.set(op.operationId, where);
      if (!op.summary) problem(where, 'has no summary (operation-summary)');
      const statuses = Object.keys(op.responses ?? {});
      if (!statuses.some((s) => /^2(\d\d|XX)$/.test(s))) problem(where, 'documents no 2xx answer (operation-2xx-response)');
      if (!statuses.some((s) => /^4(\d\d|XX)$/.test(s))) problem(where, 'documents no 4xx answer (operation-4xx-response)');
      for (const tag of op.tags ?? []) if (!declared.get(tag)) problem(where, `tag ${tag} is not declared with a description (tag-description)`);
      checkSecurity(where, op.security);
      const inPath = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      for (const name of templated) if (!inPath.includes(name)) problem(where, `path parameter {${name}} is not defined (path-parameters-defined)`);
      for (const name of inPath) if (!templated.includes(name)) problem(where, `path parameter ${name} is not in the path (path-parameters-defined)`);
      const keys = (op.parameters ?? []).map((p) => `${p.in}:${p.name}`);
      if (new Set(keys).size !== keys.length) problem(where, 'repeats a parameter (operation-parameters-unique)');
    }
  }

  const components = doc.components?.schemas ?? {};
  const referenced = new Set<string>();
  walkSchemas(doc, (node, where) => {
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/components/schemas/', '');
      if (!(name in components)) problem(where, `${node.$ref} does not resolve (no-unresolved-refs)`);
      // A component that only refers to itself is still unused.
      const own = `components.schemas.${name}`;
      if (where !== own && !where.startsWith(`${own}.`)) referenced.add(name);
    }
    if (typeof node.format === 'string' && !STANDARD_FORMATS.has(node.format)) problem(where, `format "${node.format}" is not a standard format`);
    const properties = node.properties as Record<string, unknown> | undefined;
    for (const name of Array.isArray(node.required) && properties ? (node.required as string[]) : []) {
      if (!(name in properties!)) problem(where, `required property ${name} is not defined (no-required-schema-properties-undefined)`);
    }
  });
  for (const name of Object.keys(components)) if (!referenced.has(name)) problem(`components.schemas.${name}`, 'is never used (no-unused-components)');
  return problems;
}

/** Calls `visit` on every object in the document with its dotted location. */
function walkSchemas(node: unknown, visit: (node: Record<string, unknown>, where: string) => void, where = ''): void {
  if (Array.isArray(node)) node.forEach((item, i) => walkSchemas(item, visit, `${where}.${i}`));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>, where);
    for (const [key, value] of Object.entries(node)) walkSchemas(value, visit, where ? `${where}.${key}` : key);
  }
}

interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, unknown>[];
  parameters?: { name: string; in: string }[];
  responses?: Record<string, unknown>;
}

export interface OpenApiDocument {
  info?: { license?: { name?: string; url?: string; identifier?: string } };
  servers?: { url: string }[];
  security?: Record<string, unknown>[];
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: { securitySchemes?: Record<string, unknown>; schemas?: Record<string, unknown> };
}
