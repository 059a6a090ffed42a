import type { Outcome } from '../evaluate/result.types.js'
import type { PolicyDocument } from '../policy/policy.types.js'
import { SCORE_BUCKET } from './aggregate.js'
import type {
  Confusion,
  HistogramBucket,
  LabelMetrics,
  ReplayAggregate,
  ReplaySummary,
} from './summary.types.js'

const OUTCOMES: readonly Outcome[] = ['approve', 'review', 'hold', 'decline']

export interface SummarySide {
  version: number | null
  document: PolicyDocument
}

const own = (record: Record<string, number>, key: string): number =>
  Object.hasOwn(record, key) ? record[key]! : 0

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den)

function metrics(c: Confusion): LabelMetrics {
  return {
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    falsePositiveRate: ratio(c.fp, c.fp + c.tn),
  }
}

function histogram(buckets: Record<string, number>): HistogramBucket[] {
  return Object.entries(buckets)
    .filter(([, count]) => count > 0)
    .map(([from, count]) => ({ from: Number(from), to: Number(from) + SCORE_BUCKET, count }))
    .sort((a, b) => a.from - b.from)
}

function ruleIds(baseline: PolicyDocument, candidate: PolicyDocument): string[] {
  const ids = new Set<string>()
  for (const rule of baseline.rules) ids.add(rule.id)
  for (const rule of candidate.rules) ids.add(rule.id)
  return [...ids]
}

/**
 * Turns a (merged) aggregate into the API's summary. Rules are the union of both documents' rule
 * ids (baseline order first, then rules only the candidate has), with 0 hits where a version lacks
 * or disables a rule; transitions list every pair that occurred in outcome order; score buckets
 * are [from, from + 10), only non-empty ones, ascending.
 */
export function summarize(
  agg: ReplayAggregate,
  baseline: SummarySide,
  candidate: SummarySide,
): ReplaySummary {
  const transitions: ReplaySummary['transitions'] = []
  for (const from of OUTCOMES) {
    for (const to of OUTCOMES) {
      const count = own(agg.transitions, `${from}>${to}`)
      if (count > 0) transitions.push({ from, to, count })
    }
  }
  const missingFacts = Object.entries(agg.missingFacts)
    .filter(([, orders]) => orders > 0)
    .map(([key, orders]) => {
      const space = key.indexOf(' ')
      return { fact: key.slice(0, space), path: key.slice(space + 1), orders }
    })
    .sort((a, b) => b.orders - a.orders || a.fact.localeCompare(b.fact) || a.path.localeCompare(b.path))
  return {
    total: agg.total,
    baseline: { version: baseline.version, outcomes: { ...agg.outcomes.baseline } },
    candidate: { version: candidate.version, outcomes: { ...agg.outcomes.candidate } },
    transitions,
    changedOrders: agg.changedOrders,
    rules: ruleIds(baseline.document, candidate.document).map((ruleId) => ({
      ruleId,
      baselineHits: own(agg.ruleHits.baseline, ruleId),
      candidateHits: own(agg.ruleHits.candidate, ruleId),
    })),
    scores: { baseline: histogram(agg.scores.baseline), candidate: histogram(agg.scores.candidate) },
    labels: {
      labeled: agg.labels.labeled,
      baseline: metrics(agg.labels.baseline),
      candidate: metrics(agg.labels.candidate),
    },
    missingFacts,
    sources: { ...agg.sources },
  }
}
