import { type CatalogItem, WINDOW_MS } from '@verdict/engine'
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../db/tables.js'

type Executor = Kysely<Database> | Transaction<Database>

/** A position in a client's orders, ordered by (created_at, order_id). */
export interface OrderKey {
  at: Date
  orderId: string
}

/**
 * The instant a replay was created, as the database's own text (microseconds; a JS Date would drop
 * them): it covers only orders stored by then (`received_at <= asOf`), so orders imported or
 * evaluated while it runs are neither replayed nor counted in velocity. Null: every stored order.
 */
export type AsOf = string | null

/** The orders a replay covers: created_at in [from, to), then the most recent `limit` of those. */
export interface OrderRange {
  from?: Date | null
  to?: Date | null
  limit?: number | null
  asOf?: AsOf
}

/** The database's clock now, as an AsOf. */
export async function databaseNow(db: Executor): Promise<string> {
  const { rows } = await sql<{ now: string }>`select clock_timestamp()::text as now`.execute(db)
  return rows[0]!.now
}

const storedBy = (asOf: AsOf) =>
  asOf === null ? sql<boolean>`true` : sql<boolean>`o.received_at <= ${asOf}::timestamptz`

/** What the sliding window needs from an order: its stored keys (normalised on write by the core). */
export interface WindowRow {
  order_id: string
  created_at: Date
  email: string | null
  ip: string | null
  card_key: string | null
  total: number
  currency: string
}

/**
 * A chunk order. The JSON columns come as TEXT and each consumer parses one order at a time, right
 * before using it: parsed by the driver, a whole page of order objects (~60 allocations each) lived
 * through young-generation collections and got copied and promoted; parsed late they die young.
 * bench: fetching 2,000-row pages cost 11.2 µs of CPU per order with the driver parsing, 4.7 µs as
 * text, and JSON.parse alone is ~3.2 µs.
 */
export interface ReplayOrderRow extends WindowRow {
  label: 'fraud' | 'chargeback' | 'legit' | null
  /** The current revision's order, JSON text. */
  document: string
  /** JSON text of the client data the order's decision saw; null for an order never evaluated. */
  stored_data: string | null
  stored_version: number | null
}

const after = (k: OrderKey) => sql<boolean>`(o.created_at, o.order_id) > (${k.at}, ${k.orderId})`
const atOrAfter = (k: OrderKey) => sql<boolean>`(o.created_at, o.order_id) >= (${k.at}, ${k.orderId})`
const atOrBefore = (k: OrderKey) => sql<boolean>`(o.created_at, o.order_id) <= (${k.at}, ${k.orderId})`
const before = (k: OrderKey) => sql<boolean>`(o.created_at, o.order_id) < (${k.at}, ${k.orderId})`

function inRange(db: Executor, clientId: string, range: OrderRange) {
  let q = db.selectFrom('orders as o').where('o.client_id', '=', clientId)
  if (range.from) q = q.where('o.created_at', '>=', range.from)
  if (range.to) q = q.where('o.created_at', '<', range.to)
  return q.where(storedBy(range.asOf ?? null))
}

/**
 * Splits the replay's orders into chunks of `chunkSize` consecutive orders: keyset ranges [lo, hi]
 * (both inclusive, both real orders). One ordered index pass; `limit` keeps the most recent N.
 */
export async function planChunks(
  db: Executor,
  clientId: string,
  range: OrderRange,
  chunkSize: number,
): Promise<{ lo: OrderKey; hi: OrderKey; orders: number }[]> {
  let lower: OrderKey | undefined
  if (range.limit) {
    const row = await inRange(db, clientId, range)
      .select(['o.created_at', 'o.order_id'])
      .orderBy('o.created_at', 'desc')
      .orderBy('o.order_id', 'desc')
      .offset(range.limit - 1)
      .limit(1)
      .executeTakeFirst()
    if (row) lower = { at: row.created_at, orderId: row.order_id }
  }
  let q = inRange(db, clientId, range)
  if (lower) q = q.where(atOrAfter(lower))
  const inner = q.select([
    'o.created_at',
    'o.order_id',
    sql<number>`(row_number() over (order by o.created_at, o.order_id) - 1)::int`.as('rn'),
    sql<number>`(count(*) over ())::int`.as('n'),
  ])
  const rows = await db
    .selectFrom(inner.as('s'))
    .selectAll()
    .where(sql<boolean>`s.rn % ${chunkSize} = 0 or s.rn % ${chunkSize} = ${chunkSize - 1} or s.rn = s.n - 1`)
    .orderBy('s.rn')
    .execute()
  const chunks: { lo: OrderKey; hi: OrderKey; orders: number }[] = []
  for (const row of rows) {
    const key = { at: row.created_at, orderId: row.order_id }
    if (row.rn % chunkSize === 0) chunks.push({ lo: key, hi: key, orders: 1 })
    const open = chunks[chunks.length - 1]!
    open.hi = key
    open.orders = row.rn - Math.floor(row.rn / chunkSize) * chunkSize + 1
  }
  return chunks
}

/** Keys of the orders just before a chunk (every order, whatever the replay's range), in order. */
export function warmupPage(
  db: Executor,
  clientId: string,
  since: Date,
  lo: OrderKey,
  cursor: OrderKey | null,
  n: number,
  asOf: AsOf,
) {
  let q = db
    .selectFrom('orders as o')
    .select(['o.order_id', 'o.created_at', 'o.email', 'o.ip', 'o.card_key', 'o.total', 'o.currency'])
    .where('o.client_id', '=', clientId)
    .where('o.created_at', '>=', since)
    .where(before(lo))
    .where(storedBy(asOf))
  if (cursor) q = q.where(after(cursor))
  return q.orderBy('o.created_at').orderBy('o.order_id').limit(n).execute() as Promise<WindowRow[]>
}

