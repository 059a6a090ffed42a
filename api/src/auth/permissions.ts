import type { Role } from '../db/tables.js'

export type { Role } from '../db/tables.js'
export const ROLES = [
  'admin',
  'integrator',
  'analyst',
  'publisher',
  'auditor',
] as const satisfies readonly Role[]

/**
 * Which roles may do what on their own clients (api.md "Auth and roles"). `admin` may do everything
 * and is not listed. Reading is open to every scoped role except where noted.
 */
const PERMISSIONS = {
  // Admins only; a scoped admin's new client joins its scope (clients.service.ts).
  'clients:create': [],
  'api-keys:manage': [],
  'clients:read': ['integrator', 'analyst', 'publisher', 'auditor'],
  'policy:read': ['integrator', 'analyst', 'publisher', 'auditor'],
  'policy:write': ['analyst'],
  'policy:publish': ['publisher'],
  simulate: ['analyst'],
  'orders:write': ['integrator'],
  'decisions:read': ['integrator', 'analyst', 'publisher', 'auditor'],
  // Compliance proves decisions with it; it writes nothing.
  'decisions:reproduce': ['analyst', 'auditor'],
  'replays:run': ['analyst'],
  'replays:read': ['integrator', 'analyst', 'publisher', 'auditor'],
  'lists:read': ['integrator', 'analyst', 'publisher', 'auditor'],
  'lists:write': ['analyst'],
  'catalog:read': ['integrator', 'analyst', 'publisher', 'auditor'],
  'catalog:write': ['integrator', 'analyst'],
  'reviews:work': ['analyst'],
  'audit:read': ['analyst', 'publisher', 'auditor'],
} as const satisfies Record<string, readonly Exclude<Role, 'admin'>[]>

export type Permission = keyof typeof PERMISSIONS

export function roleMay(role: Role, permission: Permission): boolean {
  if (role === 'admin') return true
  return (PERMISSIONS[permission] as readonly Role[]).includes(role)
}
