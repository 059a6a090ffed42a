import type { Outcome, PolicyDocument, Reason, RuleError } from '@verdict/engine'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import { ApiError, notFound } from '../errors.js'
import { asReplayDb, type ReplayOrderRow } from './replay.tables.js'
import { listReplayOrders } from './replay-orders.repository.js'
import { findReplay } from './replays.repository.js'
import type { ReplayOrderResponse, ReplayOrdersQuery } from './replays.schemas.js'

/** A fired rule's reason, as the evaluator builds it from the rule's event (compile-rule.ts). */
function reasonIndex(doc: PolicyDocument): Map<string, Reason> {
  const index = new Map<string, Reason>()
  for (const rule of doc.rules) {
    const params = rule.event.params ?? {}
    const reason: Reason = { ruleId: rule.id, category: rule.category, type: rule.event.type }
    if (typeof params.points === 'number') reason.points = params.points
    if (typeof params.code === 'string') reason.code = params.code
    if (typeof params.message === 'string') reason.message = params.message
    if (typeof params.tag === 'string') reason.tag = params.tag
    index.set(rule.id, reason)
  }
  return index
}

function encodeCursor(row: ReplayOrderRow): string {
  return Buffer.from(JSON.stringify([row.created_at.toISOString(), row.order_id]), 'utf8').toString(
    'base64url',
  )
}

function decodeCursor(cursor: string): { at: Date; orderId: string } {
  try {
    const [at, orderId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown]
    const date = typeof at === 'string' ? new Date(at) : new Date(Number.NaN)
    if (Number.isNaN(date.getTime()) || typeof orderId !== 'string') throw new Error('bad cursor')
    return { at: date, orderId }
  } catch {
    throw new ApiError('validation_failed', 'cursor is not valid', [
      { path: 'cursor', message: 'not a cursor returned by this endpoint' },
    ])
  }
}

/** Replayed orders, newest first, with both versions' outcome, score, reasons and errors. */
export async function listOrders(
  db: Kysely<Database>,
  clientId: string,
  replayId: string,
  query: ReplayOrdersQuery,
): Promise<{ data: ReplayOrderResponse[]; nextCursor: string | null }> {
  const rdb = asReplayDb(db)
  const replay = await findReplay(rdb, clientId, replayId)
  if (!replay) throw notFound('replay')
  const rows = await listReplayOrders(
    rdb,
    { clientId, replayId },
    {
      changed: query.changed === true,
      cursor: query.cursor ? decodeCursor(query.cursor) : null,
      limit: query.limit + 1,
    },
  )
  const baseline = reasonIndex(replay.baseline_document as PolicyDocument)
  const candidate = reasonIndex(replay.candidate_document as PolicyDocument)
  const page = rows.slice(0, query.limit)
  const side = (
    index: Map<string, Reason>,
    outcome: string,
    score: number,
    rules: string[],
    errors: unknown,
  ) => ({
    outcome: outcome as Outcome,
    score,
    reasons: rules.map((id) => ({ ...(index.get(id) ?? { ruleId: id }) })),
    errors: (errors ?? []) as RuleError[],
  })
  return {
    data: page.map((row) => ({
      orderId: row.order_id,
      createdAt: row.created_at.toISOString(),
      label: row.label as ReplayOrderResponse['label'],
      changed: row.changed,
      source: row.stored_facts ? 'storedFacts' : 'currentData',
      baseline: side(
        baseline,
        row.baseline_outcome,
        row.baseline_score,
        row.baseline_rules,
        row.baseline_errors,
      ),
      candidate: side(
        candidate,
        row.candidate_outcome,
        row.candidate_score,
        row.candidate_rules,
        row.candidate_errors,
      ),
    })),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
  }
}
