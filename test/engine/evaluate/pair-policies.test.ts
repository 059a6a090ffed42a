import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePolicy } from '../../../engine/src/evaluate/compile-policy.js'
import { pairPolicies } from '../../../engine/src/evaluate/pair-policies.js'
import type { PolicyDocument } from '../../../engine/src/policy/policy.types.js'
import { conditionTree, orderish, randomPolicy } from './support/arbitraries.js'
import { factsOf } from './support/facts.js'

const managedLists = new Map([['blocked', new Set(['5', 'us', 'foo@x.com', 'abc'])]])

type Edit = 'keep' | 'event' | 'conditions' | 'disable' | 'priority' | 'rename'

/** A candidate made from the baseline the way analysts edit: most rules kept, some changed. */
const candidateOf = (doc: PolicyDocument) =>
  fc
    .record({
      edits: fc.array(
        fc.constantFrom<Edit>('keep', 'keep', 'keep', 'event', 'conditions', 'disable', 'priority', 'rename'),
        { minLength: doc.rules.length, maxLength: doc.rules.length },
      ),
      trees: fc.array(conditionTree(true), { minLength: doc.rules.length, maxLength: doc.rules.length }),
      added: fc.option(conditionTree(true), { nil: undefined }),
      thresholds: fc.record({
        review: fc.integer({ min: 0, max: 60 }),
        decline: fc.integer({ min: 61, max: 120 }),
      }),
      points: fc.integer({ min: 0, max: 90 }),
      type: fc.constantFrom('score', 'review', 'decline', 'hold', 'tag'),
      // a changed shared condition turns sharing off entirely: keep it to one candidate in five
      sharedEdit: fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: conditionTree(false) },
      ),
    })
    .map(({ edits, trees, added, thresholds, points, type, sharedEdit }) => {
      const rules = doc.rules.map((rule, i) => {
        const r = structuredClone(rule) as unknown as Record<string, unknown>
        const edit = edits[i]
        if (edit === 'event') r.event = { type, params: { points, tag: `t${i}` } }
        if (edit === 'conditions') r.conditions = trees[i]
        if (edit === 'disable') r.enabled = false
        if (edit === 'priority') r.priority = 1 + ((Number(r.priority ?? 1) + 1) % 3)
        if (edit === 'rename') r.id = `${rule.id}-renamed`
        return r
      })
      if (added)
        rules.unshift({ id: 'added', category: 'fraud', conditions: added, event: { type: 'review' } })
      return {
        ...doc,
        settings: { ...doc.settings, thresholds },
        conditions: sharedEdit ? { ...doc.conditions, s1: sharedEdit } : doc.conditions,
        rules,
      } as unknown as PolicyDocument
    })

describe('pairPolicies', () => {
  it('answers both versions exactly as their separate evaluations, list matches included', () => {
    let shared = 0
    fc.assert(
      fc.property(
        randomPolicy.chain((doc) => fc.tuple(fc.constant(doc), candidateOf(doc))),
        fc.array(orderish, { minLength: 1, maxLength: 3 }),
        ([baselineDoc, candidateDoc], orders) => {
          const baseline = compilePolicy(baselineDoc)
          const candidate = compilePolicy(candidateDoc)
          const pair = pairPolicies(baseline, candidate)
          shared += pair.sharedRules
          // several orders through one pair: nothing of one evaluation leaks into the next
          for (const order of orders) {
            const facts = factsOf(order)
            expect(pair.evaluate(facts, { managedLists })).toEqual({
              baseline: baseline.evaluate(facts, { managedLists }),
              candidate: candidate.evaluate(facts, { managedLists }),
            })
          }
        },
      ),
      { numRuns: 500 },
    )
    expect(shared).toBeGreaterThan(300)
  }, 60_000)

  it('shares the unchanged rules only', () => {
    const rule = (id: string, value: number, points = 10) => ({
      id,
      category: 'fraud',
      conditions: { all: [{ fact: 'order', path: '$.total', operator: 'greaterThan', value }] },
      event: { type: 'score', params: { points } },
    })
    const doc = (rules: unknown[]) =>
      ({ schemaVersion: 1, settings: { thresholds: { review: 10, decline: 30 } }, rules }) as PolicyDocument
    const pair = pairPolicies(
      compilePolicy(doc([rule('a', 1), rule('b', 2), rule('c', 3)])),
      compilePolicy(doc([rule('a', 1, 50), rule('b', 5), rule('c', 3)])),
    )
    expect(pair.sharedRules).toBe(2)
    const { baseline, candidate } = pair.evaluate(factsOf({ total: 4 }), { managedLists })
    expect([baseline.outcome, baseline.score]).toEqual(['decline', 30])
    expect([candidate.outcome, candidate.score]).toEqual(['decline', 60])
    expect(candidate.reasons.map((r) => r.ruleId)).toEqual(['a', 'c'])
  })
})
