import { createMiddleware } from 'hono/factory'
import { findKeyByHash } from '../api-keys/api-keys.repository.js'
import { findClientContext } from '../clients/clients.repository.js'
import type { AppEnv, ClientContext, Principal } from '../context.js'
import { ApiError, forbidden, notFound } from '../errors.js'
import { throwBodyError } from '../http/json-body.js'
import { cachedKey, rememberKey } from './key-cache.js'
import { hashApiKey, sameKey } from './keys.js'
import { type Permission, roleMay } from './permissions.js'

export const CLIENT_ID = /^[a-z0-9-]{2,64}$/
const CLIENT_PATH = /^\/v1\/clients\/([^/]+)(?:\/|$)/
// Evaluate re-checks the key's revocation in its own data statement (evaluations.service), so it may
// take role and scope from the short-lived key cache instead of spending a round trip on them.
const EVALUATE_PATH = /^\/v1\/clients\/[^/]+\/orders\/evaluate\/?$/

const unauthorized = () => new ApiError('unauthorized', 'missing or invalid API key')

function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i)
  return match?.[1]
}

/**
 * Authenticates every /v1 request and, for /v1/clients/:clientId/…, resolves the client. Order of
 * answers: no/invalid key → 401; a client that does not exist, cannot exist, or is not in the
 * key's scope → 404 (other tenants' ids don't leak); role checks (403) come later per route.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearer(c.req.header('authorization'))
  if (!token) throw unauthorized()
  const rawClientId = c.req.path.match(CLIENT_PATH)?.[1]
  const clientId = rawClientId === undefined ? undefined : safeDecode(rawClientId)
  const validClientId = clientId !== undefined && CLIENT_ID.test(clientId)
  const { db, env } = c.get('deps')

  let principal: Principal
  let client: ClientContext | null | undefined
  if (env.ADMIN_API_KEY && sameKey(token, env.ADMIN_API_KEY)) {
    principal = { keyId: 'admin', name: 'bootstrap admin', role: 'admin', global: true }
    if (validClientId) client = (await findClientContext(db, clientId)) ?? null
  } else {
    const keyHash = hashApiKey(token)
    const cached =
      validClientId && c.req.method === 'POST' && EVALUATE_PATH.test(c.req.path)
        ? cachedKey(keyHash, clientId)
        : undefined
    if (cached) {
      principal = { keyId: cached.keyId, name: cached.name, role: cached.role, global: false }
      client = { id: cached.clientId, liveVersion: cached.liveVersion }
    } else {
      const found = await findKeyByHash(db, keyHash, validClientId ? clientId : undefined)
      if (!found) throw unauthorized()
      principal = { keyId: found.id, name: found.name, role: found.role, global: false }
      client = found.client
      if (client)
        rememberKey(keyHash, {
          keyId: found.id,
          name: found.name,
          role: found.role,
          clientId: client.id,
          liveVersion: client.liveVersion,
        })
    }
  }
  c.set('principal', principal)
  // A client segment that does not decode (`%E0%A4%A`) names no client either: 404 like any other.
  if (rawClientId !== undefined) {
    if (!client) throw notFound('client')
    c.set('client', client)
  }
  await next()
})

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/** Route guard: 403 `forbidden` when the key's role lacks the permission on its own client. */
export function requirePermission(permission: Permission, what: string = permission) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!roleMay(c.get('principal').role, permission)) throw forbidden(what)
    throwBodyError(c)
    await next()
  })
}
