import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/tables.js'
import {
  type CatalogItem,
  type ClientData,
  type ClientDataProvider,
  type ClientDataRequest,
  cardKey,
  type DataNeeds,
  normalizeEmail,
  normalizeIp,
  type Order,
  parseInstant,
  type VelocityFact,
} from '../engine.js'
import type { ListCache } from './list-cache.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const WEEK = 7 * DAY

/** The stored state of an order id, read in the same round trip as the data (idempotency). */
export interface ExistingOrder {
  revision: number
  checksum: string
  imported: boolean
  cancelled: boolean
  /** The decision of the current revision, if it was evaluated. */
  decisionId: string | null
}

export interface LoadedData {
  data: ClientData
  existing: ExistingOrder | null
}

interface Row {
  by_email: Pick<
    VelocityFact,
    'ordersByEmail1h' | 'ordersByEmail24h' | 'amountByEmail24h' | 'distinctCardsByEmail7d'
  >
  by_ip: Pick<VelocityFact, 'ordersByIp1h' | 'ordersByIp24h'>
  by_card: Pick<VelocityFact, 'ordersByCard24h' | 'distinctEmailsByCard7d'>
  is_first_order: boolean
  catalog_rows: CatalogItem[] | null
  has_catalog: boolean
  list_revisions: Record<string, number> | null
  existing: ExistingOrder | null
}

/**
 * Everything evaluate needs from Postgres in ONE statement, as of order.createdAt (policies.md):
 * velocity counters over [createdAt − window, createdAt) with this order id excluded, whatever the
 * outcome; isFirstOrder (no earlier order with this e-mail); the catalog rows of the order's SKUs;
 * the revisions of the managed lists the policy needs; and the stored state of this order id.
 * Keys are normalised with the engine's own normalizeEmail/normalizeIp/cardKey, as they were when
 * the orders were written. Counts of a missing key are 0 (SQL `= null` matches nothing).
 */
export async function loadClientData(
  db: Kysely<Database>,
  lists: ListCache,
  clientId: string,
  order: Order,
  needs: DataNeeds,
): Promise<LoadedData> {
  const at = parseInstant(order.createdAt) ?? Number.NaN
  const t = new Date(at)
  const h1 = new Date(at - HOUR)
  const d1 = new Date(at - DAY)
  const w1 = new Date(at - WEEK)
  const email = normalizeEmail(order.customer.email)
  const ip = normalizeIp(order.customer.ip)
  const card = cardKey(order.payment.card)
  const skus = [...new Set(order.items.map((item) => item.sku))]
  const id = order.id
  const c = clientId

  const { rows } = await sql<Row>`
    select
      (select json_build_object(
          'ordersByEmail1h', count(*) filter (where created_at >= ${h1}),
          'ordersByEmail24h', count(*) filter (where created_at >= ${d1}),
          'amountByEmail24h',
            coalesce(sum(total) filter (where created_at >= ${d1} and currency = ${order.currency}), 0),
          'distinctCardsByEmail7d', count(distinct card_key))
        from orders
        where client_id = ${c} and email = ${email} and created_at >= ${w1} and created_at < ${t}
          and order_id <> ${id}) as by_email,
      (select json_build_object(
          'ordersByIp1h', count(*) filter (where created_at >= ${h1}),
          'ordersByIp24h', count(*))
        from orders
        where client_id = ${c} and ip = ${ip} and created_at >= ${d1} and created_at < ${t}
          and order_id <> ${id}) as by_ip,
      (select json_build_object(
          'ordersByCard24h', count(*) filter (where created_at >= ${d1}),
          'distinctEmailsByCard7d', count(distinct email))
        from orders
        where client_id = ${c} and card_key = ${card} and created_at >= ${w1} and created_at < ${t}
          and order_id <> ${id}) as by_card,
      not exists (
        select 1 from orders
        where client_id = ${c} and email = ${email} and created_at < ${t} and order_id <> ${id}) as is_first_order,
      (select json_agg(json_build_object('sku', sku, 'name', name, 'price', price, 'currency', currency,
          'stock', stock, 'category', category))
        from catalog_items where client_id = ${c} and sku = any(${skus}::text[])) as catalog_rows,
      exists (select 1 from catalog_items where client_id = ${c}) as has_catalog,
      (select json_object_agg(name, revision)
        from managed_lists where client_id = ${c} and name = any(${needs.managedLists}::text[])) as list_revisions,
      (select json_build_object('revision', o.revision, 'checksum', o.checksum, 'imported', o.imported,
          'cancelled', o.cancelled_at is not null,
          'decisionId', (select d.decision_id from decisions d
            where d.client_id = o.client_id and d.order_id = o.order_id and d.revision = o.revision))
        from orders o where o.client_id = ${c} and o.order_id = ${id}) as existing
  `.execute(db)
  const row = rows[0]
  if (!row) throw new Error('client data query returned no row')

  const velocity: VelocityFact = { ...row.by_email, ...row.by_ip, ...row.by_card }
  const catalog = row.has_catalog
    ? new Map((row.catalog_rows ?? []).map((item) => [item.sku, withoutNulls(item)]))
    : null
  const managedLists = await resolveLists(db, lists, clientId, needs.managedLists, row.list_revisions ?? {})
  return {
    data: { velocity, isFirstOrder: row.is_first_order, catalog, managedLists },
    existing: row.existing,
  }
}

/** json_build_object gives SQL NULL as null; CatalogItem's optional fields are absent instead. */
function withoutNulls(item: CatalogItem): CatalogItem {
  const out: CatalogItem = { sku: item.sku, price: item.price, currency: item.currency, stock: item.stock }
  if (item.name != null) out.name = item.name
  if (item.category != null) out.category = item.category
  return out
}

async function resolveLists(
  db: Kysely<Database>,
  cache: ListCache,
  clientId: string,
  names: readonly string[],
  revisions: Record<string, number>,
): Promise<Map<string, ReadonlySet<string>>> {
  const out = new Map<string, ReadonlySet<string>>()
  const stale = new Map<string, number>()
  for (const name of names) {
    const revision = revisions[name]
    // A list the policy names but the client never created is simply empty.
    if (revision === undefined) out.set(name, new Set())
    else {
      const cached = cache.fresh(clientId, name, revision)
      if (cached) out.set(name, cached)
      else stale.set(name, revision)
    }
  }
  if (stale.size) for (const [name, values] of await cache.load(db, clientId, stale)) out.set(name, values)
  return out
}

/** The engine's ClientDataProvider over Postgres (used by simulate and by other callers of the engine). */
export function createPostgresProvider(
  db: Kysely<Database>,
  lists: ListCache,
  clientId: string,
): ClientDataProvider {
  return {
    async load(request: ClientDataRequest): Promise<ClientData> {
      return (await loadClientData(db, lists, clientId, request.order, request.needs)).data
    },
  }
}
