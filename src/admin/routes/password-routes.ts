import { z } from 'zod';
import { ValidationError } from '../../shared/errors.js';
import type { AdminDeps } from '../admin-deps.js';
import { Forbidden, RateLimited, Unauthenticated } from '../errors.js';
import { passwordProblem } from '../passwords.js';
import { SESSION_COOKIE, route, type AdminRoute } from '../route-kit.js';
import { AccountTokenInfo, PasswordResetState, Session, SessionsEnded } from '../response-schemas.js';
import { sessionCookieOptions, userJson } from './session-routes.js';
import type { RateLimiter } from '../rate-limiter.js';

/** Reserves one attempt on both limiters; over either limit, answers 429 with Retry-After. */
async function reserveOrRefuse(limits: { perAccount: RateLimiter; perAddress: RateLimiter }, accountKey: string, addressKey: string, reply: { header(name: string, value: string): unknown }) {
  const wait = Math.max(...(await Promise.all([limits.perAccount.reserve(accountKey), limits.perAddress.reserve(addressKey)])));
  if (wait > 0) {
    reply.header('retry-after', String(wait));
    throw new RateLimited(String(wait));
  }
}

const token = z.string().max(200);

/**
 * The password routes anyone may call (forgot password, using a one-time link) and the one a
 * signed-in user calls to change their own password. Admin actions on links are in invite-routes.ts.
 */
export function passwordRoutes(deps: AdminDeps): AdminRoute<any, any, any>[] {
  const { tokens, ownPassword, resetLimits } = deps.accounts;
  return [
    route({
      method: 'GET',
      url: '/password-reset',
      operationId: 'getPasswordResetState',
      summary: 'Whether reset links go out by mail; without mail an administrator makes them',
      tag: 'Passwords',
      auth: 'public',
      response: PasswordResetState,
      async handler() {
        return { byMail: tokens.mailEnabled };
      },
    }),
    route({
      method: 'POST',
      url: '/password-reset',
      operationId: 'requestPasswordReset',
      summary: 'Forgot password: mails a one-time reset link if an active account uses this address; the same answer for every address',
      tag: 'Passwords',
      auth: 'public',
      status: 202,
      response: PasswordResetState,
      body: z.object({ email: z.string().trim().toLowerCase().email().max(254) }).strict(),
      async handler({ body, request, reply }) {
        // Counted before anything is looked up, by the address typed: known and unknown addresses alike.
        await reserveOrRefuse(resetLimits, `reset-account:${body.email}`, `reset-address:${request.ip}`, reply);
        tokens.requestReset(body.email);
        return { byMail: tokens.mailEnabled };
      },
    }),
    route({
      method: 'GET',
      url: '/account-token',
      operationId: 'getAccountToken',
      summary: 'What a one-time invitation or reset link is for, and whose account it opens',
      tag: 'Passwords',
      auth: 'public',
      query: z.object({ token }).strict(),
      response: AccountTokenInfo,
      async handler({ query }) {
        return tokens.inspect(query.token);
      },
    }),
    route({
      method: 'POST',
      url: '/account-token',
      operationId: 'useAccountToken',
      summary: 'Set a password with a one-time invitation or reset link: ends every session of the account, then signs in',
      tag: 'Passwords',
      auth: 'public',
      response: Session,
      body: z.object({ token, password: z.string() }).strict(),
      async handler({ body, request, reply }) {
        const { userId } = await tokens.redeem(body.token, body.password);
        const session = await deps.auth.createSession(userId, String(request.headers['user-agent'] ?? ''));
        const actor = await deps.auth.sessionActor(session.token);
        if (!actor) throw new Unauthenticated();
        // Whoever proved they own the address may sign in elsewhere at once, even after a lock-out.
        await deps.loginLimits.perAccount.reset(`account:${actor.email}`);
        reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(deps.secureCookies));
        return { user: userJson(actor), csrfToken: session.csrfToken };
      },
    }),
    route({
      method: 'POST',
      url: '/account/password',
      operationId: 'changeOwnPassword',
      summary: 'Change your own password (the current one is required): this session stays, every other one ends',
      tag: 'Passwords',
      response: SessionsEnded,
      body: z.object({ currentPassword: z.string().max(256), newPassword: z.string() }).strict(),
      async handler({ actor, body, request, reply }) {
        if (actor.kind !== 'session' || !actor.sessionId) throw new Forbidden(`${actor.role} (API key)`, "change the owner's password");
        // A new password that breaks the rules is refused before the attempt is counted: it guesses nothing.
        const problem = passwordProblem(body.newPassword);
        if (problem) throw new ValidationError('newPassword', problem);
        // The current password is a secret to guess: counted like sign-in, in the same windows.
        const accountKey = `account:${actor.email}`;
        const addressKey = `address:${request.ip}`;
        await reserveOrRefuse(deps.loginLimits, accountKey, addressKey, reply);
        const result = await ownPassword.change({ userId: actor.userId, keepSessionId: actor.sessionId, currentPassword: body.currentPassword, newPassword: body.newPassword });
        await Promise.all([deps.loginLimits.perAccount.reset(accountKey), deps.loginLimits.perAddress.release(addressKey)]);
        return result;
      },
    }),
  ];
}
