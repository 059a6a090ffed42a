import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database, OrderSource } from '../db/tables.js'

const jsonb = (value: unknown): RawBuilder<unknown> => sql`${JSON.stringify(value)}::text::jsonb`

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

/**
 * Writes an evaluated order in ONE statement (data-modifying CTEs): order row, revision and decision
 * with its fired-rule index rows commit together or not at all, and a single round trip keeps the
 * hot path short. The unique keys (order id; one decision per revision) make concurrent duplicates
 * lose cleanly: the statement then writes nothing and returns false, and the caller re-reads.
 */
export async function writeEvaluation(
  db: Kysely<Database>,
  clientId: string,
  keys: OrderKeys,
  decision: DecisionValues,
  mode: WriteMode,
): Promise<{ written: boolean; revision: number }> {
  const c = clientId
  const revision = mode.kind === 'new' ? 1 : mode.kind === 'undecided' ? mode.revision : mode.from + 1
  let head: RawBuilder<unknown>
  if (mode.kind === 'new') {
    head = sql`
      insert into orders (client_id, order_id, revision, created_at, email, ip, card_key, total, currency,
        imported, checksum)
      values (${c}, ${keys.orderId}, 1, ${keys.createdAt}, ${keys.email}, ${keys.ip}, ${keys.cardKey},
        ${keys.total}, ${keys.currency}, false, ${keys.checksum})
      on conflict (client_id, order_id) do nothing
      returning client_id, order_id`
  } else if (mode.kind === 'undecided') {
    head = sql`
      update orders set imported = false, updated_at = now()
      where client_id = ${c} and order_id = ${keys.orderId} and revision = ${mode.revision}
        and checksum = ${keys.checksum}
      returning client_id, order_id`
  } else {
    head = sql`
      update orders set revision = ${revision}, created_at = ${keys.createdAt}, email = ${keys.email},
        ip = ${keys.ip}, card_key = ${keys.cardKey}, total = ${keys.total}, currency = ${keys.currency},
        checksum = ${keys.checksum}, imported = false, updated_at = now()
      where client_id = ${c} and order_id = ${keys.orderId} and revision = ${mode.from}
        and cancelled_at is null
      returning client_id, order_id`
  }
  const revisionInsert =
    mode.kind === 'undecided'
      ? sql`select 1`
      : sql`insert into order_revisions (client_id, order_id, revision, document, checksum, source)
          select client_id, order_id, ${revision}::int, ${jsonb(keys.document)}, ${keys.checksum},
            ${mode.kind === 'new' ? mode.source : 'modify'}
          from o`
  const d = decision
  const { rows } = await sql<{ written: number }>`
    with o as (${head}),
    r as (${revisionInsert}),
    d as (
      insert into decisions (client_id, decision_id, order_id, revision, policy_version, policy_checksum,
        engine_version, outcome, score, reasons, tags, errors, rule_ids, shipping, facts, data, trace, timings,
        evaluated_at)
      select client_id, ${d.decisionId}, order_id, ${revision}::int, ${d.policyVersion}::int, ${d.policyChecksum},
        ${d.engineVersion}, ${d.outcome}, ${d.score}::float8, ${jsonb(d.reasons)}, ${d.tags}::text[],
        ${jsonb(d.errors)}, ${d.ruleIds}::text[], ${jsonb(d.shipping)}, ${jsonb(d.facts)}, ${jsonb(d.data)},
        ${jsonb(d.trace)}, ${jsonb(d.timings)}, ${d.evaluatedAt}::timestamptz
      from o
      on conflict (client_id, order_id, revision) do nothing
      returning decision_id
    ),
    dr as (
      insert into decision_rules (client_id, rule_id, evaluated_at, decision_id)
      select ${c}, rule_id, ${d.evaluatedAt}::timestamptz, d.decision_id
      from d cross join unnest(${d.ruleIds}::text[]) as rule_id
    )
    select count(*)::int as written from d
  `.execute(db)
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
  return db
    .updateTable('orders')
    .set({ cancelled_at: new Date(), cancel_reason: reason, updated_at: new Date() })
    .where('client_id', '=', clientId)
    .where('order_id', '=', orderId)
    .where('cancelled_at', 'is', null)
    .returning(['cancelled_at', 'cancel_reason'])
    .executeTakeFirst()
}
