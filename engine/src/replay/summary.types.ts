import type { Outcome } from '../evaluate/result.types.js'

export type OutcomeCounts = Record<Outcome, number>

/** Confusion counts over labelled orders: positive = fraud|chargeback, flagged = review|decline. */
export interface Confusion {
  tp: number
  fp: number
  fn: number
  tn: number
}

/**
 * The mergeable state of a replay: plain JSON (it is stored per chunk in the database) whose every
 * leaf is a count, so two aggregates combine by adding counts (`mergeAggregates`).
 * Keys: `transitions` "from>to"; `scores` the lower bound of a 10-point bucket; `missingFacts`
 * "fact path" (fact names have no spaces).
 */
export interface ReplayAggregate {
  total: number
  outcomes: { baseline: OutcomeCounts; candidate: OutcomeCounts }
  transitions: Record<string, number>
  changedOrders: number
  ruleHits: { baseline: Record<string, number>; candidate: Record<string, number> }
  scores: { baseline: Record<string, number>; candidate: Record<string, number> }
  labels: { labeled: number; baseline: Confusion; candidate: Confusion }
  missingFacts: Record<string, number>
  sources: { storedFacts: number; currentData: number }
}

export interface HistogramBucket {
  /** Inclusive lower bound. */
  from: number
  /** Exclusive upper bound (from + 10). */
  to: number
  count: number
}

export interface LabelMetrics {
  precision: number | null
  recall: number | null
  falsePositiveRate: number | null
}

/** The `summary` of `GET …/replays/{replayId}` (api.md "The replay"). */
export interface ReplaySummary {
  total: number
  baseline: { version: number | null; outcomes: OutcomeCounts }
  candidate: { version: number | null; outcomes: OutcomeCounts }
  transitions: { from: Outcome; to: Outcome; count: number }[]
  changedOrders: number
  rules: { ruleId: string; baselineHits: number; candidateHits: number }[]
  scores: { baseline: HistogramBucket[]; candidate: HistogramBucket[] }
  labels: { labeled: number; baseline: LabelMetrics; candidate: LabelMetrics }
  missingFacts: { fact: string; path: string; orders: number }[]
  sources: { storedFacts: number; currentData: number }
}