/** One page of a chunk's orders, with the current revision's JSON and its decision's stored data. */
export function chunkPage(
  db: Executor,
  clientId: string,
  from: OrderKey,
  hi: OrderKey,
  inclusive: boolean,
  n: number,
  asOf: AsOf,
) {
  return db
    .selectFrom('orders as o')
    .innerJoin('order_revisions as r', (j) =>
      j
        .onRef('r.client_id', '=', 'o.client_id')
        .onRef('r.order_id', '=', 'o.order_id')
        .onRef('r.revision', '=', 'o.revision'),
    )
    .leftJoin('decisions as d', (j) =>
      j
        .onRef('d.client_id', '=', 'o.client_id')
        .onRef('d.order_id', '=', 'o.order_id')
        .onRef('d.revision', '=', 'o.revision'),
    )
    .select([
      'o.order_id',
      'o.created_at',
      'o.email',
      'o.ip',
      'o.card_key',
      'o.total',
      'o.currency',
      'o.label',
      sql<string>`r.document::text`.as('document'),
      sql<string | null>`d.data::text`.as('stored_data'),
      'd.policy_version as stored_version',
    ])
    .where('o.client_id', '=', clientId)
    .where(inclusive ? atOrAfter(from) : after(from))
    .where(atOrBefore(hi))
    .where(storedBy(asOf))
    .orderBy('o.created_at')
    .orderBy('o.order_id')
    .limit(n)
    .execute() as Promise<ReplayOrderRow[]>
}

/**
 * Which of `emails` have an order created before `before` (isFirstOrder beyond the warm-up), for
 * the few orders of a replay's order detail and the studio's sample; replay chunks use the first
 * e-mails stored with them (storeFirstOrderEmails) instead of a probe per e-mail. One
 * array parameter and an EXISTS probe per e-mail, which stops at its first earlier order: an IN
 * list of a page's ~5,000 e-mails made every call bind and plan 5,000 parameters and read every
 * earlier order of each e-mail.
 */
export async function emailsSeenBefore(
  db: Executor,
  clientId: string,
  emails: string[],
  before: Date,
  asOf: AsOf,
) {
  if (emails.length === 0) return new Set<string>()
  const { rows } = await sql<{ email: string }>`
    select e.email from unnest(${emails}::text[]) as e(email)
    where exists (select 1 from orders o
      where o.client_id = ${clientId} and o.email = e.email and o.created_at < ${before}
        and ${storedBy(asOf)})`.execute(db)
  return new Set(rows.map((r) => r.email))
}

/**
 * Stores on each chunk of the replay (or on chunk `chunkNo` alone) the e-mails whose first order
 * stored by `asOf` lies in the chunk's stream [lo − 7 days, hi]. A chunk's window knows every e-mail
 * of its stream; an e-mail that first appears there at an order has an earlier order (isFirstOrder
 * false) exactly when it is NOT in this set. One ordered pass over orders_email_idx for the whole
 * replay, where asking per chunk for each e-mail new to its stream (emailsSeenBefore) cost ~90,000
 * index probes per 125,000-order chunk: ~4.4 µs of PostgreSQL per order (bench:replay).
 */
export async function storeFirstOrderEmails(
  // Any database type: the statement is plain SQL over orders and replay_chunks.
  db: Kysely<any> | Transaction<any>,
  clientId: string,
  replayId: string,
  asOf: AsOf,
  chunkNo?: number,
): Promise<void> {
  await sql`
    with first as materialized (
      select o.email, min(o.created_at) as first_at from orders o
      where o.client_id = ${clientId} and o.email is not null and ${storedBy(asOf)}
      group by o.email)
    update replay_chunks c set first_emails = coalesce((
        select array_agg(f.email) from first f
        where f.first_at >= c.lo_at - make_interval(secs => ${sql.lit(WINDOW_MS.d7 / 1000)})
          and f.first_at <= c.hi_at), '{}')
    where c.client_id = ${clientId} and c.replay_id = ${replayId}
      and ${chunkNo === undefined ? sql<boolean>`true` : sql<boolean>`c.chunk_no = ${chunkNo}`}`.execute(db)
}

/** The client's whole catalog now, or null when it has none (items facts then skip catalog checks). */
export async function currentCatalog(
  db: Executor,
  clientId: string,
): Promise<Map<string, CatalogItem> | null> {
  const rows = await db.selectFrom('catalog_items').selectAll().where('client_id', '=', clientId).execute()
  if (rows.length === 0) return null
  const catalog = new Map<string, CatalogItem>()
  for (const r of rows) {
    catalog.set(r.sku, {
      sku: r.sku,
      price: r.price,
      currency: r.currency,
      stock: r.stock,
      ...(r.name !== null ? { name: r.name } : {}),
      ...(r.category !== null ? { category: r.category } : {}),
    })
  }
  return catalog
}

/** Current contents of the named managed lists (absent lists are empty). */
export async function currentLists(db: Executor, clientId: string, names: readonly string[]) {
  const lists = new Map<string, Set<string>>(names.map((n) => [n, new Set<string>()]))
  if (names.length === 0) return lists
  const rows = await db
    .selectFrom('managed_list_items')
    .select(['list_name', 'value'])
    .where('client_id', '=', clientId)
    .where('list_name', 'in', [...names])
    .execute()
  for (const r of rows) lists.get(r.list_name)?.add(r.value)
  return lists
}
