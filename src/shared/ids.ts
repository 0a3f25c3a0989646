import { randomBytes } from 'node:crypto';

/**
 * Time-sortable, URL-safe ids (48-bit millisecond time + 80 random bits, in
 * Crockford base32 like ULID). Sortable ids keep inserts in index order on both
 * databases and let several nodes create ids without coordination.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export type IdGenerator = () => string;

export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  return function newId(): string {
    let time = now();
    let out = '';
    for (let i = 0; i < 10; i++) {
      out = ALPHABET[time % 32]! + out;
      time = Math.floor(time / 32);
    }
    const random = randomBytes(10);
    for (let i = 0; i < 16; i++) {
      // 16 chars × 5 bits = 80 bits from 10 bytes.
      const bit = i * 5;
      const byte = bit >> 3;
      const offset = bit & 7;
      const word = (random[byte]! << 8) | (random[byte + 1] ?? 0);
      out += ALPHABET[(word >> (11 - offset)) & 31]!;
    }
    return out;
  };
}
