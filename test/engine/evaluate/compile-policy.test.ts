import { describe, expect, it } from 'vitest'
import { PolicyCompileError } from '../../../engine/src/evaluate/compile-error.js'
import { compilePolicy } from '../../../engine/src/evaluate/compile-policy.js'
import type { PolicyRule, TopLevelCondition } from '../../../engine/src/policy/policy.types.js'
import { factsOf, NO_LISTS } from './support/facts.js'
import { always, policyWith, rule } from './support/policy.js'

const withConditions = (conditions: unknown, more: Partial<PolicyRule> = {}): PolicyRule => ({
  id: 'r',
  category: 'fraud',
  conditions: conditions as TopLevelCondition,
  event: { type: 'review' },
  ...more,
})

describe('compilePolicy', () => {
  it.each<[string, PolicyRule, Record<string, TopLevelCondition>?]>([
    ['an unknown fact', rule('r', { ...always, fact: 'weather' })],
    ['an unknown fact in a fact-valued value', rule('r', { ...always, value: { fact: 'weather' } })],
    ['an unknown operator', rule('r', { ...always, operator: 'approximately' })],
    ['an unknown decorator', rule('r', { ...always, operator: 'sometimes:equal' })],
    ['a missing value', withConditions({ all: [{ fact: 'order', operator: 'equal' }] })],
    ['a non-array all', withConditions({ all: always })],
    ['an array not', withConditions({ not: [always] })],
    ['a root without all/any/not/condition', withConditions(always)],
    ['an undefined shared condition', withConditions({ condition: 'nope' })],
    [
      'a cycle of shared conditions',
      withConditions({ condition: 'a' }),
      { a: { condition: 'b' }, b: { any: [{ condition: 'a' }] } },
    ],
    ['a negative priority', rule('r', always, undefined, { priority: -1 })],
  ])('refuses %s', (_label, r, conditions) => {
    expect(() => compilePolicy(policyWith([r], conditions ? { conditions } : {}))).toThrow(PolicyCompileError)
  })

  it('never compiles disabled rules nor shared conditions no enabled rule references', () => {
    const broken = withConditions(
      { all: [{ fact: 'weather', operator: 'equal', value: 1 }] },
      { enabled: false },
    )
    const doc = policyWith([broken, rule('ok', always)], {
      conditions: { unused: { all: [{ fact: 'order', operator: 'nope', value: 1 }] } as TopLevelCondition },
    })
    const result = compilePolicy(doc).evaluate(factsOf({ total: 1 }), { managedLists: NO_LISTS })
    expect(result.reasons.map((r) => r.ruleId)).toEqual(['ok'])
    expect(result.errors).toEqual([])
  })

  it('errs the rule (not the compile) for a managed list the client does not have', () => {
    const doc = policyWith([rule('r', { fact: 'order', path: '$.email', operator: 'inList', value: 'vip' })])
    const result = compilePolicy(doc).evaluate(factsOf({ email: 'a@b.c' }), { managedLists: NO_LISTS })
    expect(result.errors).toEqual([{ ruleId: 'r', message: 'Unknown managed list: vip' }])
    expect(result.outcome).toBe('review')
  })

  describe('needs', () => {
    const needsOf = (...conditions: { fact: string; path?: string; operator: string; value: unknown }[]) =>
      compilePolicy(policyWith(conditions.map((c, i) => rule(`r${i}`, c)))).needs

    it('needs nothing for order-only rules', () => {
      expect(needsOf(always)).toEqual({
        velocity: false,
        isFirstOrder: false,
        catalog: false,
        managedLists: [],
      })
    })

    it.each<[string, { fact: string; path?: string; operator: string; value: unknown }, object]>([
      [
        'velocity',
        { fact: 'velocity', path: '$.ordersByEmail24h', operator: 'greaterThan', value: 3 },
        { velocity: true },
      ],
      [
        'customer.isFirstOrder',
        { fact: 'customer', path: '$.isFirstOrder', operator: 'equal', value: true },
        { isFirstOrder: true },
      ],
      ['the whole customer fact', { fact: 'customer', operator: 'equal', value: 1 }, { isFirstOrder: true }],
      [
        'customer.emailValid only',
        { fact: 'customer', path: '$.emailValid', operator: 'equal', value: true },
        { isFirstOrder: false },
      ],
      [
        'items.unknownSkus',
        { fact: 'items', path: '$.unknownSkus', operator: 'contains', value: 'x' },
        { catalog: true },
      ],
      [
        'items.priceMismatchSkus.length',
        { fact: 'items', path: '$.priceMismatchSkus.length', operator: 'greaterThan', value: 0 },
        { catalog: true },
      ],
      [
        'items.count only',
        { fact: 'items', path: '$.count', operator: 'greaterThan', value: 3 },
        { catalog: false },
      ],
      [
        'a fact-valued value',
        { ...always, value: { fact: 'velocity', path: '$.ordersByIp1h' } },
        { velocity: true },
      ],
      [
        'managed lists',
        { fact: 'order', path: '$.email', operator: 'someValue:inList', value: ['vip', 'blocked'] },
        { managedLists: ['blocked', 'vip'] },
      ],
    ])('reads %s', (_label, condition, expected) => {
      expect(needsOf(condition)).toMatchObject(expected)
    })

    it('ignores what disabled rules read', () => {
      const doc = policyWith([
        rule(
          'off',
          { fact: 'velocity', path: '$.ordersByIp1h', operator: 'greaterThan', value: 1 },
          undefined,
          { enabled: false },
        ),
      ])
      expect(compilePolicy(doc).needs.velocity).toBe(false)
    })
  })
})
