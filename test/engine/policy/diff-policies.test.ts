import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diffPolicies } from '../../../engine/src/policy/diff-policies.js'
import { examplePolicy } from './fixtures.js'

describe('diffPolicies', () => {
  it('finds nothing between a document and a copy with every key order reversed', () => {
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverse(x)]),
            )
          : v
    const a = examplePolicy()
    const b = reverse(a) as any
    expect(Object.keys(b.rules[0])).not.toEqual(Object.keys(a.rules[0]))
    expect(diffPolicies(a, b)).toEqual({
      rules: { added: [], removed: [], changed: [], changes: [], moved: [] },
      conditions: { added: [], removed: [], changed: [] },
      settings: [],
      lists: [],
      document: [],
    })
  })

  it('reports rules added, removed and changed by id, with the fields and points that changed', () => {
    const a = examplePolicy()
    const b = examplePolicy()
    b.rules[1].event.params.points = 45
    b.rules[1].priority = 7
    b.rules[0].enabled = false
    b.rules[0].description = 'Embargo'
    b.rules.push({ ...a.rules[1], id: 'payment.cvv-mismatch' })
    a.rules.push({ ...a.rules[1], id: 'fraud.old' })
    const diff = diffPolicies(a, b)
    expect(diff.rules).toEqual({
      added: ['payment.cvv-mismatch'],
      removed: ['fraud.old'],
      changed: ['shipping.restricted-country', 'payment.avs-none'],
      changes: [
        { id: 'shipping.restricted-country', fields: ['description', 'enabled'] },
        { id: 'payment.avs-none', fields: ['priority', 'event'], points: { before: 30, after: 45 } },
      ],
      moved: [],
    })
  })

  // Document order ranks rules of equal priority: reversing the rules changes `reasons`.
  it('reports the fewest rules whose moves explain a new order', () => {
    const rule = (id: string) => ({ ...examplePolicy().rules[1], id })
    const doc = (ids: string[]) => ({ ...examplePolicy(), rules: ids.map(rule) })
    const moved = (a: string[], b: string[]) => diffPolicies(doc(a), doc(b)).rules.moved
    expect(moved(['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual([])
    expect(moved(['a', 'b', 'c'], ['c', 'a', 'b'])).toEqual(['c'])
    expect(moved(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'a'])).toEqual(['a'])
    expect(moved(['a', 'b', 'c'], ['c', 'b', 'a'])).toHaveLength(2)
    // Added and removed rules are not moves.
    expect(moved(['x', 'a', 'b'], ['a', 'y', 'b'])).toEqual([])
  })

  it('keeps the order of every rule it does not call moved, and calls as few moved as possible', () => {
    const longestKept = (a: string[], b: string[]) => {
      // O(n²) longest common subsequence of two orders of the same ids.
      const best = b.map(() => 1)
      for (let i = 0; i < b.length; i++)
        for (let j = 0; j < i; j++)
          if (a.indexOf(b[j]!) < a.indexOf(b[i]!)) best[i] = Math.max(best[i]!, best[j]! + 1)
      return Math.max(0, ...best)
    }
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.stringMatching(/^[a-z]{1,3}$/), { maxLength: 12 })
          .chain((ids) =>
            fc.tuple(
              fc.constant(ids),
              fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }),
            ),
          ),
        ([ids, shuffled]) => {
          const rule = (id: string) => ({ ...examplePolicy().rules[1], id })
          const moved = diffPolicies(
            { ...examplePolicy(), rules: ids.map(rule) },
            { ...examplePolicy(), rules: shuffled.map(rule) },
          ).rules.moved
          const kept = shuffled.filter((id) => !moved.includes(id))
          expect(kept).toEqual(ids.filter((id) => kept.includes(id)))
          expect(moved.length).toBe(ids.length - longestKept(ids, shuffled))
        },
      ),
    )
  })

  it('reads priorities as evaluation does: "100", 100 and 100.7 are the same priority', () => {
    const a = examplePolicy()
    const b = examplePolicy()
    a.rules[0].priority = 100
    b.rules[0].priority = '100'
    expect(diffPolicies(a, b).rules.changed).toEqual([])
    b.rules[0].priority = 100.7
    expect(diffPolicies(a, b).rules.changed).toEqual([])
    b.rules[0].priority = 101
    expect(diffPolicies(a, b).rules.changed).toEqual([a.rules[0].id])
  })

  it('treats defaults as their meaning: enabled true and priority 1 are not changes', () => {
    const a = examplePolicy()
    const b = examplePolicy()
    b.rules[1].enabled = true
    b.rules[1].priority = 1
    expect(diffPolicies(a, b).rules.changed).toEqual([])
  })

  it('reports points when a rule stops being a score rule', () => {
    const a = examplePolicy()
    const b = examplePolicy()
    b.rules[1].event = { type: 'review', params: { message: 'AVS: no match' } }
    expect(diffPolicies(a, b).rules.changes).toEqual([
      { id: 'payment.avs-none', fields: ['event'], points: { before: 30, after: undefined } },
    ])
  })

  it('reports settings leaf by leaf and shipping methods by code', () => {
    const a = examplePolicy()
    const b = examplePolicy()
    b.settings.thresholds.review = 50
    b.settings.timezone = 'Europe/Paris'
    delete b.settings.amountTolerance
    b.settings.shippingMethods[1].transitDays.max = 3
    b.settings.shippingMethods.shift()
    b.settings.shippingMethods.push({ code: 'pickup', transitDays: { min: 0, max: 0 } })
    expect(diffPolicies(a, b).settings).toEqual([
      { path: ['thresholds', 'review'], before: 40, after: 50 },
      { path: ['amountTolerance'], before: 0.01, after: undefined },
      { path: ['timezone'], before: 'America/New_York', after: 'Europe/Paris' },
      { path: ['shippingMethods', 'standard'], before: a.settings.shippingMethods[0], after: undefined },
      { path: ['shippingMethods', 'express', 'transitDays', 'max'], before: 2, after: 3 },
      {
        path: ['shippingMethods', 'pickup'],
        before: undefined,
        after: { code: 'pickup', transitDays: { min: 0, max: 0 } },
      },
    ])
  })

  it('reports list entries added and removed, and whole lists', () => {
    const a = examplePolicy()
    const b = examplePolicy()
    b.lists.restrictedCountries = ['KP', 'IR', 'CU', 'RU']
    delete b.lists.disposableDomains
    b.lists.vipEmails = ['ceo@acme.test']
    expect(diffPolicies(a, b).lists).toEqual([
      { name: 'restrictedCountries', status: 'changed', added: ['RU'], removed: ['SY'] },
      {
        name: 'disposableDomains',
        status: 'removed',
        added: [],
        removed: ['mailinator.com', 'guerrillamail.com'],
      },
      { name: 'vipEmails', status: 'added', added: ['ceo@acme.test'], removed: [] },
    ])
  })

  it('reports shared conditions and the description', () => {
    const a = examplePolicy()
    const b = examplePolicy()
    b.conditions.highValue.all[0].value = 2000
    b.conditions.newOne = { all: [] }
    b.description = 'v2'
    const diff = diffPolicies(a, b)
    expect(diff.conditions).toEqual({ added: ['newOne'], removed: [], changed: ['highValue'] })
    expect(diff.document).toEqual([{ path: ['description'], before: a.description, after: 'v2' }])
  })

  it('does not modify its inputs', () => {
    const a = examplePolicy()
    const b = examplePolicy()
    b.rules.pop()
    const [ca, cb] = [structuredClone(a), structuredClone(b)]
    diffPolicies(a, b)
    expect([a, b]).toEqual([ca, cb])
  })
})
