import { z } from 'zod';

/**
 * The roles of the gateway, from least to most privileged: `viewer` (read tools), `operator`
 * (plus deploy, scale, health checks, backups), `admin` (plus remove, restore, node changes, tokens).
 */
export const Role = {
  viewer: 'viewer',
  operator: 'operator',
  admin: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** The roles in ascending order of privilege. */
export const ROLES_ASCENDING: readonly Role[] = [Role.viewer, Role.operator, Role.admin];

export const RoleSchema = z.enum(ROLES_ASCENDING as [Role, ...Role[]]);
