import type { Kysely } from 'kysely'
import { GroupBatcher } from '../db/group-batcher.js'
import { columnParams, type HotQuery, hotQuery } from '../db/hot-query.js'
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
import { indexKey } from '../lib/index-key.js'
import { metrics } from '../observability/metrics.js'
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

// The statement's inputs, per order: client, createdAt and its −1h/−24h/−7d bounds, e-mail, IP, card
// key, order id, currency, its SKUs, the calling API key id (null: no key to re-check).
const INPUTS = [
  'client_id',
  'at',
  'h1',
  'd1',
  'd7',
  'email',
  'ip',
  'card_key',
  'order_id',
  'currency',
  'skus',
  'key_id',
] as const
type Refs = Record<(typeof INPUTS)[number], string>

/** The data facts of one order, its inputs referenced through `v` (parameters or a batch row). */
const dataColumns = (v: Refs) => `
    (select json_build_object(
        'ordersByEmail1h', count(*) filter (where created_at >= ${v.h1}),
        'ordersByEmail24h', count(*) filter (where created_at >= ${v.d1}),
        'amountByEmail24h', coalesce(sum(total) filter (where created_at >= ${v.d1} and currency = ${v.currency}), 0),
        'distinctCardsByEmail7d', count(distinct card_key))
      from orders
      where client_id = ${v.client_id} and email = ${v.email} and created_at >= ${v.d7} and created_at < ${v.at}
        and order_id <> ${v.order_id}) as by_email,
    (select json_build_object(
        'ordersByIp1h', count(*) filter (where created_at >= ${v.h1}),
        'ordersByIp24h', count(*))
      from orders
      where client_id = ${v.client_id} and ip = ${v.ip} and created_at >= ${v.d1} and created_at < ${v.at}
        and order_id <> ${v.order_id}) as by_ip,
    (select json_build_object(
        'ordersByCard24h', count(*) filter (where created_at >= ${v.d1}),
        'distinctEmailsByCard7d', count(distinct email))
      from orders
      where client_id = ${v.client_id} and card_key = ${v.card_key} and created_at >= ${v.d7} and created_at < ${v.at}
        and order_id <> ${v.order_id}) as by_card,
    not exists (
      select 1 from orders
      where client_id = ${v.client_id} and email = ${v.email} and created_at < ${v.at} and order_id <> ${v.order_id})
      as is_first_order,
    (select json_agg(json_build_object('sku', sku, 'name', name, 'price', price, 'currency', currency,
        'stock', stock, 'category', category))
      from catalog_items where client_id = ${v.client_id} and sku = any(${v.skus})) as catalog_rows,
    exists (select 1 from catalog_items where client_id = ${v.client_id}) as has_catalog,
    (select json_object_agg(name, revision) from managed_lists where client_id = ${v.client_id})
      as list_revisions,
    (select json_build_object('revision', o.revision, 'checksum', o.checksum, 'imported', o.imported,
        'cancelled', o.cancelled_at is not null,
        'decisionId', (select d.decision_id from decisions d
          where d.client_id = o.client_id and d.order_id = o.order_id and d.revision = o.revision))
      from orders o where o.client_id = ${v.client_id} and o.order_id = ${v.order_id}) as existing,
    (select live_version from clients where id = ${v.client_id}) as live_version,
    (${v.key_id} is null or exists (select 1 from api_keys where id = ${v.key_id} and revoked_at is null))
      as key_valid`

const cast: Partial<Refs> = {
  at: 'timestamptz',
  h1: 'timestamptz',
  d1: 'timestamptz',
  d7: 'timestamptz',
  skus: 'text[]',
}

/** One order: scalar parameters $1..$12. */
const CLIENT_DATA_ONE = `select ${dataColumns(
  Object.fromEntries(INPUTS.map((name, n) => [name, `$${n + 1}::${cast[name] ?? 'text'}`])) as Refs,
)}`

/**
 * A batch: one text[] parameter per input with one element per order (cast in `i`), one row per
 * order in the batch's order.
 */
const CLIENT_DATA_BATCH = `
  select ${dataColumns(Object.fromEntries(INPUTS.map((name) => [name, `i.${name}`])) as Refs)}
  from (
    select client_id, at::timestamptz as at, h1::timestamptz as h1, d1::timestamptz as d1,
      d7::timestamptz as d7, email, ip, card_key, order_id, currency,
      array(select json_array_elements_text(skus::json)) as skus, key_id, n
    from unnest(${INPUTS.map((_, n) => `$${n + 1}::text[]`).join(', ')}) with ordinality
      as t(${INPUTS.join(', ')}, n)) as i
  order by i.n`

interface DataRequest {
  clientId: string
  order: Order
  keyId: string | null
}

function inputs(r: DataRequest): (string | string[] | null)[] {
  const at = parseInstant(r.order.createdAt)
  if (at === null) throw new RangeError(`order ${r.order.id}: createdAt is not an instant`)
  const iso = (ms: number) => new Date(ms).toISOString()
  return [
    r.clientId,
    iso(at),
    iso(at - HOUR),
    iso(at - DAY),
    iso(at - WEEK),
    indexKey(normalizeEmail(r.order.customer.email)),
    indexKey(normalizeIp(r.order.customer.ip)),
    cardKey(r.order.payment.card),
    r.order.id,
    r.order.currency,
    [...new Set(r.order.items.map((item) => item.sku))],
    r.keyId,
  ]
}

async function readOne(query: HotQuery, r: DataRequest): Promise<Row> {
  const [row] = await query<Row>(CLIENT_DATA_ONE, inputs(r))
  if (!row) throw new Error('client data query returned no row')
  return row
}

async function readBatch(query: HotQuery, batch: readonly DataRequest[]): Promise<Row[]> {
  const text = (value: string | string[] | null) => (Array.isArray(value) ? JSON.stringify(value) : value)
  const params = columnParams(
    batch.map((r) => inputs(r).map(text)),
    INPUTS.length,
  )
  const rows = await query<Row>(CLIENT_DATA_BATCH, params)
  if (rows.length !== batch.length) throw new Error('client data query did not return one row per order')
  return rows
}

const readers = new WeakMap<object, GroupBatcher<DataRequest, Row>>()

/**
 * Everything evaluate needs from Postgres in ONE statement, as of order.createdAt (policies.md):
 * velocity counters over [createdAt − window, createdAt) with this order id excluded, whatever the
 * outcome; isFirstOrder (no earlier order with this e-mail); the catalog rows of the order's SKUs;
 * the revisions of the client's managed lists; the stored state of this order id; the client's
 * live version; and whether the calling key is still valid (so evaluate can take the key's role and
 * scope from a short-lived cache and still refuse a revoked key at once).
 * Keys are normalised with the engine's own normalizeEmail/normalizeIp/cardKey (and indexKey), as they were when
 * the orders were written. Counts of a missing key are 0 (SQL `= null` matches nothing).
 * The lists are resolved later (resolveClientData), once the live version tells which it needs.
 * Concurrent requests share the statement (GroupBatcher: one row per order).
 */
export async function queryClientData(
  db: Kysely<Database>,
  clientId: string,
  order: Order,
  keyId: string | null,
): Promise<Row> {
  let reader = readers.get(db)
  if (!reader) {
    const query = hotQuery(db)
    reader = new GroupBatcher({
      run: (batch) => readBatch(query, batch),
      runOne: (r) => readOne(query, r),
      observe: (batch) => metrics.recordBatch('evaluate_read', batch),
    })
    readers.set(db, reader)
  }
  return reader.submit({ clientId, order, keyId })
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
