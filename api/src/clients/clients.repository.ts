import type { Kysely, Transaction } from 'kysely'
import type { ClientContext } from '../context.js'
import type { Database } from '../db/tables.js'

type Executor = Kysely<Database> | Transaction<Database>

export async function findClientContext(db: Executor, clientId: string): Promise<ClientContext | undefined> {
  const row = await db
    .selectFrom('clients')
    .where('id', '=', clientId)
    .select(['id', 'live_version'])
    .executeTakeFirst()
  return row ? { id: row.id, liveVersion: row.live_version } : undefined
}

export async function insertClient(db: Executor, client: { id: string; name: string }) {
  return db.insertInto('clients').values(client).returningAll().executeTakeFirstOrThrow()
}

/** Adds a client to a key's scope. */
export async function addToKeyScope(db: Executor, apiKeyId: string, clientId: string) {
  await db.insertInto('api_key_clients').values({ client_id: clientId, api_key_id: apiKeyId }).execute()
}

export async function findClient(db: Executor, clientId: string) {
  return db.selectFrom('clients').where('id', '=', clientId).selectAll().executeTakeFirst()
}

/** Every client (global admin) or the clients a key is scoped to. */
export async function listClients(db: Executor, scope: { all: true } | { keyId: string }) {
  let query = db.selectFrom('clients as c').selectAll('c').orderBy('c.id')
  if ('keyId' in scope) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('api_key_clients as s')
          .whereRef('s.client_id', '=', 'c.id')
          .where('s.api_key_id', '=', scope.keyId)
          .select('s.client_id'),
      ),
    )
  }
  return query.execute()
}
