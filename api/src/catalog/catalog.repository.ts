import { type Kysely, sql, type Transaction } from 'kysely'
import type { CatalogItemRow, Database } from '../db/tables.js'

type Executor = Kysely<Database> | Transaction<Database>

export interface CatalogRowInput {
  sku: string
  name: string | null
  price: number
  currency: string
  stock: number
  category: string | null
}

/** Rows per multi-row INSERT: well under Postgres' 65,535 bind parameters (7 per row). */
const BATCH = 1000

/** Inserts or replaces rows by (client, sku); returns how many were new vs replaced. */
export async function upsertCatalogItems(
  db: Executor,
  clientId: string,
  rows: readonly CatalogRowInput[],
): Promise<{ inserted: number; updated: number }> {
  let inserted = 0
  let updated = 0
  // Rows are locked in the order they are written: one order (by SKU) for every upload, so two
  // concurrent uploads of the same SKUs wait for each other instead of deadlocking.
  const sorted = [...rows].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
  for (let i = 0; i < sorted.length; i += BATCH) {
    const batch = sorted.slice(i, i + BATCH).map((row) => ({ client_id: clientId, ...row }))
    const result = await db
      .insertInto('catalog_items')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['client_id', 'sku']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          price: eb.ref('excluded.price'),
          currency: eb.ref('excluded.currency'),
          stock: eb.ref('excluded.stock'),
          category: eb.ref('excluded.category'),
          updated_at: sql<Date>`now()`,
        })),
      )
      // xmax = 0 only for a freshly inserted tuple: tells inserts from updates in one round trip.
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute()
    for (const row of result) row.inserted ? inserted++ : updated++
  }
  return { inserted, updated }
}

export async function findCatalogItem(
  db: Executor,
  clientId: string,
  sku: string,
): Promise<CatalogItemRow | undefined> {
  return db
    .selectFrom('catalog_items')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('sku', '=', sku)
    .executeTakeFirst()
}
