/**
 * Runtime guards for documents read back from storage. Stored JSON may be
 * corrupt or from an older shape, so readers check before they touch.
 */
export type UnknownRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null;
}

/** A string attribute, trimmed; anything else reads as empty. */
export function textAttr(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
