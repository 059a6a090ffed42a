import type { ExpressionBuilder, Kysely, Transaction } from 'kysely'
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

type Scope = { all: true } | { keyId: string }

/** The clients of a scope: every client (global admin), or the clients a key is scoped to. */
const inScope = (scope: Scope) => (eb: ExpressionBuilder<Database & { c: Database['clients'] }, 'c'>) =>
  'keyId' in scope
    ? eb.exists(
        eb
          .selectFrom('api_key_clients as s')
          .whereRef('s.client_id', '=', 'c.id')
          .where('s.api_key_id', '=', scope.keyId)
          .select('s.client_id'),
      )
    : eb.lit(true)

/** Which of `ids` are clients of the scope. */
export async function clientsInScope(
  db: Executor,
  scope: Scope,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db
    .selectFrom('clients as c')
    .select('c.id')
    .where('c.id', 'in', ids)
    .where(inScope(scope))
    .execute()
  return new Set(rows.map((r) => r.id))
}

/** Every client of the scope. */
export async function listClients(db: Executor, scope: Scope) {
  return db.selectFrom('clients as c').selectAll('c').where(inScope(scope)).orderBy('c.id').execute()
}
