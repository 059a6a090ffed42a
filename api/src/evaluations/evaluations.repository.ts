import { type Kysely, sql } from 'kysely'
import { type HotQuery, hotQuery } from '../db/hot-query.js'
import type { Database, OrderSource } from '../db/tables.js'

/** The searchable keys of an order revision (already normalised with the engine's functions). */
export interface OrderKeys {
  orderId: string
  createdAt: Date
  email: string | null
  ip: string | null
  cardKey: string | null
  total: number
  currency: string
  checksum: string
  /** The order JSON as received. */
  document: unknown
}

export interface DecisionValues {
  decisionId: string
  policyVersion: number
  policyChecksum: string
  engineVersion: string
  outcome: string
  score: number
  reasons: unknown
  tags: string[]
  errors: unknown
  ruleIds: string[]
  shipping: unknown
  facts: unknown
  data: unknown
  trace: unknown
  /** engine compactTrace() of the evaluation (stored instead of the full trace). */
  traceCompact: string | null
  timings: unknown
  evaluatedAt: Date
}

export type WriteMode =
  /** A new order id: insert order + revision 1 + decision; nothing if the id exists (a concurrent twin). */
  | { kind: 'new'; source: OrderSource }
  /** An order stored without a decision (imported): add the decision to its current revision. */
  | { kind: 'undecided'; revision: number }
  /** A modification: revision `from` becomes `from + 1`, if nobody moved it meanwhile. */
  | { kind: 'modify'; from: number }

// Common parameters: $1 client, $2 order id, $3 revision (the one being written).
// Order keys: $4 createdAt, $5 email, $6 ip, $7 card key, $8 total, $9 currency, $10 checksum.
// $11 the revision the update expects (modify/undecided). The tail below continues at $12.
const HEAD = {
  new: `insert into orders (client_id, order_id, revision, created_at, email, ip, card_key, total, currency,
      imported, checksum)
    select $1, $2, 1, $4, $5, $6, $7, $8, $9, false, $10
    where $11::int is null
    on conflict (client_id, order_id) do nothing
    returning client_id, order_id`,
  undecided: `update orders set imported = false, updated_at = now()
    where client_id = $1 and order_id = $2 and revision = $11 and checksum = $10
    returning client_id, order_id`,
  modify: `update orders set revision = $3, created_at = $4, email = $5, ip = $6, card_key = $7, total = $8,
      currency = $9, checksum = $10, imported = false, updated_at = now()
    where client_id = $1 and order_id = $2 and revision = $11 and cancelled_at is null
    returning client_id, order_id`,
} as const

// $12 document, $13 source, $14 decision id, $15 policy version, $16 checksum, $17 engine version,
// $18 outcome, $19 score, $20 reasons, $21 tags, $22 errors, $23 rule ids, $24 shipping, $25 facts,
// $26 data, $27 trace, $28 compact trace, $29 timings, $30 evaluated at.
const tail = (withRevision: boolean) => `
  r as (${
    withRevision
      ? `insert into order_revisions (client_id, order_id, revision, document, checksum, source)
      select client_id, order_id, $3::int, $12::text::json, $10, $13::text from o`
      : 'select $12::text, $13::text'
  }),
  d as (
    insert into decisions (client_id, decision_id, order_id, revision, policy_version, policy_checksum,
      engine_version, outcome, score, reasons, tags, errors, rule_ids, shipping, facts, data, trace,
      trace_compact, timings, evaluated_at)
    select client_id, $14, order_id, $3::int, $15::int, $16, $17, $18, $19::float8, $20::text::json,
      $21::text[], $22::text::json, $23::text[], $24::text::json, $25::text::json, $26::text::json,
      $27::text::json, $28::text, $29::text::json, $30::timestamptz
    from o
    on conflict (client_id, order_id, revision) do nothing
    returning decision_id
  ),
  dr as (
    insert into decision_rules (client_id, rule_id, evaluated_at, decision_id)
    select $1, rule_id, $30::timestamptz, d.decision_id
    from d cross join unnest($23::text[]) as rule_id
  )
  select count(*)::int as written from d`

