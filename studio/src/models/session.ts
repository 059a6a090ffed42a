import { isRec, str, unwrapOne } from './unwrap.js'

export type Role = 'admin' | 'integrator' | 'analyst' | 'publisher' | 'auditor'
const ROLES: readonly Role[] = ['admin', 'integrator', 'analyst', 'publisher', 'auditor']

/** Who the key is. `role: null` when the API could not tell us: the UI then offers every action and
 * lets the API's 403 speak. */
export interface Identity {
  name: string | null
  role: Role | null
  /** Client ids the key is scoped to; null = every client (admin). */
  clients: string[] | null
}

export function adaptIdentity(body: unknown): Identity {
  const rec = unwrapOne(body)
  const key = isRec(rec.key) ? rec.key : rec
  const role = str(key.role)
  const clients = Array.isArray(key.clients)
    ? key.clients.map((c) => (isRec(c) ? str(c.id) : str(c))).filter((c): c is string => c !== null)
    : null
  return {
    name: str(key.name),
    role: ROLES.includes(role as Role) ? (role as Role) : null,
    clients: role === 'admin' ? null : clients,
  }
}

export interface Permissions {
  author: boolean
  simulate: boolean
  publish: boolean
  /** Re-run a stored decision (compliance proves decisions with it). */
  reproduce: boolean
  readOnly: boolean
}

/** What the UI offers for a role (api.md "Auth and roles"); the API enforces it again. */
export function permissionsFor(role: Role | null): Permissions {
  switch (role) {
    case 'admin':
    case null:
      return { author: true, simulate: true, publish: true, reproduce: true, readOnly: false }
    case 'analyst':
      return { author: true, simulate: true, publish: false, reproduce: true, readOnly: false }
    case 'publisher':
      return { author: false, simulate: false, publish: true, reproduce: false, readOnly: false }
    case 'auditor':
      return { author: false, simulate: false, publish: false, reproduce: true, readOnly: true }
    case 'integrator':
      return { author: false, simulate: false, publish: false, reproduce: false, readOnly: true }
  }
}
