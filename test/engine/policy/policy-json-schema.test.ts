import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FACT_NAMES } from '../../../engine/src/policy/fact-catalogue.js'
import {
  buildPolicyJsonSchema,
  serializePolicyJsonSchema,
} from '../../../engine/src/policy/generate-json-schema.js'
import { CATEGORIES, EVENT_TYPES, OPERATORS } from '../../../engine/src/policy/operators.js'
import { REPO_ROOT } from './fixtures.js'

const defs = buildPolicyJsonSchema().$defs as Record<string, any>
const factCondition = defs.FactCondition

function pathSchemaOf(fact: string): any {
  return factCondition.allOf.find((b: any) => b.if.properties.fact.const === fact).then.properties.path
}

describe('rules/policy.schema.json', () => {
  it('is what `pnpm schema:write` generates now (run it after changing the schema or catalogue)', () => {
    const committed = readFileSync(`${REPO_ROOT}rules/policy.schema.json`, 'utf8')
    expect(committed).toBe(serializePolicyJsonSchema())
  })

  it('is generated deterministically', () => {
    expect(serializePolicyJsonSchema()).toBe(serializePolicyJsonSchema())
  })

  it('lists the fact names, event types and categories with hover help', () => {
    expect(factCondition.properties.fact.enum).toEqual(FACT_NAMES)
    expect(factCondition.properties.fact.enumDescriptions).toHaveLength(FACT_NAMES.length)
    expect(defs.RuleEvent.properties.type.enum).toEqual([...EVENT_TYPES])
    expect(defs.RuleEvent.properties.type.enumDescriptions).toHaveLength(EVENT_TYPES.length)
    expect(defs.PolicyRule.properties.category.enum).toEqual([...CATEGORIES])
  })

  it('offers plain operators as an enum and decorated ones through a pattern', () => {
    const [plain, decorated] = factCondition.properties.operator.anyOf
    expect(plain.enum).toEqual(OPERATORS.map((o) => o.name))
    const pattern = new RegExp(decorated.pattern)
    for (const ok of ['in', 'someFact:in', 'everyFact:someValue:not:greaterThanInclusive', 'swap:matches']) {
      expect(pattern.test(ok), ok).toBe(true)
    }
    for (const bad of ['foo:equal', 'equal:not', 'not:', ':equal', 'Not:equal', 'equals']) {
      expect(pattern.test(bad), bad).toBe(false)
    }
  })

  it('completes paths per fact, derived and order alike', () => {
    expect(pathSchemaOf('totals').anyOf[0].enum).toEqual([
      '$.itemsSubtotal',
      '$.expected',
      '$.declared',
      '$.mismatch',
    ])
    expect(pathSchemaOf('shipping').anyOf[0].enum).toContain('$.estimatedDelivery.earliest')
    const order = pathSchemaOf('order').anyOf[0]
    for (const p of ['$.customer.email', '$.items[*].sku', '$.payment.card.country', '$.shipping.method']) {
      expect(order.enum).toContain(p)
    }
    expect(order.enumDescriptions).toHaveLength(order.enum.length)
  })

  it('requires numeric points on score events', () => {
    const [scoreRule] = defs.RuleEvent.allOf
    expect(scoreRule.if.properties.type.const).toBe('score')
    expect(scoreRule.then.properties.params.required).toEqual(['points'])
  })
})
