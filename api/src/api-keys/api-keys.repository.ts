import { type Kysely, sql, type Transaction } from 'kysely'
import type { ClientContext } from '../context.js'
import type { Database, Role } from '../db/tables.js'

type Executor = Kysely<Database> | Transaction<Database>

export interface KeyLookup {
  id: string
  name: string
  role: Role
  /** The path's client when it exists AND the key is scoped to it, else null. */
  client: ClientContext | null
}

/**
 * One round trip per request: the key by hash and, when the path names a client, that client if
 * (and only if) the key is scoped to it. The evaluate hot path reads live_version from here.
 */
export async function findKeyByHash(
  db: Executor,
  keyHash: string,
  clientId: string | undefined,
): Promise<KeyLookup | undefined> {
  const row = await db
    .selectFrom('api_keys as k')
    .where('k.key_hash', '=', keyHash)
    .where('k.revoked_at', 'is', null)
    .select(['k.id', 'k.name', 'k.role'])
    .select((eb) =>
      eb
        .selectFrom('clients as c')
        .innerJoin('api_key_clients as s', (join) =>
          join.onRef('s.client_id', '=', 'c.id').onRef('s.api_key_id', '=', 'k.id'),
        )
        .where('c.id', '=', clientId ?? '')
        .select(sql<ClientContext>`json_build_object('id', c.id, 'liveVersion', c.live_version)`.as('client'))
        .as('client'),
    )
    .executeTakeFirst()
  if (!row) return undefined
  return { id: row.id, name: row.name, role: row.role, client: clientId ? row.client : null }
}

export async function insertApiKey(
  db: Executor,
  key: { id: string; keyHash: string; prefix: string; name: string; role: Role; createdBy: string },
  clientIds: readonly string[],
): Promise<Date> {
  const { created_at } = await db
    .insertInto('api_keys')
    .values({
      id: key.id,
      key_hash: key.keyHash,
      prefix: key.prefix,
      name: key.name,
      role: key.role,
      created_by: key.createdBy,
    })
    .returning('created_at')
    .executeTakeFirstOrThrow()
  if (clientIds.length) {
    await db
      .insertInto('api_key_clients')
      .values(clientIds.map((clientId) => ({ client_id: clientId, api_key_id: key.id })))
      .execute()
  }
  return created_at
}

export async function listKeysOfClient(db: Executor, clientId: string) {
  return db
    .selectFrom('api_keys as k')
    .innerJoin('api_key_clients as s', 's.api_key_id', 'k.id')
    .where('s.client_id', '=', clientId)
    .select(['k.id', 'k.name', 'k.role', 'k.prefix', 'k.created_at', 'k.created_by', 'k.revoked_at'])
    .orderBy('k.created_at')
    .orderBy('k.id')
    .execute()
}

export async function revokeKey(db: Executor, clientId: string, keyId: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('api_key_clients')
          .where('client_id', '=', clientId)
          .whereRef('api_key_id', '=', 'api_keys.id')
          .select('client_id'),
      ),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
