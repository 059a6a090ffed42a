import { z } from 'zod'
import type { FactName } from '../facts/facts.types.js'
import { FACT_CATALOGUE, FACT_NAMES, listFactPaths } from './fact-catalogue.js'
import { CATEGORIES, DECORATORS, EVENT_TYPES, OPERATORS, operatorPattern } from './operators.js'
import { structuralPolicySchema } from './policy.schema.js'

type Schema = Record<string, unknown>

const EVENT_HELP: Record<(typeof EVENT_TYPES)[number], string> = {
  score: 'adds params.points to the fraud score',
  review: 'forces at least review',
  hold: 'the customer must correct details (params.code, params.message)',
  decline: 'the order is not fulfilled (params.code, params.message)',
  tag: 'adds params.tag to the decision; no effect on the outcome',
}
const CATEGORY_HELP: Record<(typeof CATEGORIES)[number], string> = {
  validation: 'order data checks',
  shipping: 'destination and delivery checks',
  payment: 'payment checks',
  fraud: 'fraud signals',
}

// `enumDescriptions` is the editors' (VS Code / Monaco) extension for per-value hover help.
function pathSchema(fact: FactName): Schema {
  const spec = FACT_CATALOGUE[fact]
  if (fact === 'lists')
    return { type: 'string', description: 'JSONPath to a list: $.<name from the lists object>' }
  const paths = listFactPaths(fact)
  const known = {
    enum: paths.map((p) => p.path),
    enumDescriptions: paths.map((p) => `${p.type}: ${p.description}`),
  }
  // derived facts: other paths only warn; order: extra fields are legal. Either way not a schema error.
  const fallback = {
    type: 'string',
    pattern: '^\\$',
    description: spec.derived ? 'JSONPath' : 'JSONPath (extra order fields are allowed)',
  }
  return { description: `JSONPath into ${fact}: ${spec.description}`, anyOf: [known, fallback] }
}

function factConditionExtras(): Schema {
  return {
    fact: {
      type: 'string',
      enum: FACT_NAMES,
      enumDescriptions: FACT_NAMES.map((n) => FACT_CATALOGUE[n].description),
      description: 'fact name',
    },
    operator: {
      description:
        'operator; decorators prefix it: someFact:, someValue:, everyFact:, everyValue:, swap:, not:',
      anyOf: [
        { enum: OPERATORS.map((o) => o.name), enumDescriptions: OPERATORS.map((o) => o.description) },
        {
          type: 'string',
          pattern: operatorPattern(),
          examples: DECORATORS.map((d) => `${d.name}:${d.name.endsWith('Value') ? 'equal' : 'in'}`),
          description: DECORATORS.map((d) => `${d.name}: ${d.description}`).join('; '),
        },
      ],
    },
  }
}

/**
 * JSON Schema (2020-12) of the policy document, generated from the zod schema and enriched with
 * the fact catalogue, operators, event types and categories for editor autocomplete and hover.
 *
 * @example
 * monaco.languages.json.jsonDefaults.setDiagnosticsOptions({ schemas: [{ uri, fileMatch: ['*'], schema: buildPolicyJsonSchema() }] })
 */
export function buildPolicyJsonSchema(): Schema {
  const schema = z.toJSONSchema(structuralPolicySchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Schema
  const defs = schema.$defs as Record<string, Schema>
  const fc = defs.FactCondition as Schema
  Object.assign(fc.properties as Schema, factConditionExtras())
  fc.allOf = FACT_NAMES.map((fact) => ({
    if: { properties: { fact: { const: fact } }, required: ['fact'] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
    then: { properties: { path: pathSchema(fact) } },
  }))
  const event = defs.RuleEvent as Schema
  Object.assign((event.properties as Schema).type as Schema, {
    enumDescriptions: EVENT_TYPES.map((t) => EVENT_HELP[t]),
  })
  event.allOf = [
    {
      if: { properties: { type: { const: 'score' } }, required: ['type'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
      then: { required: ['params'], properties: { params: { required: ['points'] } } },
    },
  ]
  const rule = defs.PolicyRule as Schema
  Object.assign((rule.properties as Schema).category as Schema, {
    enumDescriptions: CATEGORIES.map((c) => CATEGORY_HELP[c]),
  })
  return schema
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Schema)[k])]),
  )
}

/** The text of rules/policy.schema.json: sorted keys, 2-space indent, final newline. */
export function serializePolicyJsonSchema(): string {
  return `${JSON.stringify(sortKeys(buildPolicyJsonSchema()), null, 2)}\n`
}
