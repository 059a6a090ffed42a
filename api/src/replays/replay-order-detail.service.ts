import {
  compilePolicy,
  deriveFacts,
  type EvaluationResult,
  type Order,
  type PolicyDocument,
  type VelocityFact,
  VelocityWindow,
  WINDOW_MS,
} from '@verdict/engine'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import { notFound } from '../errors.js'
import { keyRow, parseJson, warmUp } from './chunk-stream.js'
import { chunkPage, emailsSeenBefore } from './order-source.repository.js'
import { asReplayDb } from './replay.tables.js'
import { loadChunkContext } from './replay-context.js'
import { coversOrder, findReplay } from './replays.repository.js'

export interface ReplayOrderDetail {
  orderId: string
  order: Order
  label: string | null
  source: 'storedFacts' | 'currentData'
  velocity: VelocityFact
  isFirstOrder: boolean
  baseline: EvaluationResult
  candidate: EvaluationResult
}

/**
 * One order of a replay evaluated again by both versions, with traces: the drill-down behind a
 * changed order. Same windows and data as the replay (7-day warm-up before the order itself).
 */
export async function replayOrderDetail(
  db: Kysely<Database>,
  clientId: string,
  replayId: string,
  orderId: string,
): Promise<ReplayOrderDetail> {
  const replay = await findReplay(asReplayDb(db), clientId, replayId)
  if (!replay) throw notFound('replay')
  const found = await db
    .selectFrom('orders')
    .select(['created_at', 'order_id'])
    .where('client_id', '=', clientId)
    .where('order_id', '=', orderId)
    .executeTakeFirst()
  if (!found) throw notFound('order')
  const key = { at: found.created_at, orderId: found.order_id }
  // An order outside the replay's window or limit is not one of its orders (it would otherwise be
  // evaluated here and answered as if it had been replayed).
  if (!(await coversOrder(asReplayDb(db), clientId, replayId, key))) throw notFound('order')
  const ctx = await loadChunkContext(db, clientId, replayId)
  const [row] = await chunkPage(db, clientId, key, key, true, 1, ctx.asOf)
  if (!row) throw notFound('order')
  const streamStart = new Date(key.at.getTime() - WINDOW_MS.d7)
  const seen =
    row.email === null
      ? new Set<string>()
      : await emailsSeenBefore(db, clientId, [row.email], streamStart, ctx.asOf)
  const window = new VelocityWindow({ seenBefore: (email) => seen.has(email) })
  await warmUp(db, clientId, key, streamStart, window, 5000, ctx.asOf)
  const answer = window.next(keyRow(row))
  await ctx.prepare([row.stored_version])
  const data = ctx.dataFor(parseJson(row.stored_data), row.stored_version)
  const order = JSON.parse(row.document) as Order
  const clientData = { ...answer, catalog: data.catalog, managedLists: data.managedLists }
  const run = (doc: PolicyDocument) =>
    compilePolicy(doc).evaluate(deriveFacts(order, doc, clientData), {
      managedLists: data.managedLists,
      trace: true,
    })
  return {
    orderId,
    order,
    label: row.label,
    source: data.source,
    velocity: answer.velocity,
    isFirstOrder: answer.isFirstOrder,
    baseline: run(replay.baseline_document as PolicyDocument),
    candidate: run(replay.candidate_document as PolicyDocument),
  }
}
