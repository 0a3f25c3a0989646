import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

// A proxy's or load balancer's id is kept so one request can be followed across them; anything
// else a client sends there (log injection, megabytes) is replaced by our own.
const USABLE_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const ASSIGNED = Symbol('dateline.requestId');

type Tagged = IncomingMessage & { [ASSIGNED]?: string };

/** The request's id: the `X-Request-Id` it came with when that is a plain token, else a new UUID. */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && USABLE_ID.test(given) ? given : randomUUID();
}

/** Gives the request its id and puts it on the answer (`X-Request-Id`), before anything else sees either. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const id = requestIdFor(request);
  (request as Tagged)[ASSIGNED] = id;
  response.setHeader('x-request-id', id);
  return id;
}

/** The id `assignRequestId` gave (Fastify's genReqId), or a new one for a request that did not pass there. */
export function assignedRequestId(request: IncomingMessage): string {
  return (request as Tagged)[ASSIGNED] ?? requestIdFor(request);
}
