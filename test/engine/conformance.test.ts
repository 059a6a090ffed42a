import { Engine } from 'json-rules-engine'
import { describe, expect, it } from 'vitest'
import { compilePolicy } from '../../engine/src/evaluate/compile-policy.js'
import type { PolicyRule } from '../../engine/src/policy/policy.types.js'
import { type ConformanceCase, loadConformanceCases } from './evaluate/support/conformance-cases.js'
import { factsOf, NO_LISTS } from './evaluate/support/facts.js'

// Cases refused at save or not expressible as a policy belong to the policy-validation tests.
const cases = loadConformanceCases().filter((c) => c.adapted.expressible && !c.adapted.refuseAtSave)

/** json-rules-engine on one rule alone: which rules of a throwing case throw, and which fire. */
async function runAlone(rule: PolicyRule, c: ConformanceCase): Promise<'threw' | boolean> {
  const policy = structuredClone(c.adapted.policy)
  const engine = new Engine([], {})
  for (const [name, cond] of Object.entries(policy.conditions ?? {})) engine.setCondition(name, cond as never)
  const { id, category, enabled, ...jreRule } = structuredClone(rule)
  engine.addRule({ ...jreRule, name: id } as never)
  try {
    const { events } = await engine.run(structuredClone(c.adapted.facts) as Record<string, unknown>)
    return events.length > 0
  } catch {
    return 'threw'
  }
}

describe('json-rules-engine conformance (adapted corpus)', () => {
  it('has the expected number of evaluable cases', () => {
    expect(cases.length).toBe(688)
  })

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const compiled = compilePolicy(c.adapted.policy)
    const facts = factsOf(c.adapted.facts.order, c.adapted.facts.lists)
    const fast = compiled.evaluate(facts, { managedLists: NO_LISTS })
    const traced = compiled.evaluate(facts, { managedLists: NO_LISTS, trace: true })
    const fired = fast.reasons.map((r) => r.ruleId).sort()

    if (!c.adapted.expected.threw) {
      expect(fired).toEqual([...c.adapted.expected.fired].sort())
      expect(fast.errors).toEqual([])
      expect(fast.outcome).toBe('approve')
    } else {
      // json-rules-engine rejects the whole run; Verdict errs only the rules that threw.
      const alone = await Promise.all(c.adapted.policy.rules.map((r) => runAlone(r, c)))
      const ids = c.adapted.policy.rules.map((r) => r.id)
      const threw = ids.filter((_, i) => alone[i] === 'threw')
      expect(threw.length).toBeGreaterThan(0)
      expect(fast.errors.map((e) => e.ruleId).sort()).toEqual(threw.sort())
      expect(fired).toEqual(ids.filter((_, i) => alone[i] === true).sort())
      expect(fast.outcome).not.toBe('approve')
    }
    const { trace, ...withoutTrace } = traced
    expect(withoutTrace).toEqual(fast)
    expect(
      trace
        ?.filter((t) => t.status === 'fired')
        .map((t) => t.ruleId)
        .sort(),
    ).toEqual(fired)
  })
})
