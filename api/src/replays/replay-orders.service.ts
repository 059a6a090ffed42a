import type { Outcome, PolicyDocument, Reason, RuleError } from '@verdict/engine'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import { ApiError, notFound } from '../errors.js'
import { isStorableInstant } from '../lib/instant-range.js'
import { asReplayDb } from './replay.tables.js'
import { listAllOrders, listChangedOrders, type ReplayOrderResult } from './replay-orders.repository.js'
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

// Cursors are opaque: base64url JSON of ['c', createdAt, orderId, replayId] (changed orders,
// keyset) or ['a', chunk, segment, index, replayId] (all orders, a position in the result
// segments). The replay id binds a cursor to the replay that issued it: read on another replay it
// would name a position in different results and silently skip or repeat orders.
type Cursor =
  | { kind: 'c'; at: Date; orderId: string }
  | { kind: 'a'; chunk: number; segment: number; index: number }

const encode = (value: unknown[]) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')

function decodeCursor(cursor: string, changed: boolean, replayId: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    // A forged bound PostgreSQL cannot read (year 0000, U+0000 in text) would fail the query.
    if (
      changed &&
      v.length === 4 &&
      v[0] === 'c' &&
      typeof v[1] === 'string' &&
      typeof v[2] === 'string' &&
      !v[2].includes('\u0000') &&
      v[3] === replayId
    ) {
      const at = new Date(v[1])
      if (isStorableInstant(at.getTime())) return { kind: 'c', at, orderId: v[2] }
    }
    if (
      !changed &&
      v.length === 5 &&
      v[0] === 'a' &&
      v
        .slice(1, 4)
        .every((n) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 2_147_483_647) &&
      v[4] === replayId
    ) {
      return { kind: 'a', chunk: v[1] as number, segment: v[2] as number, index: v[3] as number }
    }
  } catch {}
  throw new ApiError('validation_failed', 'cursor is not valid', [
    { path: 'cursor', message: 'not a cursor returned by this endpoint for this replay and filter' },
  ])
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
  const key = { clientId, replayId }
  const changed = query.changed === true
  const cursor = query.cursor ? decodeCursor(query.cursor, changed, replayId) : null
  let rows: ReplayOrderResult[]
  let nextCursor: string | null
  if (changed) {
    const page = await listChangedOrders(rdb, key, cursor?.kind === 'c' ? cursor : null, query.limit + 1)
    rows = page.slice(0, query.limit)
    const last = rows[rows.length - 1]
    nextCursor =
      page.length > query.limit && last ? encode(['c', last.created_at, last.order_id, replayId]) : null
  } else {
    const page = await listAllOrders(rdb, key, cursor?.kind === 'a' ? cursor : null, query.limit)
    rows = page.rows
    nextCursor = page.next
      ? encode(['a', page.next.chunk, page.next.segment, page.next.index, replayId])
      : null
  }
  const baseline = reasonIndex(replay.baseline_document as PolicyDocument)
  const candidate = reasonIndex(replay.candidate_document as PolicyDocument)
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
    data: rows.map((row) => ({
      orderId: row.order_id,
      createdAt: row.created_at,
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
    nextCursor,
  }
}
