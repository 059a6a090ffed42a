import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import {
  compactTrace,
  ENGINE_VERSION,
  type EvaluationResult,
  type Facts,
  type ListMatch,
  type RuleTrace,
} from '../engine.js'
import { notFound } from '../errors.js'
import { canonicalJson } from '../lib/checksum.js'
import { ceilToMillisecond, clampToStorable } from '../lib/instant-range.js'
import type { PolicyCache } from '../policies/policy-cache.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { decisionRowToDecision, decisionRowToDetail } from './decision.mapper.js'
import * as repo from './decisions.repository.js'
import type { ListDecisionsQuery } from './decisions.schemas.js'

/**
 * One stored decision with its trace. Evaluate stores only the compact trace (engine compactTrace):
 * the full trace is recomputed from the stored facts and the immutable version, flagged
 * `traceRecomputed`, and checked against the stored compact form: `traceVerified` is true only when
 * they agree (false when they differ, or when the decision has no compact trace to check against,
 * like the demo seed's history).
 */
export async function getDecision(
  db: Kysely<Database>,
  policies: PolicyCache,
  clientId: string,
  decisionId: string,
) {
  const row = await repo.findDecision(db, clientId, decisionId)
  if (!row) throw notFound('decision')
  const detail = decisionRowToDetail(row)
  const stored = row.trace_compact
  if (row.trace !== null) {
    const trace = row.trace as RuleTrace[]
    return stored === null ? detail : { ...detail, traceVerified: compactTrace(trace) === stored }
  }
  const policy = await policies.get(db, clientId, row.policy_version)
  if (!policy) return { ...detail, traceVerified: false }
  const result = policy.compiled.evaluate(row.facts as Facts, {
    managedLists: listsFromMatches(policy.compiled.needs.managedLists, row.data),
    trace: true,
  })
  const trace = result.trace ?? []
  const traceVerified = stored !== null && compactTrace(trace) === stored
  return { ...detail, trace, traceRecomputed: true, traceVerified }
}

/** The managed lists as an evaluation saw them, reduced to the entries it matched. */
function listsFromMatches(names: readonly string[], data: unknown): Map<string, Set<string>> {
  const lists = new Map<string, Set<string>>(names.map((name) => [name, new Set()]))
  for (const match of ((data ?? {}) as { listMatches?: ListMatch[] }).listMatches ?? []) {
    const set = lists.get(match.list) ?? new Set<string>()
    set.add(match.value)
    lists.set(match.list, set)
  }
  return lists
}

export async function listDecisions(db: Kysely<Database>, clientId: string, query: ListDecisionsQuery) {
  const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
  const rows = await repo.listDecisions(db, clientId, {
    // Year 0000 and 9999 with a negative offset are valid RFC 3339 but not readable by Postgres.
    ...(query.from ? { from: clampToStorable(ceilToMillisecond(query.from)) } : {}),
    ...(query.to ? { to: clampToStorable(ceilToMillisecond(query.to)) } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(query.ruleId ? { ruleId: query.ruleId } : {}),
    ...(query.orderId ? { orderId: query.orderId } : {}),
    ...(before ? { before } : {}),
    limit: query.limit + 1,
  })
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ at: new Date(last.evaluated_at), id: last.decision_id })
      : null
  return { data: page.map(decisionRowToDecision), nextCursor }
}

export interface Difference {
  field: string
  stored: unknown
  reproduced: unknown
}

/**
 * Re-evaluates a stored decision from what it recorded: the stored version's document (immutable,
 * checked against the stored checksum), the stored facts and the stored list matches (the managed
 * lists as that evaluation saw them, reduced to the entries that matched). Any field of the
 * outcome that differs is reported.
 */
export async function reproduceDecision(
  db: Kysely<Database>,
  policies: PolicyCache,
  clientId: string,
  decisionId: string,
) {
  const row = await repo.findDecision(db, clientId, decisionId)
  if (!row) throw notFound('decision')
  const policy = await policies.get(db, clientId, row.policy_version)
  if (!policy) throw notFound('policy version')
  const data = (row.data ?? {}) as { listMatches?: ListMatch[] }
  const managedLists = listsFromMatches(policy.compiled.needs.managedLists, row.data)
  const result: EvaluationResult = policy.compiled.evaluate(row.facts as Facts, { managedLists, trace: true })
  const differences: Difference[] = []
  const compare = (field: string, stored: unknown, reproduced: unknown) => {
    if (canonicalJson(stored ?? null) !== canonicalJson(reproduced ?? null))
      differences.push({ field, stored, reproduced })
  }
  compare('policyChecksum', row.policy_checksum, policy.checksum)
  compare('outcome', row.outcome, result.outcome)
  compare('score', row.score, result.score)
  compare('reasons', row.reasons, result.reasons)
  compare('tags', row.tags, result.tags)
  compare('errors', row.errors, result.errors)
  compare('listMatches', data.listMatches ?? [], result.listMatches)
  if (row.trace !== null) compare('trace', row.trace, result.trace)
  if (row.trace_compact !== null) compare('traceCompact', row.trace_compact, compactTrace(result.trace ?? []))
  const base = {
    decisionId,
    policyVersion: row.policy_version,
    engineVersion: { stored: row.engine_version, current: ENGINE_VERSION },
  }
  return differences.length === 0
    ? { identical: true as const, ...base }
    : { identical: false as const, differences, ...base }
}
