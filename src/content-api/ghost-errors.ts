import { randomUUID } from 'node:crypto';

/**
 * Ghost's error types and the status each answers with. Ghost's clients read `type` (the
 * JavaScript client makes it the thrown error's `name`), so the names are Ghost's, not ours.
 */
export const GHOST_ERROR_STATUS = {
  BadRequestError: 400,
  UnauthorizedError: 401,
  NotFoundError: 404,
  RequestNotAcceptableError: 406,
  ValidationError: 422,
  InternalServerError: 500,
  ServiceUnavailableError: 503,
} as const;

export type GhostErrorType = keyof typeof GHOST_ERROR_STATUS;

/** A refusal in Ghost's terms. Thrown inside the Content API and answered by its error handler. */
export class GhostError extends Error {
  readonly type: GhostErrorType;
  readonly status: number;
  readonly context: string | null;
  /** The query parameter at fault (`filter`, `limit`, `include`, …), Ghost's `property`. */
  readonly property: string | null;
  readonly code: string | null;

  constructor(type: GhostErrorType, message: string, options: { context?: string; property?: string; code?: string } = {}) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = GHOST_ERROR_STATUS[type];
    this.context = options.context ?? null;
    this.property = options.property ?? null;
    this.code = options.code ?? null;
  }
}

/** Ghost's envelope: `{ errors: [{ message, context, type, details, property, help, code, id, ghostErrorCode }] }`. */
export function ghostErrorBody(error: GhostError) {
  return {
    errors: [
      {
        message: error.message,
        context: error.context,
        type: error.type,
        details: null,
        property: error.property,
        help: null,
        code: error.code,
        id: randomUUID(),
        ghostErrorCode: null,
      },
    ],
  };
}

/** A query parameter with a value we cannot serve: Ghost answers these 422 ValidationError. */
export function invalidParameter(property: string, context: string): GhostError {
  return new GhostError('ValidationError', `Validation error, cannot use the ${property} parameter.`, { context, property });
}

/** A filter that does not parse or asks for something the allow-list does not have: 400, as Ghost answers. */
export function badFilter(context: string): GhostError {
  return new GhostError('BadRequestError', 'Error parsing filter', { context, property: 'filter' });
}
