import type { Role } from '../api/types.js';

const RANK: Record<Role, number> = { contributor: 0, author: 1, editor: 2, admin: 3 };

/** True when `role` is at least `minimum` (admin ⊃ editor ⊃ author ⊃ contributor). */
export function atLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

export const ROLE_LABELS: Record<Role, string> = {
  contributor: 'Contributor',
  author: 'Author',
  editor: 'Editor',
  admin: 'Administrator',
};
