import { describe, expect, it } from 'vitest'
import { validatePolicy } from '../../../engine/src/policy/validate-policy.js'
import { examplePolicy, withCondition, withConditions } from './fixtures.js'

const C = ['rules', 0, 'conditions', 'all', 0]
const fact = (f: string, path: string, operator: string, value: unknown) => ({
  fact: f,
  path,
  operator,
  value,
})

function warnings(doc: unknown): { code: string; path: (string | number)[] }[] {
  const result = validatePolicy(doc)
  expect(result.issues).toEqual([])
  expect(result.valid).toBe(true)
  return result.warnings.map((w) => ({ code: w.code, path: w.path }))
}

describe('validatePolicy warnings (valid, but shown)', () => {
  it.each([
    ['$.nope on totals', fact('totals', '$.nope', 'equal', 1), [...C, 'path']],
    ['a child of a number', fact('velocity', '$.ordersByEmail1h.x', 'equal', 1), [...C, 'path']],
    ['a name on an array', fact('items', '$.skus.first', 'equal', 'x'), [...C, 'path']],
    [
      'an unknown delivery field',
      fact('shipping', "$['estimatedDelivery'].soonest", 'equal', 'x'),
      [...C, 'path'],
    ],
    [
      'a bad path in a fact-valued value',
      fact('order', '$.total', 'greaterThan', { fact: 'totals', path: '$.expectd' }),
      [...C, 'value', 'path'],
    ],
  ])('UNKNOWN_FACT_PATH for %s', (_name, condition, path) => {
    expect(warnings(withCondition(condition))).toEqual([{ code: 'UNKNOWN_FACT_PATH', path }])
  })

  it.each([
    ['order extra fields', fact('order', '$.promoCode', 'equal', 'X')],
    ['array elements', fact('items', '$.skus[0]', 'equal', 'X')],
    ['array wildcard', fact('items', '$.categories[*]', 'equal', 'X')],
    ['array length', fact('items', '$.unknownSkus.length', 'greaterThan', 0)],
    ['nested derived field', fact('shipping', '$.estimatedDelivery.latest', 'equal', '2026-01-01')],
    ['JSONPath filters (not analysed)', fact('items', '$..skus', 'contains', 'X')],
  ])('no warning for %s', (_name, condition) => {
    expect(warnings(withCondition(condition))).toEqual([])
  })

  it.each([
    ['not of an empty all', { not: { all: [] } }],
    [
      'two different equal values in one all',
      { all: [fact('order', '$.a', 'equal', 'a'), fact('order', '$.a', 'equal', 'b')] },
    ],
    [
      'equal and notEqual the same value',
      { all: [fact('order', '$.a', 'notEqual', 1), fact('order', '$.a', 'equal', 1)] },
    ],
    [
      'empty numeric range',
      { all: [fact('totals', '$.mismatch', 'greaterThan', 10), fact('totals', '$.mismatch', 'lessThan', 5)] },
    ],
    [
      'open range at one point',
      {
        all: [
          fact('totals', '$.mismatch', 'greaterThan', 5),
          fact('totals', '$.mismatch', 'lessThanInclusive', 5),
        ],
      },
    ],
    [
      'equal outside a bound',
      {
        all: [
          fact('totals', '$.mismatch', 'equal', 3),
          fact('totals', '$.mismatch', 'greaterThanInclusive', 4),
        ],
      },
    ],
    [
      'equal and in a list without it',
      { all: [fact('order', '$.a', 'equal', 'x'), fact('order', '$.a', 'in', ['y'])] },
    ],
    ['equal to a literal object', { all: [fact('order', '$.a', 'equal', { b: 1 })] }],
    ['in an empty array', { any: [fact('order', '$.a', 'in', [])] }],
    ['a shared condition that cannot hold', { all: [{ condition: 'dead' }] }],
  ])('RULE_NEVER_FIRES for %s', (_name, conditions) => {
    const doc = withConditions(conditions)
    doc.conditions.dead = { not: { any: [] } }
    expect(warnings(doc)).toEqual([{ code: 'RULE_NEVER_FIRES', path: ['rules', 0, 'conditions'] }])
  })

  it.each([
    ['an empty any (true in json-rules-engine)', { all: [{ any: [] }] }],
    [
      'equal values on different paths',
      { all: [fact('order', '$.a', 'equal', 'a'), fact('order', '$.b', 'equal', 'b')] },
    ],
    [
      'equal values in an any',
      { any: [fact('order', '$.a', 'equal', 'a'), fact('order', '$.a', 'equal', 'b')] },
    ],
    [
      'a touching inclusive range',
      {
        all: [
          fact('totals', '$.mismatch', 'greaterThanInclusive', 5),
          fact('totals', '$.mismatch', 'lessThanInclusive', 5),
        ],
      },
    ],
    [
      'decorated comparisons',
      { all: [fact('order', '$.a', 'not:equal', 'a'), fact('order', '$.a', 'not:equal', 'b')] },
    ],
    ['fact-valued equal', { all: [fact('order', '$.a', 'equal', { fact: 'order', path: '$.b' })] }],
  ])('no RULE_NEVER_FIRES for %s', (_name, conditions) => {
    expect(warnings(withConditions(conditions))).toEqual([])
  })

  it('does not warn because a rule is disabled', () => {
    const doc = examplePolicy()
    doc.rules[0].enabled = false
    expect(warnings(doc)).toEqual([])
  })

  it('warns when json-rules-engine ignores keys of a node', () => {
    const doc = withConditions({ any: [], all: [fact('order', '$.a', 'equal', 1)] })
    expect(warnings(doc)).toEqual([{ code: 'CONDITION_KEYS_IGNORED', path: ['rules', 0, 'conditions'] }])
  })

  it('warns about a key json-rules-engine ignores on a condition, naming it and a near key', () => {
    const result = validatePolicy(
      withConditions({
        all: [
          { fact: 'order', pth: '$.customer.email', operator: 'notEqual', value: 'vip@example.com' },
          { fact: 'order', Path: '$.total', operator: 'greaterThan', value: 1 },
        ],
        prority: 2,
      }),
    )
    expect(result.issues).toEqual([])
    expect(result.warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      [
        'UNKNOWN_CONDITION_KEY',
        ['rules', 0, 'conditions', 'prority'],
        'json-rules-engine ignores "prority" here',
      ],
      ['UNKNOWN_CONDITION_KEY', [...C, 'pth'], 'json-rules-engine ignores "pth" here'],
      [
        'UNKNOWN_CONDITION_KEY',
        ['rules', 0, 'conditions', 'all', 1, 'Path'],
        'json-rules-engine ignores "Path" here (did you mean "path"?)',
      ],
    ])
  })

  it('names a few unknown keys of a node and counts the rest', () => {
    const extra = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`x${i}`, i]))
    const result = validatePolicy(withCondition({ ...fact('order', '$.total', 'greaterThan', 1), ...extra }))
    expect(result.warnings.map((w) => [w.path.at(-1), w.message])).toEqual([
      ['x0', 'json-rules-engine ignores "x0" here'],
      ['x1', 'json-rules-engine ignores "x1" here'],
      ['x2', 'json-rules-engine ignores "x2" here'],
      [0, 'and 47 more keys json-rules-engine ignores here'],
    ])
  })

  it('does not warn about the keys json-rules-engine reads', () => {
    const condition = { ...fact('order', '$.total', 'greaterThan', 1), params: {}, priority: 2, name: 'big' }
    expect(warnings(withConditions({ all: [condition], priority: 1, name: 'n' }))).toEqual([])
  })

  it('names the reference as what a nested node evaluates when it also has a boolean key', () => {
    const result = validatePolicy(withCondition({ condition: 'highValue', all: [] }))
    expect(result.warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      ['CONDITION_KEYS_IGNORED', C, 'json-rules-engine evaluates "condition" here and ignores "all"'],
    ])
  })

  it.each([
    ['hold', { code: 'X' }, 'message'],
    ['decline', { message: 'm' }, 'code'],
    ['review', {}, 'message'],
    ['tag', {}, 'tag'],
  ])('EVENT_PARAM_MISSING for a %s event without %s', (type, params, missing) => {
    const doc = examplePolicy()
    doc.rules[0].event = { type, params }
    expect(warnings(doc)).toEqual([
      { code: 'EVENT_PARAM_MISSING', path: ['rules', 0, 'event', 'params', missing] },
    ])
  })

  describe('holiday calendars', () => {
    const withHolidays = (holidays: unknown) => {
      const doc = structuredClone(examplePolicy()) as { settings: Record<string, unknown> }
      doc.settings.holidays = holidays
      return doc
    }

    it.each([
      [{ country: 'DE', region: 'BY' }],
      [{ country: 'DE', region: 'DE-BY' }],
      [{ country: 'DE', region: 'by' }],
      [{ country: 'US', region: 'NY' }],
      [{ country: 'GB', region: 'SCT' }],
      [{ country: 'US' }],
    ])('%j is a known calendar: no warning', (holidays) => {
      expect(warnings(withHolidays(holidays))).toEqual([])
    })

    it.each([
      [{ country: 'DE', region: 'ZZ' }],
      [{ country: 'DE', region: 'US-NY' }],
      [{ country: 'IL', region: 'TA' }],
    ])('%j: UNKNOWN_HOLIDAY_REGION (only the national holidays count)', (holidays) => {
      expect(warnings(withHolidays(holidays))).toEqual([
        { code: 'UNKNOWN_HOLIDAY_REGION', path: ['settings', 'holidays', 'region'] },
      ])
    })

    it('a country without any calendar: NO_HOLIDAY_CALENDAR (only weekends count)', () => {
      expect(warnings(withHolidays({ country: 'AQ' }))).toEqual([
        { code: 'NO_HOLIDAY_CALENDAR', path: ['settings', 'holidays', 'country'] },
      ])
    })
  })
})
