import { z } from 'zod';
import type { AdminDeps } from '../admin-deps.js';
import type { Actor } from '../auth-service.js';
import { SESSION_DAYS } from '../auth-service.js';
import { InvalidCredentials, RateLimited, Unauthenticated } from '../errors.js';
import { SESSION_COOKIE, route, type AdminRoute } from '../route-kit.js';
import { Session, SessionsEnded, SetupState, SiteInfo } from '../response-schemas.js';

export function userJson(actor: Actor) {
  return { id: actor.userId, email: actor.email, name: actor.name, role: actor.role, personId: actor.personId };
}

/** The session cookie's attributes, for every route that signs someone in. */
export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: SESSION_DAYS * 86_400 };
}

export function sessionRoutes(deps: AdminDeps): AdminRoute<any, any, any>[] {
  const cookieOptions = sessionCookieOptions(deps.secureCookies);

  return [
    route({
      method: 'GET',
      url: '/site',
      operationId: 'getSiteInfo',
      summary: "The site's name, time zone and locale: the editor app shows every date in the site's time zone",
      tag: 'Session',
      auth: 'public',
      response: SiteInfo,
      async handler() {
        const { siteName, timeZone, locale } = await deps.settings.get();
        return { name: siteName, timeZone, locale };
      },
    }),
    route({
      method: 'POST',
      url: '/session',
      operationId: 'createSession',
      summary: 'Sign in with e-mail and password',
      tag: 'Session',
      response: Session,
      auth: 'public',
      body: z.object({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(256) }).strict(),
      async handler({ body, request, reply }) {
        const { perAccount, perAddress } = deps.loginLimits;
        const accountKey = `account:${body.email}`;
        const addressKey = `address:${request.ip}`;
        // The attempt is counted before the password is checked: concurrent guesses each take a
        // number, and those over the limit are refused without ever reaching the password check.
        const [accountWait, addressWait] = await Promise.all([perAccount.reserve(accountKey), perAddress.reserve(addressKey)]);
        const wait = Math.max(accountWait, addressWait);
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          throw new RateLimited(String(wait));
        }
        const user = await deps.auth.checkPassword(body.email, body.password);
        if (!user) {
          deps.log.warn({ email: body.email, ip: request.ip }, 'sign-in failed');
          throw new InvalidCredentials();
        }
        await Promise.all([perAccount.reset(accountKey), perAddress.release(addressKey)]);
        const session = await deps.auth.createSession(user.id, String(request.headers['user-agent'] ?? ''));
        const actor = (await deps.auth.sessionActor(session.token))!;
        reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
        return { user: userJson(actor), csrfToken: session.csrfToken };
      },
    }),
    route({
      method: 'GET',
      url: '/session',
      operationId: 'getSession',
      summary: 'Who am I; returns the CSRF token again',
      tag: 'Session',
      response: Session,
      async handler({ actor }) {
        return { user: userJson(actor), csrfToken: actor.csrfToken };
      },
    }),
    route({
      method: 'DELETE',
      url: '/session',
      operationId: 'deleteSession',
      summary: 'Sign out of this session',
      tag: 'Session',
      status: 204,
      async handler({ actor, reply }) {
        if (actor.sessionId) await deps.auth.endSession(actor.sessionId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return undefined;
      },
    }),
    route({
      method: 'DELETE',
      url: '/sessions',
      operationId: 'deleteAllSessions',
      summary: 'Sign out everywhere: ends every session of this user',
      tag: 'Session',
      response: SessionsEnded,
      async handler({ actor, reply }) {
        const ended = await deps.auth.endAllSessions(actor.userId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ended };
      },
    }),
    route({
      method: 'GET',
      url: '/setup',
      operationId: 'getSetupState',
      summary: 'Whether first-run setup is open (no admin exists yet)',
      tag: 'Session',
      response: SetupState,
      auth: 'public',
      async handler() {
        return { needed: (await deps.setup.token()) !== null };
      },
    }),
    route({
      method: 'POST',
      url: '/setup',
      operationId: 'completeSetup',
      summary: 'Create the first admin with the one-time setup token printed at start',
      tag: 'Session',
      auth: 'public',
      status: 201,
      response: Session,
      body: z.object({ token: z.string().max(200), email: z.string(), name: z.string(), password: z.string() }).strict(),
      async handler({ body, request, reply }) {
        const created = await deps.setup.complete(body.token, { email: body.email, name: body.name, password: body.password });
        const session = await deps.auth.createSession(created.id, String(request.headers['user-agent'] ?? ''));
        const actor = await deps.auth.sessionActor(session.token);
        if (!actor) throw new Unauthenticated();
        reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
        return { user: userJson(actor), csrfToken: session.csrfToken };
      },
    }),
  ];
}

