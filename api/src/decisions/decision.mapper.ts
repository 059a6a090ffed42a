import type { DecisionRow } from '../db/tables.js'
import type { Decision } from './decisions.schemas.js'

/** The decision object of api.md (answer of evaluate, body of a stored decision). */
export function decisionRowToDecision(row: DecisionRow): Decision {
  return {
    decisionId: row.decision_id,
    clientId: row.client_id,
    orderId: row.order_id,
    outcome: row.outcome,
    score: row.score,
    policyVersion: row.policy_version,
    reasons: row.reasons as Decision['reasons'],
    tags: row.tags,
    errors: row.errors as Decision['errors'],
    shipping: row.shipping as Decision['shipping'],
    evaluatedAt: new Date(row.evaluated_at).toISOString(),
  }
}

/** The stored decision with everything an audit needs: trace, facts, data seen, exact version. */
export function decisionRowToDetail(row: DecisionRow) {
  const data = (row.data ?? {}) as { listMatches?: unknown[] }
  return {
    ...decisionRowToDecision(row),
    revision: row.revision,
    version: { version: row.policy_version, checksum: row.policy_checksum },
    engineVersion: row.engine_version,
    listMatches: data.listMatches ?? [],
    data: row.data,
    facts: row.facts,
    trace: row.trace,
    timings: row.timings,
  }
}

export type DecisionDetail = ReturnType<typeof decisionRowToDetail>
