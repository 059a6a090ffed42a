import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Outcome } from '../../../engine/src/evaluate/result.types.js'
import type { PolicyDocument } from '../../../engine/src/policy/policy.types.js'
import {
  addToAggregate,
  emptyAggregate,
  mergeAggregates,
  type ReplayedOrder,
} from '../../../engine/src/replay/aggregate.js'
import { summarize } from '../../../engine/src/replay/summarize.js'

const outcome = fc.constantFrom<Outcome>('approve', 'review', 'hold', 'decline')
const ruleId = fc.constantFrom('a', 'b', 'constructor', 'fraud.x', 'toString')
const side = fc.record({
  outcome,
  score: fc.integer({ min: -40, max: 200 }),
  reasons: fc.uniqueArray(ruleId).map((ids) => ids.map((id) => ({ ruleId: id }))),
})
const replayed: fc.Arbitrary<ReplayedOrder> = fc.record({
  label: fc.constantFrom(null, 'fraud', 'chargeback', 'legit' as const),
  baseline: side,
  candidate: side,
  missing: fc.uniqueArray(fc.constantFrom('order $.customer.phone', 'order $.promo', 'customer $.x')),
  source: fc.constantFrom('storedFacts' as const, 'currentData' as const),
})

function aggregate(orders: readonly ReplayedOrder[]) {
  const agg = emptyAggregate()
  for (const o of orders) addToAggregate(agg, o)
  return agg
}

const doc = (ids: string[], disabled: string[] = []): PolicyDocument => ({
  schemaVersion: 1,
  settings: { thresholds: { review: 40, decline: 80 } },
  rules: ids.map((id) => ({
    id,
    category: 'fraud',
    enabled: !disabled.includes(id),
    conditions: { all: [] },
    event: { type: 'score', params: { points: 10 } },
  })),
})

describe('replay aggregate', () => {
  it('merges chunks into exactly the aggregate of their union, through a JSON round trip', () => {
    fc.assert(
      fc.property(fc.array(fc.array(replayed, { maxLength: 30 }), { maxLength: 6 }), (chunks) => {
        const stored = chunks.map((c) => JSON.parse(JSON.stringify(aggregate(c))))
        const merged = stored.reduce(mergeAggregates, emptyAggregate())
        expect(merged).toEqual(aggregate(chunks.flat()))
        // Order of merging does not matter either.
        expect([...stored].reverse().reduce(mergeAggregates, emptyAggregate())).toEqual(merged)
      }),
    )
  })

  it('summarises hand-computed orders', () => {
    const order = (
      label: ReplayedOrder['label'],
      b: [Outcome, number, string[]],
      c: [Outcome, number, string[]],
      missing: string[] = [],
    ): ReplayedOrder => ({
      label,
      baseline: { outcome: b[0], score: b[1], reasons: b[2].map((ruleId) => ({ ruleId })) },
      candidate: { outcome: c[0], score: c[1], reasons: c[2].map((ruleId) => ({ ruleId })) },
      missing,
      source: 'currentData',
    })
    const agg = aggregate([
      order('fraud', ['approve', 0, []], ['review', 40, ['new']], ['order $.customer.phone']),
      order('legit', ['review', 45, ['old']], ['approve', 9.5, []], ['order $.customer.phone']),
      order(null, ['decline', 80, ['old']], ['decline', 90, ['new']]),
      order('chargeback', ['approve', 10, []], ['hold', -5, []]),
    ])
    const summary = summarize(
      agg,
      { version: 1, document: doc(['old', 'gone']) },
      { version: null, document: doc(['old', 'new'], ['old']) },
    )
    expect(summary.total).toBe(4)
    expect(summary.baseline).toEqual({ version: 1, outcomes: { approve: 2, review: 1, hold: 0, decline: 1 } })
    expect(summary.candidate.outcomes).toEqual({ approve: 1, review: 1, hold: 1, decline: 1 })
    expect(summary.transitions).toEqual([
      { from: 'approve', to: 'review', count: 1 },
      { from: 'approve', to: 'hold', count: 1 },
      { from: 'review', to: 'approve', count: 1 },
      { from: 'decline', to: 'decline', count: 1 },
    ])
    expect(summary.changedOrders).toBe(3)
    expect(summary.rules).toEqual([
      { ruleId: 'old', baselineHits: 2, candidateHits: 0 },
      { ruleId: 'gone', baselineHits: 0, candidateHits: 0 },
      { ruleId: 'new', baselineHits: 0, candidateHits: 2 },
    ])
    expect(summary.scores.candidate).toEqual([
      { from: -10, to: 0, count: 1 },
      { from: 0, to: 10, count: 1 },
      { from: 40, to: 50, count: 1 },
      { from: 90, to: 100, count: 1 },
    ])
    // Baseline over 3 labelled: fraud→approve (FN), legit→review (FP), chargeback→approve (FN).
    expect(summary.labels).toEqual({
      labeled: 3,
      baseline: { precision: 0, recall: 0, falsePositiveRate: 1 },
      // Candidate: fraud→review (TP), legit→approve (TN), chargeback→hold (FN: hold is not flagged).
      candidate: { precision: 1, recall: 0.5, falsePositiveRate: 0 },
    })
    expect(summary.missingFacts).toEqual([{ fact: 'order', path: '$.customer.phone', orders: 2 }])
  })

  it('answers null metrics when a denominator is zero', () => {
    const summary = summarize(
      emptyAggregate(),
      { version: 1, document: doc([]) },
      { version: 2, document: doc([]) },
    )
    expect(summary.labels.baseline).toEqual({ precision: null, recall: null, falsePositiveRate: null })
    expect(summary.transitions).toEqual([])
  })
})
