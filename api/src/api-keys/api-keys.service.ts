import type { Kysely } from 'kysely'
import { ulid } from 'ulid'
import { generateApiKey, hashApiKey, keyPrefix } from '../auth/keys.js'
import { clientsInScope } from '../clients/clients.repository.js'
import type { Principal } from '../context.js'
import type { Database, Role } from '../db/tables.js'
import { ApiError, notFound } from '../errors.js'
import { insertApiKey, listKeysOfClient, revokeKey } from './api-keys.repository.js'
import type { ApiKeyResponse, CreatedApiKey } from './api-keys.schemas.js'

/**
 * The clients a new key is scoped to: the path's, then `clientIds` without repeats. One the caller
 * cannot see is refused (422 naming it) in the same words whether it exists or not, so ids of other
 * tenants do not leak.
 */
export async function scopeOfNewKey(
  db: Kysely<Database>,
  principal: Principal,
  clientId: string,
  more: readonly string[] = [],
): Promise<string[]> {
  const ids = [...new Set([clientId, ...more])]
  const visible = await clientsInScope(
    db,
    principal.global ? { all: true } : { keyId: principal.keyId },
    ids.slice(1),
  )
  const issues = more.flatMap((id, i) =>
    id === clientId || visible.has(id)
      ? []
      : [{ path: `clientIds[${i}]`, message: 'is not a client of yours' }],
  )
  if (issues.length > 0) throw new ApiError('validation_failed', 'request is not valid', issues)
  return ids
}

/** Creates a key scoped to the given clients; the only time the key itself exists is this answer. */
export async function createApiKey(
  db: Kysely<Database>,
  input: { clientIds: readonly string[]; name: string; role: Role; createdBy: Principal },
): Promise<CreatedApiKey> {
  const key = generateApiKey()
  const id = `key_${ulid()}`
  // The database's clock, as the key's listing shows it later.
  const createdAt = await db.transaction().execute((trx) =>
    insertApiKey(
      trx,
      {
        id,
        keyHash: hashApiKey(key),
        prefix: keyPrefix(key),
        name: input.name,
        role: input.role,
        createdBy: input.createdBy.keyId,
      },
      input.clientIds,
    ),
  )
  return {
    id,
    key,
    name: input.name,
    role: input.role,
    clientId: input.clientIds[0] ?? '',
    clientIds: [...input.clientIds],
    createdAt: createdAt.toISOString(),
  }
}

export async function listApiKeys(db: Kysely<Database>, clientId: string): Promise<ApiKeyResponse[]> {
  const rows = await listKeysOfClient(db, clientId)
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  }))
}

export async function revokeApiKey(db: Kysely<Database>, clientId: string, keyId: string): Promise<void> {
  if (!(await revokeKey(db, clientId, keyId))) throw notFound('api key')
}
