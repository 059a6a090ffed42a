import {
  addToAggregate,
  emptyAggregate,
  type Order,
  type ReplayAggregate,
  VelocityWindow,
  WINDOW_MS,
} from '@verdict/engine'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import { ChunkResults } from './chunk-results.js'
import { chunkPages, keyRow, parseJson, warmUp } from './chunk-stream.js'
import {
  type AsOf,
  type OrderKey,
  type ReplayOrderRow,
  storeFirstOrderEmails,
} from './order-source.repository.js'
import { asReplayDb } from './replay.tables.js'
import { type ChunkContext, loadChunkContext } from './replay-context.js'
import { finalizeReplay } from './replay-finalize.js'
import { compactRules } from './replay-orders.repository.js'
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
  /** Orders per database page (DEFAULT_PAGE_SIZE). */
  pageSize?: number
  /** Test hook: called after each page, before anything of the chunk is committed. */
  onPage?: (processed: number) => void | Promise<void>
  /** Test hook: called after the last page's cancel check, just before the commit. */
  beforeCommit?: () => void | Promise<void>
}

const ruleIds = (reasons: readonly { ruleId: string }[]) => {
  const ids = new Array<string>(reasons.length)
  for (let i = 0; i < reasons.length; i++) ids[i] = reasons[i]!.ruleId
  return ids
}

/**
 * Orders per database page. Larger pages mean fewer round trips and isFirstOrder look-ups per order
 * (bench:replay, back to back: 5,000 → 43.0k / 44.0k orders/s, 2,000 → 40.7k / 40.4k; PostgreSQL
 * 9.0 vs 9.8 µs per order); a page of JSON text is ~5 MB.
 */
export const DEFAULT_PAGE_SIZE = 5000

export type ChunkOutcome = 'done' | 'already-done' | 'cancelled'

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
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE
  const status = await replayStatus(rdb, job.clientId, job.replayId)
  if (status !== 'queued' && status !== 'running') return status === 'done' ? 'already-done' : 'cancelled'
  const chunk = await findChunk(rdb, job.clientId, job.replayId, job.chunkNo)
  if (!chunk) throw new Error(`replay ${job.replayId} has no chunk ${job.chunkNo}`)
  if (!(await startChunkAttempt(rdb, job, options.worker))) return 'already-done'
  const ctx = await loadChunkContext(db, job.clientId, job.replayId)
  const lo: OrderKey = { at: chunk.lo_at, orderId: chunk.lo_order_id }
  const hi: OrderKey = { at: chunk.hi_at!, orderId: chunk.hi_order_id! }
  const streamStart = new Date(lo.at.getTime() - WINDOW_MS.d7)
  const firstInStream = new Set(chunk.first_emails ?? (await computeFirstEmails(db, job, ctx.asOf)))
  const window = new VelocityWindow({ seenBefore: (email) => !firstInStream.has(email) })
  // The first page loads (on the thread's second connection) while the window warms up.
  const pages = chunkPages(db, job.clientId, { lo, hi, streamStart, asOf: ctx.asOf, probe: false }, pageSize)
  await warmUp(db, job.clientId, lo, streamStart, window, pageSize, ctx.asOf)

  const aggregate: ReplayAggregate = emptyAggregate()
  const results = new ChunkResults()
  // Progress and the cancel check run while the next page is evaluated, not in between.
  let progress: Promise<unknown> = Promise.resolve()
  for await (const page of pages) {
    await ctx.prepare(page.rows.map((r) => r.stored_version))
    for (const row of page.rows) replayOrder(ctx, window, row, aggregate, results)
    await options.onPage?.(results.count)
    if ((await progress) === 'cancelled') return 'cancelled'
    const processed = results.count
    progress = setChunkProgress(rdb, job, processed).then(() => replayStatus(rdb, job.clientId, job.replayId))
  }
  if ((await progress) === 'cancelled') return 'cancelled'
  await options.beforeCommit?.()
  return commitChunk(db, job, aggregate, results)
}

/** A chunk planned before replays stored first e-mails computes its own (storeFirstOrderEmails). */
async function computeFirstEmails(db: Kysely<Database>, job: ChunkJob, asOf: AsOf): Promise<string[]> {
  await storeFirstOrderEmails(db, job.clientId, job.replayId, asOf, job.chunkNo)
  const chunk = await findChunk(asReplayDb(db), job.clientId, job.replayId, job.chunkNo)
  return chunk?.first_emails ?? []
}

/**
 * One order of a chunk: its velocity from the window (fed in createdAt order), both evaluations on
 * the data of its time, counted in the aggregate and kept in the results.
 */
export function replayOrder(
  ctx: Pick<ChunkContext, 'evaluator' | 'dataFor'>,
  window: VelocityWindow,
  row: ReplayOrderRow,
  aggregate: ReplayAggregate,
  results: ChunkResults,
): void {
  const answer = window.next(keyRow(row))
  const data = ctx.dataFor(parseJson(row.stored_data), row.stored_version)
  const ev = ctx.evaluator.evaluate({
    order: JSON.parse(row.document) as Order,
    label: row.label,
    window: answer,
    ...data,
  })
  addToAggregate(aggregate, ev)
  const b = ev.baseline
  const c = ev.candidate
  const baselineRules = ruleIds(b.reasons)
  results.add([
    row.order_id,
    row.created_at.toISOString(),
    row.label,
    data.source === 'storedFacts',
    b.outcome,
    b.score,
    baselineRules,
    b.errors.length > 0 ? b.errors : null,
    c.outcome,
    c.score,
    compactRules(baselineRules, ruleIds(c.reasons)),
    c.errors.length > 0 ? c.errors : null,
  ])
}

/** Thrown inside the commit's transaction to roll it back: the replay was cancelled (or failed) meanwhile. */
class ReplayEnded extends Error {}

/**
 * The chunk's results, its done flag and (for the last chunk) the summary: all or nothing. A replay
 * cancelled since the last page's check gets nothing: the commit waits for the cancellation's row
 * lock (lockReplay), sees it, and rolls back.
 */
async function commitChunk(
  db: Kysely<Database>,
  job: ChunkJob,
  aggregate: ReplayAggregate,
  results: ChunkResults,
): Promise<ChunkOutcome> {
  try {
    return await asReplayDb(db)
      .transaction()
      .execute(async (trx) => {
        if (!(await markChunkDone(trx, job, aggregate))) return 'already-done'
        await results.insert(trx, job)
        const replay = await lockReplay(trx, job.clientId, job.replayId)
        if (replay?.status !== 'running' && replay?.status !== 'queued') throw new ReplayEnded()
        const { pending, aggregates } = await chunkAggregates(trx, job.clientId, job.replayId)
        if (pending === 0) await finalizeReplay(trx, job.clientId, job.replayId, aggregates)
        return 'done'
      })
  } catch (error) {
    if (error instanceof ReplayEnded) return 'cancelled'
    throw error
  }
}
