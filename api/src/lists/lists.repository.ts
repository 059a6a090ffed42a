import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database, ManagedListRow } from '../db/tables.js'

type Executor = Kysely<Database> | Transaction<Database>

export interface ListSummaryRow extends ManagedListRow {
  item_count: number
}

const BATCH = 5000

function summaries(db: Executor, clientId: string) {
  return db
    .selectFrom('managed_lists as l')
    .selectAll('l')
    .select((eb) =>
      eb
        .selectFrom('managed_list_items as i')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('i.client_id', '=', 'l.client_id')
        .whereRef('i.list_name', '=', 'l.name')
        .as('item_count'),
    )
    .where('l.client_id', '=', clientId)
}

export async function listLists(db: Executor, clientId: string): Promise<ListSummaryRow[]> {
  const rows = await summaries(db, clientId).orderBy('l.name').execute()
  return rows.map((r) => ({ ...r, item_count: r.item_count ?? 0 }))
}

export async function findList(
  db: Executor,
  clientId: string,
  name: string,
): Promise<ListSummaryRow | undefined> {
  const row = await summaries(db, clientId).where('l.name', '=', name).executeTakeFirst()
  return row && { ...row, item_count: row.item_count ?? 0 }
}

/** Locks the list row so concurrent replacements of one list serialise; undefined when absent. */
export async function lockList(
  db: Executor,
  clientId: string,
  name: string,
): Promise<{ name: string } | undefined> {
  return db
    .selectFrom('managed_lists')
    .select('name')
    .where('client_id', '=', clientId)
    .where('name', '=', name)
    .forUpdate()
    .executeTakeFirst()
}

/** Creates the list or updates its description; `created` tells which. */
export async function upsertList(
  db: Executor,
  clientId: string,
  name: string,
  description: string,
): Promise<{ created: boolean }> {
  const row = await db
    .insertInto('managed_lists')
    .values({ client_id: clientId, name, description })
    .onConflict((oc) =>
      oc.columns(['client_id', 'name']).doUpdateSet({ description, updated_at: sql<Date>`now()` }),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('created'))
    .executeTakeFirstOrThrow()
  return { created: row.created }
}

export async function deleteAllItems(db: Executor, clientId: string, name: string): Promise<void> {
  await db
    .deleteFrom('managed_list_items')
    .where('client_id', '=', clientId)
    .where('list_name', '=', name)
    .execute()
}

/** Adds normalised values; values already present are skipped. Returns how many were new. */
export async function insertItems(
  db: Executor,
  clientId: string,
  name: string,
  values: readonly string[],
): Promise<number> {
  let added = 0
  for (let i = 0; i < values.length; i += BATCH) {
    const batch = values.slice(i, i + BATCH).map((value) => ({ client_id: clientId, list_name: name, value }))
    const result = await db
      .insertInto('managed_list_items')
      .values(batch)
      .onConflict((oc) => oc.doNothing())
      .returning('value')
      .execute()
    added += result.length
  }
  return added
}

export async function deleteItem(
  db: Executor,
  clientId: string,
  name: string,
  value: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('managed_list_items')
    .where('client_id', '=', clientId)
    .where('list_name', '=', name)
    .where('value', '=', value)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

export async function listItems(db: Executor, clientId: string, name: string): Promise<string[]> {
  const rows = await db
    .selectFrom('managed_list_items')
    .select('value')
    .where('client_id', '=', clientId)
    .where('list_name', '=', name)
    .orderBy('value')
    .execute()
  return rows.map((r) => r.value)
}
