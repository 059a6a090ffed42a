import { describe, expect, it } from 'vitest'
import type { Reason, RuleTrace } from '../../engine/src/index.js'
import {
  buildTraceTree,
  formatValue,
  scoreContributions,
  traceCounts,
} from '../../studio/src/models/trace-view.js'

const trace: RuleTrace[] = [
  {
    ruleId: 'shipping.restricted-country',
    category: 'shipping',
    priority: 100,
    eventType: 'decline',
    status: 'fired',
    conditions: {
      kind: 'all',
      result: true,
      children: [
        {
          kind: 'fact',
          fact: 'order',
          path: '$.shippingAddress.country',
          operator: 'in',
          factValue: 'KP',
          value: ['KP', 'IR'],
          valueRef: { fact: 'lists', path: '$.restrictedCountries' },
          result: true,
        },
      ],
    },
  },
  {
    ruleId: 'fraud.high-value',
    category: 'fraud',
    priority: 1,
    eventType: 'score',
    status: 'not_fired',
    conditions: {
      kind: 'condition',
      condition: 'highValue',
      result: false,
      child: {
        kind: 'any',
        result: false,
        children: [
          {
            kind: 'fact',
            fact: 'order',
            path: '$.total',
            operator: 'greaterThan',
            factValue: 48.18,
            value: 1000,
            result: false,
          },
          {
            kind: 'fact',
            fact: 'customer',
            path: '$.phone',
            operator: 'equal',
            factValue: undefined,
            value: null,
            result: undefined,
          },
        ],
      },
    },
  },
  { ruleId: 'old', category: 'fraud', priority: 1, eventType: 'tag', status: 'disabled', conditions: null },
  {
    ruleId: 'broken',
    category: 'fraud',
    priority: 1,
    eventType: 'review',
    status: 'error',
    error: 'not an array',
    conditions: null,
  },
]

describe('buildTraceTree', () => {
  const tree = buildTraceTree(trace)

  it('keeps one node per rule in the engine order with the rule status mapped', () => {
    expect(tree.map((n) => [n.label, n.status])).toEqual([
      ['shipping.restricted-country', 'pass'],
      ['fraud.high-value', 'fail'],
      ['old', 'disabled'],
      ['broken', 'error'],
    ])
    expect(tree[0]!.meta).toBe('shipping · decline · priority 100')
    expect(tree[3]!.error).toBe('not an array')
  })

  it('shows fact, path, actual value, operator and resolved expected value for a leaf', () => {
    const leaf = tree[0]!.children[0]!.children[0]!
    expect(leaf.kind).toBe('fact')
    expect(leaf.detail).toEqual({
      fact: 'order',
      path: '$.shippingAddress.country',
      actual: '"KP"',
      operator: 'in',
      expected: '["KP","IR"]',
      expectedFrom: 'lists $.restrictedCountries',
    })
  })

  it('descends through condition references and marks unreached conditions as skipped', () => {
    const ref = tree[1]!.children[0]!
    expect(ref.label).toBe('condition "highValue"')
    const [first, second] = ref.children[0]!.children
    expect(first!.status).toBe('fail')
    expect(second!.status).toBe('skipped')
    expect(second!.detail!.actual).toBe('undefined')
  })

  it('gives every node a unique key', () => {
    const keys: string[] = []
    const walk = (n: { key: string; children: { key: string; children: any[] }[] }) => {
      keys.push(n.key)
      n.children.forEach(walk)
    }
    tree.forEach(walk)
    expect(new Set(keys).size).toBe(keys.length)
  })
})

describe('scoreContributions', () => {
  it('lists score reasons by size of effect and sums them, ignoring other event types', () => {
    const reasons: Reason[] = [
      { ruleId: 'a', category: 'fraud', type: 'score', points: 10, message: 'A' },
      { ruleId: 'b', category: 'fraud', type: 'score', points: -25 },
      { ruleId: 'c', category: 'fraud', type: 'review', message: 'C' },
      { ruleId: 'd', category: 'payment', type: 'score', points: 30, message: 'D' },
    ]
    const { lines, total } = scoreContributions(reasons)
    expect(lines.map((l) => [l.ruleId, l.points])).toEqual([
      ['d', 30],
      ['b', -25],
      ['a', 10],
    ])
    expect(total).toBe(15)
  })
})

describe('traceCounts / formatValue', () => {
  it('counts rule statuses', () => {
    expect(traceCounts(trace)).toEqual({ fired: 1, not_fired: 1, disabled: 1, error: 1 })
  })
  it.each([
    [undefined, 'undefined'],
    [null, 'null'],
    ['x', '"x"'],
    [[1, 'a'], '[1,"a"]'],
    [{ a: 1 }, '{"a":1}'],
  ])('formats %j as %s', (v, s) => {
    expect(formatValue(v)).toBe(s)
  })
})
