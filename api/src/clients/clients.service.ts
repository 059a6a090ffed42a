import type { Kysely } from 'kysely'
import type { Principal } from '../context.js'
import { ConflictError, withPgErrors } from '../db/pg-errors.js'
import type { ClientRow, Database } from '../db/tables.js'
import { ApiError, notFound } from '../errors.js'
import { findClient, insertClient, listClients } from './clients.repository.js'
import type { ClientResponse, CreateClientBody } from './clients.schemas.js'

export function clientRowToClient(row: ClientRow): ClientResponse {
  return {
    id: row.id,
    name: row.name,
    liveVersion: row.live_version,
    createdAt: row.created_at.toISOString(),
  }
}

export async function createClient(db: Kysely<Database>, body: CreateClientBody): Promise<ClientResponse> {
  try {
    return clientRowToClient(await withPgErrors(() => insertClient(db, body)))
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
