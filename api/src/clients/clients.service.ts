import type { Kysely } from 'kysely'
import type { Principal } from '../context.js'
import { ConflictError, withPgErrors } from '../db/pg-errors.js'
import type { ClientRow, Database } from '../db/tables.js'
import { ApiError, notFound } from '../errors.js'
import { addToKeyScope, findClient, insertClient, listClients } from './clients.repository.js'
import type { ClientResponse, CreateClientBody } from './clients.schemas.js'

export function clientRowToClient(row: ClientRow): ClientResponse {
  return {
    id: row.id,
    name: row.name,
    liveVersion: row.live_version,
    createdAt: row.created_at.toISOString(),
  }
}

/**
 * Creates a client. An admin key scoped to clients (api.md: `admin`, everything) gets the new one in
 * its scope, in the same transaction, so that it can set it up; the bootstrap key sees every client.
 */
export async function createClient(
  db: Kysely<Database>,
  body: CreateClientBody,
  principal: Principal,
): Promise<ClientResponse> {
  try {
    const row = await withPgErrors(() =>
      db.transaction().execute(async (tx) => {
        const inserted = await insertClient(tx, body)
        if (!principal.global) await addToKeyScope(tx, principal.keyId, inserted.id)
        return inserted
      }),
    )
    return clientRowToClient(row)
  } catch (error) {
    if (error instanceof ConflictError) throw new ApiError('conflict', `client ${body.id} already exists`)
    throw error
  }
}

export async function getClient(db: Kysely<Database>, clientId: string): Promise<ClientResponse> {
  const row = await findClient(db, clientId)
  if (!row) throw notFound('client')
  return clientRowToClient(row)
}

export async function listVisibleClients(
  db: Kysely<Database>,
  principal: Principal,
): Promise<ClientResponse[]> {
  const rows = await listClients(db, principal.global ? { all: true } : { keyId: principal.keyId })
  return rows.map(clientRowToClient)
}
