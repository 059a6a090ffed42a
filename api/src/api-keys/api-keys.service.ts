import type { Kysely } from 'kysely'
import { ulid } from 'ulid'
import { generateApiKey, hashApiKey, keyPrefix } from '../auth/keys.js'
import type { Principal } from '../context.js'
import type { Database, Role } from '../db/tables.js'
import { notFound } from '../errors.js'
import { insertApiKey, listKeysOfClient, revokeKey } from './api-keys.repository.js'
import type { ApiKeyResponse, CreatedApiKey } from './api-keys.schemas.js'

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
