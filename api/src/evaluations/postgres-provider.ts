import type { Kysely } from 'kysely'
import { hotQuery } from '../db/hot-query.js'
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
  /** The client's live version as of this statement (a publish is seen by the very next request). */
  liveVersion: number | null
  /** False when the calling key (if one was given) is revoked or gone. */
  keyValid: boolean
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
  live_version: number | null
  key_valid: boolean
}

// $1 client, $2 createdAt, $3 −1h, $4 −24h, $5 −7d, $6 email, $7 ip, $8 card key, $9 order id,
// $10 currency, $11 SKUs, $12 calling API key id (null: no key to re-check).
const CLIENT_DATA = `
  select
    (select json_build_object(
        'ordersByEmail1h', count(*) filter (where created_at >= $3),
        'ordersByEmail24h', count(*) filter (where created_at >= $4),
        'amountByEmail24h', coalesce(sum(total) filter (where created_at >= $4 and currency = $10), 0),
        'distinctCardsByEmail7d', count(distinct card_key))
      from orders
      where client_id = $1 and email = $6 and created_at >= $5 and created_at < $2
        and order_id <> $9) as by_email,
    (select json_build_object(
        'ordersByIp1h', count(*) filter (where created_at >= $3),
        'ordersByIp24h', count(*))
      from orders
      where client_id = $1 and ip = $7 and created_at >= $4 and created_at < $2
        and order_id <> $9) as by_ip,
    (select json_build_object(
        'ordersByCard24h', count(*) filter (where created_at >= $4),
        'distinctEmailsByCard7d', count(distinct email))
      from orders
      where client_id = $1 and card_key = $8 and created_at >= $5 and created_at < $2
        and order_id <> $9) as by_card,
    not exists (
      select 1 from orders
      where client_id = $1 and email = $6 and created_at < $2 and order_id <> $9) as is_first_order,
    (select json_agg(json_build_object('sku', sku, 'name', name, 'price', price, 'currency', currency,
        'stock', stock, 'category', category))
      from catalog_items where client_id = $1 and sku = any($11::text[])) as catalog_rows,
    exists (select 1 from catalog_items where client_id = $1) as has_catalog,
    (select json_object_agg(name, revision) from managed_lists where client_id = $1) as list_revisions,
    (select json_build_object('revision', o.revision, 'checksum', o.checksum, 'imported', o.imported,
        'cancelled', o.cancelled_at is not null,
        'decisionId', (select d.decision_id from decisions d
          where d.client_id = o.client_id and d.order_id = o.order_id and d.revision = o.revision))
      from orders o where o.client_id = $1 and o.order_id = $9) as existing,
    (select live_version from clients where id = $1) as live_version,
    ($12::text is null or exists (select 1 from api_keys where id = $12::text and revoked_at is null))
      as key_valid`

/**
 * Everything evaluate needs from Postgres in ONE statement, as of order.createdAt (policies.md):
 * velocity counters over [createdAt − window, createdAt) with this order id excluded, whatever the
 * outcome; isFirstOrder (no earlier order with this e-mail); the catalog rows of the order's SKUs;
 * the revisions of the client's managed lists; the stored state of this order id; the client's
 * live version; and whether the calling key is still valid (so evaluate can take the key's role and
 * scope from a short-lived cache and still refuse a revoked key at once).
 * Keys are normalised with the engine's own normalizeEmail/normalizeIp/cardKey, as they were when
 * the orders were written. Counts of a missing key are 0 (SQL `= null` matches nothing).
 * The lists are resolved later (resolveClientData), once the live version tells which it needs.
 */
export async function queryClientData(
  db: Kysely<Database>,
  clientId: string,
  order: Order,
  keyId: string | null,
): Promise<Row> {
  const at = parseInstant(order.createdAt) ?? Number.NaN
  const skus = [...new Set(order.items.map((item) => item.sku))]
  const rows = await hotQuery(db)<Row>(CLIENT_DATA, [
    clientId,
    new Date(at),
    new Date(at - HOUR),
    new Date(at - DAY),
    new Date(at - WEEK),
    normalizeEmail(order.customer.email),
    normalizeIp(order.customer.ip),
    cardKey(order.payment.card),
    order.id,
    order.currency,
    skus,
    keyId,
  ])
  const row = rows[0]
  if (!row) throw new Error('client data query returned no row')
  return row
}

export type ClientDataRow = Row

/** The engine's ClientData from the statement's row, loading only lists whose revision moved. */
export async function resolveClientData(
  db: Kysely<Database>,
  lists: ListCache,
  clientId: string,
  row: Row,
  needs: DataNeeds,
): Promise<LoadedData> {
  const velocity: VelocityFact = { ...row.by_email, ...row.by_ip, ...row.by_card }
  const catalog = row.has_catalog
    ? new Map((row.catalog_rows ?? []).map((item) => [item.sku, withoutNulls(item)]))
    : null
  const managedLists = await resolveLists(db, lists, clientId, needs.managedLists, row.list_revisions ?? {})
  return {
    data: { velocity, isFirstOrder: row.is_first_order, catalog, managedLists },
    existing: row.existing,
    liveVersion: row.live_version,
    keyValid: row.key_valid,
  }
}

/** queryClientData + resolveClientData for a known policy (simulate, the ClientDataProvider). */
export async function loadClientData(
  db: Kysely<Database>,
  lists: ListCache,
  clientId: string,
  order: Order,
  needs: DataNeeds,
): Promise<LoadedData> {
  const row = await queryClientData(db, clientId, order, null)
  return resolveClientData(db, lists, clientId, row, needs)
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
