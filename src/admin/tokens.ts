import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret, URL-safe. 32 bytes = 256 bits. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * A content-read API key in the form Ghost's Content API clients accept: 26 lowercase hex
 * characters, 104 random bits. Ghost front ends put it in URLs and browsers (`?key=`), which
 * is why only content-read keys take this form and only they are accepted there.
 */
export function newContentKey(): string {
  return randomBytes(13).toString('hex');
}

/** Tokens are stored hashed; a fast hash suffices because they are long random values, not passwords. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
