import { describe, expect, it } from 'vitest'
import type { PolicyDocument } from '../../engine/src/policy/policy.types.js'
import type { ReplaySample } from '../../engine/src/replay/sample.types.js'
import { createImpactEvaluator } from '../../studio/src/features/replay/impact-core.js'
import {
  alignHistograms,
  heat,
  progressPercent,
  ruleDeltas,
  transitionMatrix,
} from '../../studio/src/features/replay/replay-model.js'

describe('replay view models', () => {
  it('builds the transition matrix and heats only changed cells', () => {
    const m = transitionMatrix({
      transitions: [
        { from: 'approve', to: 'approve', count: 90 },
        { from: 'approve', to: 'review', count: 8 },
        { from: 'review', to: 'decline', count: 2 },
      ],
    })
    expect(m).toEqual([
      [90, 8, 0, 0],
      [0, 0, 0, 2],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ])
    expect(heat(m, 0, 0)).toBe(0)
    expect(heat(m, 0, 1)).toBe(1)
    expect(heat(m, 1, 3)).toBe(0.25)
  })

  it('orders rule deltas by absolute change and aligns histogram buckets', () => {
    const deltas = ruleDeltas({
      rules: [
        { ruleId: 'a', baselineHits: 5, candidateHits: 5 },
        { ruleId: 'b', baselineHits: 5, candidateHits: 1 },
        { ruleId: 'c', baselineHits: 0, candidateHits: 9 },
      ],
    })
    expect(deltas.map((d) => [d.ruleId, d.delta])).toEqual([
      ['c', 9],
      ['b', -4],
      ['a', 0],
    ])
    expect(
      alignHistograms({
        scores: { baseline: [{ from: 0, to: 10, count: 3 }], candidate: [{ from: 30, to: 40, count: 3 }] },
      }),
    ).toEqual([
      { from: 0, to: 10, baseline: 3, candidate: 0 },
      { from: 30, to: 40, baseline: 0, candidate: 3 },
    ])
    expect(progressPercent({ status: 'running', processed: 1, total: 3 })).toBe(33)
    expect(progressPercent({ status: 'done', processed: 0, total: 0 })).toBe(100)
  })
})

describe('live impact evaluator', () => {
  const order = (id: string, total: number) => ({
    id,
    createdAt: '2026-01-01T00:00:00Z',
    currency: 'USD',
    customer: { email: `${id}@example.com` },
    shippingAddress: { country: 'US' },
    items: [{ sku: 'A', quantity: 1, unitPrice: total }],
    shipping: { method: 'standard' },
    total,
    payment: { method: 'card' as const, status: 'captured' as const },
  })
  const velocity = {
    ordersByEmail1h: 0,
    ordersByEmail24h: 0,
    ordersByIp1h: 0,
    ordersByIp24h: 0,
    ordersByCard24h: 0,
    distinctCardsByEmail7d: 0,
    distinctEmailsByCard7d: 0,
    amountByEmail24h: 0,
  }
  const sample: ReplaySample = {
    orders: [10, 60, 150, 500].map((t, i) => ({
      order: order(`o${i}`, t),
      label: null,
      velocity,
      isFirstOrder: i === 0,
      source: 'currentData' as const,
    })),
    catalog: null,
    managedLists: { vip: ['o3@example.com'] },
  }
  const policy = (review: number, extra: PolicyDocument['rules'] = []): PolicyDocument => ({
    schemaVersion: 1,
    settings: { thresholds: { review, decline: 1000 } },
    rules: [
      {
        id: 'total',
        category: 'fraud',
        conditions: { all: [{ fact: 'order', path: '$.total', operator: 'greaterThan', value: 50 }] },
        event: { type: 'score', params: { points: 50 } },
      },
      ...extra,
    ],
  })

  it('counts the shift between the live version and a draft', () => {
    const impact = createImpactEvaluator(sample, policy(40))
    expect(impact.evaluate(policy(40))).toMatchObject({ changed: 0, baseline: { approve: 1, review: 3 } })
    const vip = policy(40, [
      {
        id: 'vip',
        category: 'fraud',
        conditions: { all: [{ fact: 'order', path: '$.customer.email', operator: 'inList', value: 'vip' }] },
        event: { type: 'decline', params: { code: 'X', message: 'x' } },
      },
    ])
    expect(impact.evaluate(vip)).toMatchObject({
      changed: 1,
      candidate: { approve: 1, review: 2, decline: 1 },
    })
    expect(impact.evaluate(policy(60))).toMatchObject({ changed: 3, candidate: { approve: 4, review: 0 } })
  })
})
