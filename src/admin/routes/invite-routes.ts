import { z } from 'zod';
import type { AdminDeps } from '../admin-deps.js';
import type { Actor } from '../auth-service.js';
import { Forbidden, UserNotFound } from '../errors.js';
import { can } from '../permissions.js';
import { route, type AdminRoute } from '../route-kit.js';
import { AccountLink, Invitation } from '../response-schemas.js';
import { idParams } from '../schemas.js';
import { ROLES } from '../user-service.js';

function requireAdmin(actor: Actor): void {
  if (!can(actor, 'users:manage')) throw new Forbidden(actor.role, 'manage users');
}

/**
 * The admin's side of one-time links: invite a user (no password typed by anyone), send a new
 * invitation, or make a reset link to pass on. The link is in the answer either way: the admin
 * may already set anyone's password, and a mail can go astray; `mail` says whether it was sent.
 */
export function inviteRoutes(deps: AdminDeps): AdminRoute<any, any, any>[] {
  const { tokens } = deps.accounts;

  async function invitation(link: { userId: string; url: string; expiresAt: string; mail: 'sent' | 'off' | 'failed' }) {
    const user = await deps.users.get(link.userId);
    if (!user) throw new UserNotFound(link.userId);
    return { user, url: link.url, expiresAt: link.expiresAt, mail: link.mail };
  }

  return [
    route({
      method: 'POST',
      url: '/invites',
      operationId: 'inviteUser',
      summary: 'Invite a user: the account is made without a password, with a one-time link (7 days) to choose one; mailed when SMTP_URL is set',
      tag: 'Users',
      status: 201,
      response: Invitation,
      body: z.object({ email: z.string(), name: z.string(), role: z.enum(ROLES) }).strict(),
      async handler({ actor, body }) {
        requireAdmin(actor);
        return invitation(await tokens.invite(body, { userId: actor.userId, name: actor.name }));
      },
    }),
    route({
      method: 'POST',
      url: '/users/:id/invite',
      operationId: 'resendInvite',
      summary: 'A new invitation link for a user who has not set a password yet; the previous link stops working',
      tag: 'Users',
      response: Invitation,
      params: idParams,
      async handler({ actor, params }) {
        requireAdmin(actor);
        return invitation(await tokens.resendInvite(params.id, { userId: actor.userId, name: actor.name }));
      },
    }),
    route({
      method: 'POST',
      url: '/users/:id/reset-link',
      operationId: 'createResetLink',
      summary: 'A one-time password reset link (1 hour) for the admin to pass on; not mailed. The previous reset link stops working',
      tag: 'Users',
      status: 201,
      response: AccountLink,
      params: idParams,
      async handler({ actor, params }) {
        requireAdmin(actor);
        return tokens.resetLink(params.id, { userId: actor.userId });
      },
    }),
  ];
}
