import {
  AMOUNT_SCALE,
  addToAggregate,
  emptyAggregate,
  type KeyedOrder,
  type Order,
  type ReplayAggregate,
  toScaled,
  VelocityWindow,
  WINDOW_MS,
} from '@verdict/engine'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import {
  chunkPage,
  emailsSeenBefore,
  type OrderKey,
  type WindowRow,
  warmupPage,
} from './order-source.repository.js'
import { asReplayDb } from './replay.tables.js'
import { type ChunkContext, loadChunkContext } from './replay-context.js'
import { finalizeReplay } from './replay-finalize.js'
import { insertReplayOrders, type ReplayOrderResult } from './replay-orders.repository.js'
import {
  chunkAggregates,
  findChunk,
  lockReplay,
  markChunkDone,
  replayStatus,
  setChunkProgress,
  startChunkAttempt,
} from './replays.repository.js'

export interface ChunkJob {
  clientId: string
  replayId: string
  chunkNo: number
}

export interface RunChunkOptions {
  /** Who runs it (process id, host): recorded on the chunk. */
  worker: string
  /** Orders per database page. */
  pageSize?: number
  /** Test hook: called after each page, before anything of the chunk is committed. */
  onPage?: (processed: number) => void | Promise<void>
}

export type ChunkOutcome = 'done' | 'already-done' | 'cancelled'

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

/** Feeds every order of the 7 days before the chunk (whatever the replay's range) to the window. */
async function warmUp(
  db: Kysely<Database>,
  ctx: ChunkContext,
  lo: OrderKey,
  since: Date,
  window: VelocityWindow,
  pageSize: number,
) {
  let cursor: OrderKey | null = null
  for (;;) {
    const rows = await warmupPage(db, ctx.clientId, since, lo, cursor, pageSize)
    for (const row of rows) window.warm(keyRow(row))
    const last = rows[rows.length - 1]
    if (!last || rows.length < pageSize) return
    cursor = { at: last.created_at, orderId: last.order_id }
  }
}

/**
 * Runs one chunk from scratch and commits its results in one transaction. Safe to run again after
 * a crash or concurrently with a stale attempt: only the first commit counts (markChunkDone).
 */
export async function runChunk(
  db: Kysely<Database>,
  job: ChunkJob,
  options: RunChunkOptions,
): Promise<ChunkOutcome> {
  const rdb = asReplayDb(db)
  const pageSize = options.pageSize ?? 2000
  const status = await replayStatus(rdb, job.clientId, job.replayId)
  if (status !== 'queued' && status !== 'running') return status === 'done' ? 'already-done' : 'cancelled'
  const chunk = await findChunk(rdb, job.clientId, job.replayId, job.chunkNo)
  if (!chunk) throw new Error(`replay ${job.replayId} has no chunk ${job.chunkNo}`)
  if (!(await startChunkAttempt(rdb, job, options.worker))) return 'already-done'
  const ctx = await loadChunkContext(db, job.clientId, job.replayId)
  const lo: OrderKey = { at: chunk.lo_at, orderId: chunk.lo_order_id }
  const hi: OrderKey = { at: chunk.hi_at!, orderId: chunk.hi_order_id! }
  const since = new Date(lo.at.getTime() - WINDOW_MS.d7)
  const seenBefore = new Set<string>()
  const asked = new Set<string>()
  const window = new VelocityWindow({ seenBefore: (email) => seenBefore.has(email) })
  await warmUp(db, ctx, lo, since, window, pageSize)

  const aggregate: ReplayAggregate = emptyAggregate()
  const results: ReplayOrderResult[] = []
  let cursor = lo
  let inclusive = true
  for (;;) {
    const rows = await chunkPage(db, job.clientId, cursor, hi, inclusive, pageSize)
    if (rows.length === 0) break
    const unknown = [...new Set(rows.map((r) => r.email))].filter(
      (e): e is string => e !== null && e !== '' && !asked.has(e),
    )
    for (const email of unknown) asked.add(email)
    for (const email of await emailsSeenBefore(db, job.clientId, unknown, since)) seenBefore.add(email)
    await ctx.prepare(rows.map((r) => r.stored_version))
    for (const row of rows) {
      const answer = window.next(keyRow(row))
      const data = ctx.dataFor(row.stored_data, row.stored_version)
      const ev = ctx.evaluator.evaluate({
        order: row.document as Order,
        label: row.label,
        window: answer,
        ...data,
      })
      addToAggregate(aggregate, ev)
      results.push({
        order_id: row.order_id,
        created_at: row.created_at.toISOString(),
        label: row.label,
        changed: ev.baseline.outcome !== ev.candidate.outcome,
        stored_facts: data.source === 'storedFacts',
        baseline_outcome: ev.baseline.outcome,
        baseline_score: ev.baseline.score,
        baseline_rules: ev.baseline.reasons.map((r) => r.ruleId),
        baseline_errors: ev.baseline.errors.length > 0 ? ev.baseline.errors : null,
        candidate_outcome: ev.candidate.outcome,
        candidate_score: ev.candidate.score,
        candidate_rules: ev.candidate.reasons.map((r) => r.ruleId),
        candidate_errors: ev.candidate.errors.length > 0 ? ev.candidate.errors : null,
      })
    }
    const last = rows[rows.length - 1]!
    cursor = { at: last.created_at, orderId: last.order_id }
    inclusive = false
    await options.onPage?.(results.length)
    if ((await replayStatus(rdb, job.clientId, job.replayId)) === 'cancelled') return 'cancelled'
    await setChunkProgress(rdb, job, results.length)
    if (rows.length < pageSize) break
  }
  return (await commitChunk(db, job, aggregate, results)) ? 'done' : 'already-done'
}

/** The chunk's results, its done flag and (for the last chunk) the summary: all or nothing. */
async function commitChunk(
  db: Kysely<Database>,
  job: ChunkJob,
  aggregate: ReplayAggregate,
  results: ReplayOrderResult[],
) {
  return asReplayDb(db)
    .transaction()
    .execute(async (trx) => {
      if (!(await markChunkDone(trx, job, aggregate))) return false
      await insertReplayOrders(trx, job, results)
      const replay = await lockReplay(trx, job.clientId, job.replayId)
      if (replay?.status !== 'running' && replay?.status !== 'queued') return true
      const { pending, aggregates } = await chunkAggregates(trx, job.clientId, job.replayId)
      if (pending === 0) await finalizeReplay(trx, job.clientId, job.replayId, aggregates)
      return true
    })
}