const STATEMENTS = {
  new: `with o as (${HEAD.new}),${tail(true)}`,
  // The keys are unchanged here; the unused CTE only gives their parameters a type.
  undecided: `with o as (${HEAD.undecided}),
    k as (select $4::timestamptz, $5::text, $6::text, $7::text, $8::numeric, $9::text),${tail(false)}`,
  modify: `with o as (${HEAD.modify}),${tail(true)}`,
}

/** A JSON column's parameter: its text, or SQL null for null/undefined. */
export const jsonText = (value: unknown) =>
  value === null || value === undefined ? null : JSON.stringify(value)

/**
 * Writes an evaluated order in ONE statement (data-modifying CTEs): order row, revision and decision
 * with its fired-rule index rows commit together or not at all, and a single round trip keeps the
 * hot path short. The unique keys (order id; one decision per revision) make concurrent duplicates
 * lose cleanly: the statement then writes nothing and returns false, and the caller re-reads.
 * The text is fixed per mode (a prepared statement on each connection); values are parameters.
 */
export function writeEvaluation(
  db: Kysely<Database>,
  clientId: string,
  keys: OrderKeys,
  decision: DecisionValues,
  mode: WriteMode,
): Promise<{ written: boolean; revision: number }> {
  return writeEvaluationWith(hotQuery(db), clientId, keys, decision, mode)
}

/** writeEvaluation through the given query function (the batched writer's single writes). */
export async function writeEvaluationWith(
  query: HotQuery,
  clientId: string,
  keys: OrderKeys,
  decision: DecisionValues,
  mode: WriteMode,
): Promise<{ written: boolean; revision: number }> {
  const revision = mode.kind === 'new' ? 1 : mode.kind === 'undecided' ? mode.revision : mode.from + 1
  const expected = mode.kind === 'new' ? null : mode.kind === 'undecided' ? mode.revision : mode.from
  const d = decision
  const rows = await query<{ written: number }>(STATEMENTS[mode.kind], [
    clientId,
    keys.orderId,
    revision,
    keys.createdAt,
    keys.email,
    keys.ip,
    keys.cardKey,
    keys.total,
    keys.currency,
    keys.checksum,
    expected,
    mode.kind === 'undecided' ? null : jsonText(keys.document),
    mode.kind === 'new' ? mode.source : 'modify',
    d.decisionId,
    d.policyVersion,
    d.policyChecksum,
    d.engineVersion,
    d.outcome,
    d.score,
    jsonText(d.reasons),
    d.tags,
    jsonText(d.errors),
    d.ruleIds,
    jsonText(d.shipping),
    jsonText(d.facts),
    jsonText(d.data),
    jsonText(d.trace),
    d.traceCompact,
    jsonText(d.timings),
    d.evaluatedAt,
  ])
  return { written: (rows[0]?.written ?? 0) > 0, revision }
}

/** The order row and its current decision (if any), for idempotent answers and re-reads. */
export async function findOrderState(db: Kysely<Database>, clientId: string, orderId: string) {
  return db
    .selectFrom('orders as o')
    .leftJoin('decisions as d', (join) =>
      join
        .onRef('d.client_id', '=', 'o.client_id')
        .onRef('d.order_id', '=', 'o.order_id')
        .onRef('d.revision', '=', 'o.revision'),
    )
    .where('o.client_id', '=', clientId)
    .where('o.order_id', '=', orderId)
    .select([
      'o.revision',
      'o.checksum',
      'o.imported',
      'o.cancelled_at',
      'o.cancel_reason',
      'o.created_at',
      'd.decision_id',
    ])
    .executeTakeFirst()
}

export async function cancelOrder(
  db: Kysely<Database>,
  clientId: string,
  orderId: string,
  reason: string | null,
) {
  // Stamped with the time the cancel took effect: the sub-select waits for the row lock of a
  // concurrent modification first, so a decision stored before never looks made after the
  // cancellation (a plain UPDATE computes its values before waiting, unless the row changed).
  const { rows } = await sql<{ cancelled_at: Date; cancel_reason: string | null }>`
    update orders set cancelled_at = clock_timestamp(), cancel_reason = ${reason}, updated_at = clock_timestamp()
    where client_id = ${clientId} and order_id = ${orderId} and cancelled_at is null
      and order_id = (select order_id from orders where client_id = ${clientId} and order_id = ${orderId} for update)
    returning cancelled_at, cancel_reason`.execute(db)
  return rows[0]
}
