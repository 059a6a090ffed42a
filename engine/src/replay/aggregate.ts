import type { Outcome, Reason } from '../evaluate/result.types.js'
import type { OrderLabel } from '../order/order.types.js'
import type { Confusion, OutcomeCounts, ReplayAggregate } from './summary.types.js'

/** Width of a score histogram bucket: bucket `from` holds scores in [from, from + 10). */
export const SCORE_BUCKET = 10

/** One replayed order as the aggregate needs it. */
export interface ReplayedOrder {
  label: OrderLabel | null
  baseline: { outcome: Outcome; score: number; reasons: readonly Pick<Reason, 'ruleId'>[] }
  candidate: { outcome: Outcome; score: number; reasons: readonly Pick<Reason, 'ruleId'>[] }
  /** "fact path" keys the candidate read that were absent on this order (see missingFactKeys). */
  missing: readonly string[]
  source: 'storedFacts' | 'currentData'
}

const outcomes = (): OutcomeCounts => ({ approve: 0, review: 0, hold: 0, decline: 0 })
const confusion = (): Confusion => ({ tp: 0, fp: 0, fn: 0, tn: 0 })

/** The aggregate of no orders: the identity of `mergeAggregates`. */
export function emptyAggregate(): ReplayAggregate {
  return {
    total: 0,
    outcomes: { baseline: outcomes(), candidate: outcomes() },
    transitions: {},
    changedOrders: 0,
    ruleHits: { baseline: {}, candidate: {} },
    scores: { baseline: {}, candidate: {} },
    labels: { labeled: 0, baseline: confusion(), candidate: confusion() },
    missingFacts: {},
    sources: { storedFacts: 0, currentData: 0 },
  }
}

// Own-property checks: rule ids such as "constructor" are legal and must not hit Object.prototype.
function bump(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (Object.hasOwn(record, key) ? record[key]! : 0) + by
}

export function scoreBucket(score: number): number {
  return Math.floor(score / SCORE_BUCKET) * SCORE_BUCKET
}

function addConfusion(c: Confusion, positive: boolean, outcome: Outcome): void {
  const flagged = outcome === 'review' || outcome === 'decline'
  if (positive) flagged ? c.tp++ : c.fn++
  else flagged ? c.fp++ : c.tn++
}

/** Adds one replayed order to `agg` in place. */
export function addToAggregate(agg: ReplayAggregate, order: ReplayedOrder): void {
  const { baseline: b, candidate: c } = order
  agg.total++
  agg.outcomes.baseline[b.outcome]++
  agg.outcomes.candidate[c.outcome]++
  bump(agg.transitions, `${b.outcome}>${c.outcome}`)
  if (b.outcome !== c.outcome) agg.changedOrders++
  for (const r of b.reasons) bump(agg.ruleHits.baseline, r.ruleId)
  for (const r of c.reasons) bump(agg.ruleHits.candidate, r.ruleId)
  bump(agg.scores.baseline, String(scoreBucket(b.score)))
  bump(agg.scores.candidate, String(scoreBucket(c.score)))
  if (order.label !== null) {
    const positive = order.label === 'fraud' || order.label === 'chargeback'
    agg.labels.labeled++
    addConfusion(agg.labels.baseline, positive, b.outcome)
    addConfusion(agg.labels.candidate, positive, c.outcome)
  }
  for (const key of order.missing) bump(agg.missingFacts, key)
  agg.sources[order.source]++
}

function mergeRecord(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [key, n] of Object.entries(from)) bump(into, key, n)
}

function mergeCounts<T extends object>(a: T, b: T): T {
  const out = { ...a } as Record<string, number>
  for (const [key, n] of Object.entries(b)) out[key] = (out[key] ?? 0) + (n as number)
  return out as T
}

/**
 * Combines the aggregates of two disjoint sets of orders: merge(agg(a), agg(b)) = agg(a ∪ b).
 * Pure: returns a new aggregate.
 */
export function mergeAggregates(a: ReplayAggregate, b: ReplayAggregate): ReplayAggregate {
  const out = emptyAggregate()
  for (const x of [a, b]) {
    out.total += x.total
    out.changedOrders += x.changedOrders
    out.labels.labeled += x.labels.labeled
    mergeRecord(out.transitions, x.transitions)
    mergeRecord(out.ruleHits.baseline, x.ruleHits.baseline)
    mergeRecord(out.ruleHits.candidate, x.ruleHits.candidate)
    mergeRecord(out.scores.baseline, x.scores.baseline)
    mergeRecord(out.scores.candidate, x.scores.candidate)
    mergeRecord(out.missingFacts, x.missingFacts)
  }
  out.outcomes.baseline = mergeCounts(a.outcomes.baseline, b.outcomes.baseline)
  out.outcomes.candidate = mergeCounts(a.outcomes.candidate, b.outcomes.candidate)
  out.labels.baseline = mergeCounts(a.labels.baseline, b.labels.baseline)
  out.labels.candidate = mergeCounts(a.labels.candidate, b.labels.candidate)
  out.sources = mergeCounts(a.sources, b.sources)
  return out
}
