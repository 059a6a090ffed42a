import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePolicy } from '../../../engine/src/evaluate/compile-policy.js'
import type { RuleEvent } from '../../../engine/src/policy/policy.types.js'
import { factsOf, NO_LISTS } from './support/facts.js'
import { always, never, policyWith, rule } from './support/policy.js'

const order = { total: 100 }
const score = (points: number): RuleEvent => ({ type: 'score', params: { points, message: `+${points}` } })

function decide(events: RuleEvent[]) {
  const doc = policyWith(events.map((event, i) => rule(`r${i}`, always, event)))
  return compilePolicy(doc).evaluate(factsOf(order), { managedLists: NO_LISTS })
}

describe('outcome (policies.md)', () => {
  it.each<[string, RuleEvent[], string, number]>([
    ['nothing fired', [], 'approve', 0],
    ['score below review', [score(39)], 'approve', 39],
    ['score at review threshold', [score(25), score(15)], 'review', 40],
    ['score at decline threshold', [score(50), score(30)], 'decline', 80],
    ['negative points lower the score', [score(50), score(-20)], 'approve', 30],
    ['review rule', [{ type: 'review', params: { message: 'look' } }], 'review', 0],
    ['hold beats review', [{ type: 'review' }, { type: 'hold', params: { code: 'H' } }], 'hold', 0],
    ['hold beats a review-level score', [score(60), { type: 'hold', params: { code: 'H' } }], 'hold', 60],
    ['a decline-level score beats hold', [score(80), { type: 'hold', params: { code: 'H' } }], 'decline', 80],
    ['decline rule', [{ type: 'decline', params: { code: 'D', message: 'no' } }], 'decline', 0],
    ['tags do not change the outcome', [{ type: 'tag', params: { tag: 'vip' } }], 'approve', 0],
  ])('%s', (_label, events, outcome, total) => {
    const result = decide(events)
    expect(result.outcome).toBe(outcome)
    expect(result.score).toBe(total)
    expect(result.reasons).toHaveLength(events.length)
  })

  it('lists every fired rule with its event params, tags included, and collects tags once', () => {
    const result = decide([
      score(10),
      { type: 'tag', params: { tag: 'vip' } },
      { type: 'decline', params: { code: 'D1', message: 'Declined' } },
      { type: 'tag', params: { tag: 'vip' } },
    ])
    expect(result.reasons).toEqual([
      { ruleId: 'r0', category: 'fraud', type: 'score', points: 10, message: '+10' },
      { ruleId: 'r1', category: 'fraud', type: 'tag', tag: 'vip' },
      { ruleId: 'r2', category: 'fraud', type: 'decline', code: 'D1', message: 'Declined' },
      { ruleId: 'r3', category: 'fraud', type: 'tag', tag: 'vip' },
    ])
    expect(result.tags).toEqual(['vip'])
  })

  it('orders reasons by priority (highest first), ties in document order; 0 counts as 1', () => {
    const doc = policyWith([
      rule('low', always, score(1), { priority: 1 }),
      rule('zero', always, score(1), { priority: 0 }),
      rule('high', always, score(1), { priority: 10 }),
      rule('mid', always, score(1), { priority: 5 }),
      rule('mid-2', always, score(1), { priority: 5 }),
      rule('default', always, score(1)),
    ])
    const result = compilePolicy(doc).evaluate(factsOf(order), { managedLists: NO_LISTS })
    expect(result.reasons.map((r) => r.ruleId)).toEqual(['high', 'mid', 'mid-2', 'low', 'zero', 'default'])
  })

  // Where json-rules-engine throws a TypeError of the JavaScript engine, the rule errs with a message
  // that says what the condition needs (a fuzzer found "Cannot read properties of null").
  it.each([
    ['in', { fact: 'order', path: '$.none' }, 'expected an array (or a string) to search in, got null'],
    [
      'notIn',
      { fact: 'order', path: '$.total' },
      'expected an array (or a string) to search in, got a number',
    ],
    [
      'someValue:equal',
      { fact: 'order', path: '$.total' },
      '"someValue:" needs an array value, got a number',
    ],
    [
      'everyValue:equal',
      { fact: 'order', path: '$.obj' },
      '"everyValue:" needs an array value, got an object',
    ],
  ])(
    '%s on a value of the wrong kind errs with a message an analyst can act on',
    (operator, value, message) => {
      const doc = policyWith([rule('bad', { fact: 'order', path: '$.country', operator, value })])
      const facts = factsOf({ total: 1, country: 'US', none: null, obj: { a: 1 } })
      const result = compilePolicy(doc).evaluate(facts, { managedLists: NO_LISTS })
      expect(result.errors).toEqual([{ ruleId: 'bad', message }])
      expect(result.outcome).toBe('review')
    },
  )

  it('an erring rule does not fire, is listed under errors, and lifts approve to review', () => {
    const erring = {
      fact: 'order',
      path: '$.country',
      operator: 'in',
      value: { fact: 'order', path: '$.nope' },
    }
    const doc = policyWith([rule('bad', erring, score(100)), rule('ok', never, score(5))])
    const result = compilePolicy(doc).evaluate(factsOf({ total: 1, country: 'US' }), {
      managedLists: NO_LISTS,
    })
    expect(result.reasons).toEqual([])
    expect(result.errors).toEqual([
      {
        ruleId: 'bad',
        message: 'expected an array (or a string) to search in, got nothing (the value is missing)',
      },
    ])
    expect(result.outcome).toBe('review')
  })

  it('errors leave a stronger outcome alone', () => {
    const erring = {
      fact: 'order',
      path: '$.total',
      operator: 'someValue:equal',
      value: { fact: 'order', path: '$.total' },
    }
    const doc = policyWith([
      rule('bad', erring),
      rule('decline', always, { type: 'decline', params: { code: 'D' } }),
    ])
    const result = compilePolicy(doc).evaluate(factsOf(order), { managedLists: NO_LISTS })
    expect(result.errors.map((e) => e.ruleId)).toEqual(['bad'])
    expect(result.outcome).toBe('decline')
  })
  it('sums fractional points exactly, so a score that meets a threshold reaches it', () => {
    // 0.7 + 0.1 is 0.7999999999999999 in doubles: below a 0.8 threshold it exactly meets
    const doc = policyWith([rule('a', always, score(0.7)), rule('b', always, score(0.1))], {
      settings: { thresholds: { review: 0.8, decline: 10 } },
    })
    const result = compilePolicy(doc).evaluate(factsOf(order), { managedLists: NO_LISTS })
    expect(result.score).toBe(0.8)
    expect(result.outcome).toBe('review')
  })

  it('the score is the exact decimal sum of the fired points (property)', () => {
    // points with up to 3 decimals, as an analyst writes them: cents of points summed as integers
    const milli = fc.integer({ min: -1_000_000, max: 1_000_000 })
    fc.assert(
      fc.property(fc.array(milli, { minLength: 1, maxLength: 8 }), (ms) => {
        const events = ms.map((m) => score(m / 1000))
        const total = ms.reduce((a, b) => a + b, 0) / 1000
        expect(decide(events).score).toBe(total)
      }),
    )
  })
})
