import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePolicy } from '../../../engine/src/evaluate/compile-policy.js'
import { orderish, randomPolicy } from './support/arbitraries.js'
import { factsOf } from './support/facts.js'
import { jreAnswers } from './support/jre-reference.js'

const managedLists = new Map([['blocked', new Set(['5', 'us', 'foo@x.com', 'abc'])]])

describe('compiled evaluator vs json-rules-engine 7.3.1', () => {
  it('agrees on fired / not fired / threw for random condition trees and facts', async () => {
    await fc.assert(
      fc.asyncProperty(randomPolicy, orderish, async (doc, order) => {
        const expected = await jreAnswers(doc, { order, lists: {} }, managedLists)
        const result = compilePolicy(doc).evaluate(factsOf(order), { managedLists })
        const fired = new Set(result.reasons.map((r) => r.ruleId))
        const erred = new Set(result.errors.map((e) => e.ruleId))
        const ours = new Map(
          doc.rules.map((r) => [r.id, erred.has(r.id) ? 'threw' : fired.has(r.id) ? 'fired' : 'not_fired']),
        )
        expect(ours).toEqual(expected)
      }),
      { numRuns: 400 },
    )
  }, 60_000)

  it('gives the same decision with and without a trace, and traces agree with the decision', () => {
    fc.assert(
      fc.property(randomPolicy, orderish, (doc, order) => {
        const compiled = compilePolicy(doc)
        const fast = compiled.evaluate(factsOf(order), { managedLists })
        const { trace, ...traced } = compiled.evaluate(factsOf(order), { managedLists, trace: true })
        expect(traced).toEqual(fast)
        for (const t of trace ?? []) {
          const status = fast.errors.some((e) => e.ruleId === t.ruleId)
            ? 'error'
            : fast.reasons.some((r) => r.ruleId === t.ruleId)
              ? 'fired'
              : 'not_fired'
          expect(t.status).toBe(status)
        }
      }),
      { numRuns: 300 },
    )
  })
})
