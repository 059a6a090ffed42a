import { type Kysely, sql } from 'kysely'
import type { Database } from '../../api/src/db/tables.js'
import { ChunkResults } from '../../api/src/replays/chunk-results.js'
import { replayOrder } from '../../api/src/replays/chunk-runner.js'
import { keyRow } from '../../api/src/replays/chunk-stream.js'
import {
  chunkPage,
  currentCatalog,
  currentLists,
  type ReplayOrderRow,
} from '../../api/src/replays/order-source.repository.js'
import { replayData } from '../../api/src/replays/replay-data.js'
import {
  createReplayEvaluator,
  emptyAggregate,
  type PolicyDocument,
  VelocityWindow,
} from '../../engine/src/index.js'

export interface LoopCost {
  orders: number
  /** µs per order, best of three passes, one thread, rows already in memory. */
  window: number
  windowAndParse: number
  whole: number
}

/**
 * A chunk's per-order work alone: `replayOrder` over `n` stored orders held in memory, on this
 * thread, with no database, no other thread and no I/O during the timed passes. With the read floor
 * it splits an end-to-end run into reading, the per-order work, and what running both at once on
 * the same cores adds (contention, GC, waiting).
 */
export async function replayLoopCost(
  db: Kysely<Database>,
  clientId: string,
  baseline: PolicyDocument,
  candidate: PolicyDocument,
  n: number,
): Promise<LoopCost> {
  const rows: ReplayOrderRow[] = []
  const hi = { at: new Date('9999-12-31T00:00:00Z'), orderId: '' }
  let from = { at: new Date(0), orderId: '' }
  while (rows.length < n) {
    const page = await chunkPage(db, clientId, from, hi, false, 5000, null)
    rows.push(...page.slice(0, n - rows.length))
    const last = page[page.length - 1]
    if (!last || page.length < 5000) break
    from = { at: last.created_at, orderId: last.order_id }
  }
  const evaluator = createReplayEvaluator(baseline, candidate)
  const current = {
    catalog: evaluator.needs.catalog ? await currentCatalog(db, clientId) : null,
    managedLists: await currentLists(db, clientId, evaluator.needs.managedLists),
  }
  const ctx = { evaluator, dataFor: (stored: unknown) => replayData(stored, null, current) }
  await sql`select 1`.execute(db) // nothing pending on the connection while timing
  let sink = 0
  const time = (pass: () => void) => {
    let best = Number.POSITIVE_INFINITY
    for (let k = 0; k < 3; k++) {
      const t = performance.now()
      pass()
      best = Math.min(best, ((performance.now() - t) * 1000) / rows.length)
    }
    return best
  }
  const window = time(() => {
    const w = new VelocityWindow()
    for (const row of rows) sink += w.next(keyRow(row)).velocity.ordersByEmail24h
  })
  const windowAndParse = time(() => {
    const w = new VelocityWindow()
    for (const row of rows) {
      sink += w.next(keyRow(row)).velocity.ordersByEmail24h
      sink += Object.keys(JSON.parse(row.document)).length
    }
  })
  const whole = time(() => {
    const w = new VelocityWindow()
    const aggregate = emptyAggregate()
    const results = new ChunkResults()
    for (const row of rows) replayOrder(ctx, w, row, aggregate, results)
    sink += results.count
  })
  if (sink < 0) throw new Error('unreachable')
  return { orders: rows.length, window, windowAndParse, whole }
}
