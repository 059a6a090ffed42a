import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database, NewOrderRevisionRow, NewOrderRow, OrderLabelValue } from '../db/tables.js'

type Executor = Kysely<Database> | Transaction<Database>

export interface StoredOrderKey {
  order_id: string
  checksum: string
  label: OrderLabelValue | null
}

/**
 * Serialises the imports of one client (until the transaction ends). An import inserts its ids in
 * file order across many batches inside one transaction, so two files holding the same ids in
 * different orders would each wait for the other's uncommitted rows: a deadlock, not a wait.
 */
export async function lockClientImports(db: Transaction<Database>, clientId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('verdict.orders.import'), hashtext(${clientId}))`.execute(
    db,
  )
}

/** Current checksum and label of the given order ids that the client already has. */
export async function findStoredOrders(
  db: Executor,
  clientId: string,
  orderIds: readonly string[],
): Promise<StoredOrderKey[]> {
  if (orderIds.length === 0) return []
  return db
    .selectFrom('orders')
    .select(['order_id', 'checksum', 'label'])
    .where('client_id', '=', clientId)
    .where('order_id', 'in', orderIds)
    .execute()
}

/**
 * One multi-row INSERT; ids that appeared meanwhile (a concurrent evaluate or import) are skipped
 * and NOT returned, so the caller re-checks them instead of failing the whole import on 23505.
 */
export async function insertOrders(db: Executor, rows: readonly NewOrderRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set()
  const inserted = await db
    .insertInto('orders')
    .values(rows as NewOrderRow[])
    .onConflict((oc) => oc.columns(['client_id', 'order_id']).doNothing())
    .returning('order_id')
    .execute()
  return new Set(inserted.map((r) => r.order_id))
}

export async function insertRevisions(db: Executor, rows: readonly NewOrderRevisionRow[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('order_revisions')
    .values(rows as NewOrderRevisionRow[])
    .execute()
}

/** Sets labels of already-stored orders: `[orderId, label]` pairs, one statement. */
export async function updateLabels(
  db: Executor,
  clientId: string,
  labels: readonly (readonly [string, OrderLabelValue])[],
): Promise<void> {
  if (labels.length === 0) return
  const values = sql.join(labels.map(([id, label]) => sql`(${id}, ${label})`))
  await sql`
    update orders o set label = v.label, updated_at = now()
    from (values ${values}) as v(order_id, label)
    where o.client_id = ${clientId} and o.order_id = v.order_id`.execute(db)
}
