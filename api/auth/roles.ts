// Staff roles. Each route lists the roles it admits; administrators are admitted everywhere.
export const ROLES = ['admin', 'admissions', 'jury_coordinator', 'read_only'] as const;
export type Role = (typeof ROLES)[number];

/** Every role may read. */
export const ANY_ROLE: readonly Role[] = ROLES;
export const ADMISSIONS: readonly Role[] = ['admin', 'admissions'];
export const JURY: readonly Role[] = ['admin', 'jury_coordinator'];
export const ADMISSIONS_OR_JURY: readonly Role[] = ['admin', 'admissions', 'jury_coordinator'];
export const ADMIN: readonly Role[] = ['admin'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleAllowed(role: Role, allowed: readonly Role[]): boolean {
  return role === 'admin' || allowed.includes(role);
}
