import { defineError } from '../shared/errors.js';

export const SourceNotFound = defineError('SOURCE_NOT_FOUND', 'Wire source %s not found', 404);
export const IncomingNotFound = defineError('INCOMING_NOT_FOUND', 'Incoming item %s not found', 404);
export const IncomingAlreadyHandled = defineError('INCOMING_ALREADY_HANDLED', 'The incoming item was already %s', 409);
export const IncomingTakeFailed = defineError('INCOMING_TAKE_FAILED', 'The item could not be made into a story: %s', 422);
