import type { Kysely } from 'kysely'
import type { Database, OutcomeValue } from '../db/tables.js'

export async function findDecision(db: Kysely<Database>, clientId: string, decisionId: string) {
  return db
    .selectFrom('decisions')
    .where('client_id', '=', clientId)
    .where('decision_id', '=', decisionId)
    .selectAll()
    .executeTakeFirst()
}

export interface DecisionFilter {
  from?: Date
  to?: Date
  outcome?: OutcomeValue
  ruleId?: string
  orderId?: string
  /** Keyset: strictly older than this (evaluated_at, decision_id). */
  before?: { at: Date; id: string }
  limit: number
}

/**
 * Newest first by (evaluated_at, decision_id), keyset-paginated so every page is one index range:
 * decisions_listing_idx, decisions_outcome_idx, or — for ruleId — the decision_rules side table,
 * which is ordered the same way and joined back by primary key.
 */
export async function listDecisions(db: Kysely<Database>, clientId: string, filter: DecisionFilter) {
  if (filter.ruleId !== undefined) {
    let query = db
      .selectFrom('decision_rules as r')
      .innerJoin('decisions as d', (join) =>
        join.onRef('d.client_id', '=', 'r.client_id').onRef('d.decision_id', '=', 'r.decision_id'),
      )
      .where('r.client_id', '=', clientId)
      .where('r.rule_id', '=', filter.ruleId)
    if (filter.from) query = query.where('r.evaluated_at', '>=', filter.from)
    if (filter.to) query = query.where('r.evaluated_at', '<', filter.to)
    if (filter.outcome) query = query.where('d.outcome', '=', filter.outcome)
    if (filter.orderId) query = query.where('d.order_id', '=', filter.orderId)
    const before = filter.before
    if (before) {
      query = query.where((eb) =>
        eb(eb.refTuple('r.evaluated_at', 'r.decision_id'), '<', eb.tuple(before.at, before.id)),
      )
    }
    return query
      .selectAll('d')
      .orderBy('r.evaluated_at', 'desc')
      .orderBy('r.decision_id', 'desc')
      .limit(filter.limit)
      .execute()
  }
  let query = db.selectFrom('decisions as d').where('d.client_id', '=', clientId)
  if (filter.from) query = query.where('d.evaluated_at', '>=', filter.from)
  if (filter.to) query = query.where('d.evaluated_at', '<', filter.to)
  if (filter.outcome) query = query.where('d.outcome', '=', filter.outcome)
  if (filter.orderId) query = query.where('d.order_id', '=', filter.orderId)
  const before = filter.before
  if (before) {
    query = query.where((eb) =>
      eb(eb.refTuple('d.evaluated_at', 'd.decision_id'), '<', eb.tuple(before.at, before.id)),
    )
  }
  return query
    .selectAll('d')
    .orderBy('d.evaluated_at', 'desc')
    .orderBy('d.decision_id', 'desc')
    .limit(filter.limit)
    .execute()
}
