import { describe, expect, it } from 'vitest'
import { compilePolicy } from '../../../engine/src/evaluate/compile-policy.js'
import type { PolicyRule } from '../../../engine/src/policy/policy.types.js'
import { factsOf, NO_LISTS } from './support/facts.js'
import { always, never, policyWith, rule } from './support/policy.js'

const managedLists = new Map([['blocked-emails', new Set(['bad@x.com'])]])

describe('trace', () => {
  it('shows each condition with its fact value, the resolved compared value and valueRef', () => {
    const doc = policyWith([
      rule('restricted', {
        fact: 'order',
        path: '$.country',
        operator: 'in',
        value: { fact: 'lists', path: '$.restricted' },
      }),
    ])
    const facts = factsOf({ country: 'KP' }, { restricted: ['KP', 'IR'] })
    const { trace } = compilePolicy(doc).evaluate(facts, { managedLists: NO_LISTS, trace: true })
    expect(trace).toEqual([
      {
        ruleId: 'restricted',
        category: 'fraud',
        priority: 1,
        eventType: 'tag',
        status: 'fired',
        conditions: {
          kind: 'all',
          result: true,
          children: [
            {
              kind: 'fact',
              fact: 'order',
              path: '$.country',
              operator: 'in',
              factValue: 'KP',
              value: ['KP', 'IR'],
              valueRef: { fact: 'lists', path: '$.restricted' },
              result: true,
            },
          ],
        },
      },
    ])
  })

  it('leaves conditions of a lower-priority group unreached (result undefined) when an earlier group decides', () => {
    const conditions = {
      all: [
        { ...never, priority: 2 },
        { ...always, priority: 1 },
      ],
    }
    const doc = policyWith([
      { id: 'r', category: 'fraud', conditions, event: { type: 'tag', params: { tag: 't' } } },
    ])
    const { trace } = compilePolicy(doc).evaluate(factsOf({ total: 5 }), {
      managedLists: NO_LISTS,
      trace: true,
    })
    const root = trace?.[0]?.conditions
    expect(root).toMatchObject({ kind: 'all', result: false })
    expect(root && 'children' in root ? root.children.map((c) => c.result) : null).toEqual([false, undefined])
  })

  it('marks disabled rules without evaluating them, and erring rules with their message', () => {
    const broken = { fact: 'order', path: '$.total', operator: 'everyValue:equal', value: 'not an array' }
    const doc = policyWith([
      rule('off', broken, undefined, { enabled: false }),
      rule('bad', broken),
      rule('fine', always),
    ])
    const result = compilePolicy(doc).evaluate(factsOf({ total: 5 }), { managedLists: NO_LISTS, trace: true })
    expect(result.trace?.map((t) => [t.ruleId, t.status])).toEqual([
      ['off', 'disabled'],
      ['bad', 'error'],
      ['fine', 'fired'],
    ])
    expect(result.trace?.[0]?.conditions).toBeNull()
    expect(result.trace?.[1]?.error).toMatch(/every/)
    expect(result.errors.map((e) => e.ruleId)).toEqual(['bad'])
  })

  it('traces shared condition references with the referenced tree', () => {
    const rules: PolicyRule[] = [
      { id: 'r', category: 'fraud', conditions: { condition: 'big' }, event: { type: 'review' } },
    ]
    const doc = policyWith(rules, { conditions: { big: { all: [always] } } })
    const { trace } = compilePolicy(doc).evaluate(factsOf({ total: 5 }), {
      managedLists: NO_LISTS,
      trace: true,
    })
    expect(trace?.[0]?.conditions).toMatchObject({
      kind: 'condition',
      condition: 'big',
      result: true,
      child: { kind: 'all', result: true, children: [{ kind: 'fact', factValue: 5, result: true }] },
    })
  })

  it('records managed-list hits in both modes', () => {
    const doc = policyWith([
      rule('blocked', {
        fact: 'order',
        path: '$.customer.email',
        operator: 'inList',
        value: 'blocked-emails',
      }),
    ])
    const facts = factsOf({ customer: { email: ' BAD@x.com' } })
    const compiled = compilePolicy(doc)
    const expected = [{ list: 'blocked-emails', value: 'bad@x.com', ruleId: 'blocked' }]
    expect(compiled.evaluate(facts, { managedLists }).listMatches).toEqual(expected)
    expect(compiled.evaluate(facts, { managedLists, trace: true }).listMatches).toEqual(expected)
  })
})
