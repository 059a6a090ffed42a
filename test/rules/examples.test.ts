import { describe, expect, it } from 'vitest'
import { buildClientData } from '../../engine/src/cli/client-data-input.js'
import { compilePolicy, evaluateOrder } from '../../engine/src/evaluate/index.js'
import { parseOrder } from '../../engine/src/order/parse-order.js'
import type { PolicyDocument } from '../../engine/src/policy/policy.types.js'
import { validatePolicy } from '../../engine/src/policy/validate-policy.js'
import { loadExamples } from './examples.js'

const examples = loadExamples()

describe('rules/ examples', () => {
  it('has the three client policies', () => {
    expect(examples.map((e) => e.client)).toEqual(['acme-apparel', 'fresh-cellar', 'volt-electronics'])
  })
})

describe.each(examples.map((e) => [e.client, e] as const))('rules/%s.policy.json', (_client, example) => {
  const { policy, catalog, lists, samples } = example
  const doc = policy as PolicyDocument

  it('validates with no issues and no warnings', () => {
    const { valid, issues, warnings } = validatePolicy(policy)
    expect(issues).toEqual([])
    expect(warnings).toEqual([])
    expect(valid).toBe(true)
  })

  it('has 20-40 rules covering every category and event type', () => {
    expect(doc.rules.length).toBeGreaterThanOrEqual(20)
    expect(doc.rules.length).toBeLessThanOrEqual(40)
    expect(new Set(doc.rules.map((r) => r.category))).toEqual(
      new Set(['validation', 'shipping', 'payment', 'fraud']),
    )
    expect(new Set(doc.rules.map((r) => r.event.type))).toEqual(
      new Set(['score', 'review', 'hold', 'decline', 'tag']),
    )
  })

  it('defines every managed list its rules use in the lists file', () => {
    const used = compilePolicy(doc).needs.managedLists
    expect(used.length).toBeGreaterThan(0)
    for (const name of used) expect(Object.keys(lists ?? {})).toContain(name)
  })

  it('has at least 8 samples that together reach every outcome', () => {
    expect(samples.length).toBeGreaterThanOrEqual(8)
    expect(new Set(samples.map((s) => s.expected.outcome))).toEqual(
      new Set(['approve', 'review', 'hold', 'decline']),
    )
  })

  it.each(samples)('$file', async ({ order: rawOrder, data, expected }) => {
    const parsed = parseOrder(rawOrder)
    if (!parsed.ok) expect.fail(`sample order is invalid: ${JSON.stringify(parsed.issues)}`)
    const compiled = compilePolicy(doc)
    const clientData = await buildClientData(parsed.order, compiled.needs, { catalog, lists, data })
    const { result, facts } = evaluateOrder(compiled, parsed.order, clientData)

    expect(result.errors).toEqual([])
    expect(result.reasons.map((r) => r.ruleId)).toEqual(expected.reasons)
    expect(result.score).toBe(expected.score)
    expect(result.outcome).toBe(expected.outcome)
    if (expected.tags) expect(result.tags).toEqual(expected.tags)
    if (expected.estimatedDelivery)
      expect(facts.shipping.estimatedDelivery).toEqual(expected.estimatedDelivery)
  })
})
