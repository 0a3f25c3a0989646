import { z } from 'zod';
import type { AdminDeps } from '../admin-deps.js';
import type { Actor } from '../auth-service.js';
import { ApiKeyNotFound, Forbidden, UserNotFound } from '../errors.js';
import { can, type GeneralAction } from '../permissions.js';
import { route, type AdminRoute } from '../route-kit.js';
import { idParams } from '../schemas.js';
import { ApiKeys, NewApiKey, Settings, User, Users } from '../response-schemas.js';
import { settingsSchema } from '../settings-service.js';
import { ROLES } from '../user-service.js';
import { ValidationError } from '../../shared/errors.js';

function requireAction(actor: Actor, action: GeneralAction, what: string): void {
  if (!can(actor, action)) throw new Forbidden(actor.role, what);
}

/** Users, API keys and settings: the admin's screens (settings are readable by editors). */
export function accountRoutes(deps: AdminDeps): AdminRoute<any, any, any>[] {
  return [
    route({
      method: 'GET',
      url: '/users',
      operationId: 'listUsers',
      summary: 'Every user',
      tag: 'Users',
      response: Users,
      async handler({ actor }) {
        requireAction(actor, 'users:manage', 'manage users');
        return deps.users.list();
      },
    }),
    route({
      method: 'POST',
      url: '/users',
      operationId: 'createUser',
      summary: 'Create a user with a role and a first password',
      tag: 'Users',
      status: 201,
      response: User,
      body: z.object({ email: z.string(), name: z.string(), role: z.enum(ROLES), password: z.string() }).strict(),
      async handler({ actor, body }) {
        requireAction(actor, 'users:manage', 'manage users');
        const created = await deps.users.add(body);
        return deps.users.get(created.id);
      },
    }),
    route({
      method: 'PATCH',
      url: '/users/:id',
      operationId: 'updateUser',
      summary: 'Change name, role, disabled switch or password (a new password ends their sessions)',
      tag: 'Users',
      response: User,
      params: idParams,
      body: z.object({ name: z.string().trim().min(1).max(120).optional(), role: z.enum(ROLES).optional(), disabled: z.boolean().optional(), password: z.string().optional() }).strict(),
      async handler({ actor, params, body }) {
        requireAction(actor, 'users:manage', 'manage users');
        const user = await deps.users.get(params.id);
        if (!user) throw new UserNotFound(params.id);
        // Never leave the newsroom without an active admin (a disabled admin is not one of them).
        if (user.role === 'admin' && !user.disabled && ((body.role && body.role !== 'admin') || body.disabled) && (await deps.users.adminCount()) <= 1) {
          throw new ValidationError(body.role ? 'role' : 'disabled', 'This is the last active admin');
        }
        if (body.password !== undefined) await deps.auth.setPassword(params.id, body.password);
        await deps.users.update(params.id, body);
        return deps.users.get(params.id);
      },
    }),
    route({
      method: 'DELETE',
      url: '/users/:id',
      operationId: 'deleteUser',
      summary: 'Delete a user without history (others are disabled instead)',
      tag: 'Users',
      status: 204,
      params: idParams,
      async handler({ actor, params }) {
        requireAction(actor, 'users:manage', 'manage users');
        if (params.id === actor.userId) throw new ValidationError('id', 'You cannot delete your own account');
        if (!(await deps.users.get(params.id))) throw new UserNotFound(params.id);
        await deps.users.remove(params.id);
        return undefined;
      },
    }),

    route({
      method: 'GET',
      url: '/api-keys',
      operationId: 'listApiKeys',
      summary: 'API keys (never the keys themselves)',
      tag: 'API keys',
      response: ApiKeys,
      async handler({ actor }) {
        requireAction(actor, 'api-keys:manage', 'manage API keys');
        return deps.auth.listApiKeys();
      },
    }),
    route({
      method: 'POST',
      url: '/api-keys',
      operationId: 'createApiKey',
      summary: 'Create an API key; the key is in this answer only',
      tag: 'API keys',
      status: 201,
      response: NewApiKey,
      body: z.object({ name: z.string().trim().min(1).max(80), scope: z.enum(['content-read', 'admin']) }).strict(),
      async handler({ actor, body }) {
        requireAction(actor, 'api-keys:manage', 'manage API keys');
        const created = await deps.auth.createApiKey({ name: body.name, scope: body.scope, userId: actor.userId });
        return { apiKey: { id: created.id, name: body.name, scope: body.scope, prefix: created.prefix, createdAt: created.createdAt, lastUsedAt: null, revokedAt: null }, key: created.key };
      },
    }),
    route({
      method: 'DELETE',
      url: '/api-keys/:id',
      operationId: 'revokeApiKey',
      summary: 'Revoke an API key',
      tag: 'API keys',
      status: 204,
      params: idParams,
      async handler({ actor, params }) {
        requireAction(actor, 'api-keys:manage', 'manage API keys');
        if (!(await deps.auth.revokeApiKey(params.id))) throw new ApiKeyNotFound(params.id);
        // The Content API remembers good keys per content generation: a new one makes every node forget this key now.
        await deps.afterPublicChange();
        return undefined;
      },
    }),

    route({
      method: 'GET',
      url: '/settings',
      operationId: 'getSettings',
      summary: 'Site settings',
      tag: 'Settings',
      response: Settings,
      async handler({ actor }) {
        requireAction(actor, 'settings:read', 'read settings');
        return deps.settings.get();
      },
    }),
    route({
      method: 'PATCH',
      url: '/settings',
      operationId: 'updateSettings',
      summary: 'Change site settings',
      tag: 'Settings',
      response: Settings,
      body: settingsSchema.partial().strict(),
      async handler({ actor, body }) {
        requireAction(actor, 'settings:write', 'change settings');
        const saved = await deps.settings.update(body);
        await deps.afterPublicChange();
        return saved;
      },
    }),
  ];
}
