import { AMOUNT_SCALE, type KeyedOrder, toScaled, type VelocityWindow } from '@verdict/engine'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import {
  type AsOf,
  chunkPage,
  emailsSeenBefore,
  type OrderKey,
  type ReplayOrderRow,
  type WindowRow,
  warmupPage,
} from './order-source.repository.js'

export function keyRow(row: WindowRow): KeyedOrder {
  const amount = toScaled(row.total, AMOUNT_SCALE)
  if (amount === null) throw new RangeError(`order ${row.order_id}: total ${row.total} is not exact`)
  return {
    at: row.created_at.getTime(),
    email: row.email,
    ip: row.ip,
    card: row.card_key,
    currency: row.currency,
    amount,
    amountScale: AMOUNT_SCALE,
  }
}

/** A JSON text column of a chunk row (see ReplayOrderRow), parsed when its order is evaluated. */
export const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text))

/** Feeds every order of the 7 days before `lo` (whatever the replay's range) to the window. */
export async function warmUp(
  db: Kysely<Database>,
  clientId: string,
  lo: OrderKey,
  since: Date,
  window: VelocityWindow,
  pageSize: number,
  asOf: AsOf,
): Promise<void> {
  let cursor: OrderKey | null = null
  let page = warmupPage(db, clientId, since, lo, cursor, pageSize, asOf)
  for (;;) {
    const rows = await page
    const last = rows[rows.length - 1]
    // Ask for the next page before feeding this one: the database works while we count.
    if (last && rows.length === pageSize) {
      cursor = { at: last.created_at, orderId: last.order_id }
      page = warmupPage(db, clientId, since, lo, cursor, pageSize, asOf)
    }
    for (const row of rows) window.warm(keyRow(row))
    if (!last || rows.length < pageSize) return
  }
}

export interface ChunkPage {
  rows: ReplayOrderRow[]
  /**
   * E-mails of these rows that have an order before the stream started (isFirstOrder), when the
   * range asks for them (`probe`); empty otherwise.
   */
  seenBefore: Set<string>
}

/**
 * The chunk's orders [lo, hi] in (created_at, order_id) order, page by page, each page fetched (with
 * its isFirstOrder look-up) while the previous one is being evaluated. The first page starts loading
 * when this is called, not on the first `next()`, so a caller can warm its window up meanwhile.
 * Never more than two pages in memory.
 */
export function chunkPages(
  db: Kysely<Database>,
  clientId: string,
  range: { lo: OrderKey; hi: OrderKey; streamStart: Date; asOf: AsOf; probe: boolean },
  pageSize: number,
): AsyncGenerator<ChunkPage> {
  const asked = new Set<string>()
  const fetch = async (from: OrderKey, inclusive: boolean): Promise<ChunkPage> => {
    const rows = await chunkPage(db, clientId, from, range.hi, inclusive, pageSize, range.asOf)
    if (!range.probe) return { rows, seenBefore: new Set<string>() }
    const unknown: string[] = []
    for (const row of rows) {
      if (row.email !== null && !asked.has(row.email)) {
        asked.add(row.email)
        unknown.push(row.email)
      }
    }
    return {
      rows,
      seenBefore: await emailsSeenBefore(db, clientId, unknown, range.streamStart, range.asOf),
    }
  }
  // Each prefetch is awaited by the generator; a caller that stops early (a cancel, a failed
  // warm-up) must not leave one as an unhandled rejection.
  const prefetch = (from: OrderKey, inclusive: boolean) => {
    const page = fetch(from, inclusive)
    page.catch(() => {})
    return page
  }
  const first = prefetch(range.lo, true)
  async function* pages(): AsyncGenerator<ChunkPage> {
    let next = first
    for (;;) {
      const page = await next
      const last = page.rows[page.rows.length - 1]
      const more = last !== undefined && page.rows.length === pageSize
      if (more) next = prefetch({ at: last.created_at, orderId: last.order_id }, false)
      if (page.rows.length > 0) yield page
      if (!more) return
    }
  }
  return pages()
}
