import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommended floor). */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** The rule every new password meets. Returns a reason, or null when the password is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'A password has at least 10 characters';
  if (password.length > 256) return 'A password has at most 256 characters';
  return null;
}
