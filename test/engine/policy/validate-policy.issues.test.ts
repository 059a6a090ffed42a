import { Rule } from 'json-rules-engine'
import { describe, expect, it } from 'vitest'
import { compilePolicy } from '../../../engine/src/evaluate/compile-policy.js'
import { rulePriority } from '../../../engine/src/evaluate/prioritize.js'
import { policySchema } from '../../../engine/src/policy/policy.schema.js'
import { validatePolicy } from '../../../engine/src/policy/validate-policy.js'
import { examplePolicy, withCondition, withConditions } from './fixtures.js'

const C = ['rules', 0, 'conditions', 'all', 0]
type Row = [string, () => unknown, string, (string | number)[]]

function edit(f: (doc: any) => void): () => unknown {
  return () => {
    const doc = examplePolicy()
    f(doc)
    return doc
  }
}

const rows: Row[] = [
  [
    'a shipping method code, not defined, in a list compared with shipping.method',
    () =>
      withCondition(
        { fact: 'shipping', path: '$.method', operator: 'in', value: { fact: 'lists', path: '$.fast' } },
        { lists: { fast: ['express', 'drone'] } },
      ),
    'UNDEFINED_SHIPPING_METHOD',
    [...C, 'value'],
  ],
  [
    // below a rule's root json-rules-engine follows a `condition` reference before all/any/not
    'an undefined shared condition next to a boolean key in a nested node',
    () => withCondition({ condition: 'nope', all: [] }),
    'UNDEFINED_CONDITION',
    [...C, 'condition'],
  ],
  [
    'an unknown fact',
    () => withCondition({ fact: 'nope', path: '$.x', operator: 'equal', value: 1 }),
    'UNKNOWN_FACT',
    [...C, 'fact'],
  ],
  [
    'an unknown fact in a fact-valued value',
    () => withCondition({ fact: 'order', operator: 'equal', value: { fact: 'nope' } }),
    'UNKNOWN_FACT',
    [...C, 'value', 'fact'],
  ],
  [
    'an empty fact name',
    () => withCondition({ fact: '', operator: 'equal', value: 1 }),
    'UNKNOWN_FACT',
    [...C, 'fact'],
  ],
  [
    'an unknown operator',
    () => withCondition({ fact: 'order', operator: 'equals', value: 1 }),
    'UNKNOWN_OPERATOR',
    [...C, 'operator'],
  ],
  [
    'an unknown decorator',
    () => withCondition({ fact: 'order', operator: 'foo:equal', value: 1 }),
    'UNKNOWN_OPERATOR',
    [...C, 'operator'],
  ],
  [
    'a decorator after the operator',
    () => withCondition({ fact: 'order', operator: 'equal:not', value: 1 }),
    'UNKNOWN_OPERATOR',
    [...C, 'operator'],
  ],
  [
    'a decorator without operator',
    () => withCondition({ fact: 'order', operator: 'not:', value: 1 }),
    'UNKNOWN_OPERATOR',
    [...C, 'operator'],
  ],
  [
    'a miscased decorator',
    () => withCondition({ fact: 'order', operator: 'Not:equal', value: 1 }),
    'UNKNOWN_OPERATOR',
    [...C, 'operator'],
  ],
  [
    'an unknown event type',
    edit((d) => {
      d.rules[0].event.type = 'block'
    }),
    'UNKNOWN_EVENT_TYPE',
    ['rules', 0, 'event', 'type'],
  ],
  [
    'a duplicate rule id',
    edit((d) => {
      d.rules[1].id = d.rules[0].id
    }),
    'DUPLICATE_RULE_ID',
    ['rules', 1, 'id'],
  ],
  [
    'a score rule without points',
    edit((d) => {
      delete d.rules[1].event.params.points
    }),
    'SCORE_POINTS_REQUIRED',
    ['rules', 1, 'event', 'params', 'points'],
  ],
  [
    'a score rule with string points',
    edit((d) => {
      d.rules[1].event.params.points = '30'
    }),
    'SCORE_POINTS_REQUIRED',
    ['rules', 1, 'event', 'params', 'points'],
  ],
  [
    // 1e308 + 1e308 is Infinity: a decision whose score has no JSON form, that reproduce cannot store
    'score points that can add up beyond the largest number',
    edit((d) => {
      d.rules[1].event.params.points = -1e308
      d.rules.push(
        { ...structuredClone(d.rules[1]), id: 'payment.avs-none-2', enabled: false },
        { ...structuredClone(d.rules[1]), id: 'payment.avs-none-3' },
      )
      // The disabled rule never fires: the enabled copy's points are the ones that cross.
      d.rules[2].event.params.points = -1e308
      d.rules[3].event.params.points = -1e308
    }),
    'SCORE_OUT_OF_RANGE',
    ['rules', 3, 'event', 'params', 'points'],
  ],
  [
    'a score rule without params',
    edit((d) => {
      delete d.rules[1].event.params
    }),
    'SCORE_POINTS_REQUIRED',
    ['rules', 1, 'event', 'params', 'points'],
  ],
  [
    'missing thresholds',
    edit((d) => {
      delete d.settings.thresholds
    }),
    'THRESHOLDS_REQUIRED',
    ['settings', 'thresholds'],
  ],
  [
    'missing settings',
    edit((d) => {
      delete d.settings
    }),
    'THRESHOLDS_REQUIRED',
    ['settings'],
  ],
  [
    'review = decline',
    edit((d) => {
      d.settings.thresholds = { review: 80, decline: 80 }
    }),
    'THRESHOLDS_ORDER',
    ['settings', 'thresholds', 'review'],
  ],
  [
    'review > decline',
    edit((d) => {
      d.settings.thresholds = { review: 90, decline: 80 }
    }),
    'THRESHOLDS_ORDER',
    ['settings', 'thresholds', 'review'],
  ],
  [
    'an undefined shared condition',
    () => withConditions({ all: [{ condition: 'nope' }] }),
    'UNDEFINED_CONDITION',
    [...C, 'condition'],
  ],
  [
    'a reference to an inherited name',
    () => withConditions({ condition: 'toString' }),
    'UNDEFINED_CONDITION',
    ['rules', 0, 'conditions', 'condition'],
  ],
  [
    'an undefined list as value',
    () =>
      withCondition({ fact: 'order', path: '$.x', operator: 'in', value: { fact: 'lists', path: '$.nope' } }),
    'UNDEFINED_LIST',
    [...C, 'value', 'path'],
  ],
  [
    'an undefined list as fact',
    () => withCondition({ fact: 'lists', path: "$['nope'][0]", operator: 'equal', value: 'x' }),
    'UNDEFINED_LIST',
    [...C, 'path'],
  ],
  [
    'an unsafe regular expression',
    () => withCondition({ fact: 'order', path: '$.customer.email', operator: 'matches', value: '(a+)+$' }),
    'UNSAFE_REGEX',
    [...C, 'value'],
  ],
  [
    'an unsafe pattern under not:',
    () => withCondition({ fact: 'order', path: '$.id', operator: 'not:doesNotMatch', value: '(x*)*y' }),
    'UNSAFE_REGEX',
    [...C, 'value'],
  ],
  [
    'an unsafe pattern among someValue: patterns',
    () =>
      withCondition({ fact: 'order', path: '$.id', operator: 'someValue:matches', value: ['^a', '(b+)+'] }),
    'UNSAFE_REGEX',
    [...C, 'value', 1],
  ],
  [
    'a pattern that does not compile',
    () => withCondition({ fact: 'order', path: '$.id', operator: 'matches', value: '([' }),
    'INVALID_REGEX',
    [...C, 'value'],
  ],
  [
    'a pattern that is not a string',
    () => withCondition({ fact: 'order', path: '$.id', operator: 'matches', value: 5 }),
    'INVALID_REGEX',
    [...C, 'value'],
  ],
  [
    'an undefined shipping method (equal)',
    () => withCondition({ fact: 'shipping', path: '$.method', operator: 'equal', value: 'drone' }),
    'UNDEFINED_SHIPPING_METHOD',
    [...C, 'value'],
  ],
  [
    'an undefined shipping method (in)',
    () => withCondition({ fact: 'shipping', path: '$.method', operator: 'in', value: ['standard', 'drone'] }),
    'UNDEFINED_SHIPPING_METHOD',
    [...C, 'value', 1],
  ],
  [
    'an undefined shipping method among someValue: elements',
    () =>
      withCondition({
        fact: 'shipping',
        path: '$.method',
        operator: 'someValue:equal',
        value: ['standard', 'drone'],
      }),
    'UNDEFINED_SHIPPING_METHOD',
    [...C, 'value', 1],
  ],
  [
    'an undefined shipping method among not:everyValue:notEqual elements',
    () =>
      withCondition({
        fact: 'shipping',
        path: '$.method',
        operator: 'not:everyValue:notEqual',
        value: ['drone'],
      }),
    'UNDEFINED_SHIPPING_METHOD',
    [...C, 'value', 0],
  ],
  [
    'an undefined shipping method on the order',
    () => withCondition({ fact: 'order', path: '$.shipping.method', operator: 'notEqual', value: 'drone' }),
    'UNDEFINED_SHIPPING_METHOD',
    [...C, 'value'],
  ],
  [
    'a string value for in',
    () => withCondition({ fact: 'order', path: '$.x', operator: 'in', value: 'USA' }),
    'NON_ARRAY_VALUE',
    [...C, 'value'],
  ],
  [
    'a null value for notIn',
    () => withCondition({ fact: 'order', path: '$.x', operator: 'notIn', value: null }),
    'NON_ARRAY_VALUE',
    [...C, 'value'],
  ],
  [
    'a string for not:in',
    () => withCondition({ fact: 'order', path: '$.x', operator: 'not:in', value: 'x' }),
    'NON_ARRAY_VALUE',
    [...C, 'value'],
  ],
  [
    'a string for someValue:',
    () => withCondition({ fact: 'order', path: '$.x', operator: 'someValue:equal', value: 'a' }),
    'NON_ARRAY_VALUE',
    [...C, 'value'],
  ],
  [
    'a number for everyValue:',
    () => withCondition({ fact: 'order', path: '$.x', operator: 'everyValue:equal', value: 5 }),
    'NON_ARRAY_VALUE',
    [...C, 'value'],
  ],
  [
    'strings as the arrays of someValue:in',
    () => withCondition({ fact: 'order', path: '$.x', operator: 'someValue:in', value: ['ab', ['c']] }),
    'NON_ARRAY_VALUE',
    [...C, 'value', 0],
  ],
  [
    'a number as the prefix of startsWith (never matches "100…")',
    () => withCondition({ fact: 'address', path: '$.shippingCountry', operator: 'startsWith', value: 100 }),
    'INVALID_TYPE',
    [...C, 'value'],
  ],
  [
    'a non-string among the suffixes of someValue:endsWith',
    () =>
      withCondition({
        fact: 'customer',
        path: '$.emailDomain',
        operator: 'someValue:endsWith',
        value: ['.edu', 1],
      }),
    'INVALID_TYPE',
    [...C, 'value', 1],
  ],
  [
    'an empty managed list name',
    () => withCondition({ fact: 'customer', path: '$.emailDomain', operator: 'inList', value: ' ' }),
    'INVALID_LIST_NAME',
    [...C, 'value'],
  ],
  [
    'a number as managed list name',
    () => withCondition({ fact: 'customer', path: '$.emailDomain', operator: 'notInList', value: 5 }),
    'INVALID_LIST_NAME',
    [...C, 'value'],
  ],
  [
    'a fact-valued managed list name',
    () =>
      withCondition({
        fact: 'order',
        path: '$.a',
        operator: 'inList',
        value: { fact: 'order', path: '$.b' },
      }),
    'INVALID_LIST_NAME',
    [...C, 'value'],
  ],
  [
    'a rule id with capitals',
    edit((d) => {
      d.rules[0].id = 'Bad Id'
    }),
    'INVALID_RULE_ID',
    ['rules', 0, 'id'],
  ],
  [
    'an unknown category',
    edit((d) => {
      d.rules[0].category = 'risk'
    }),
    'UNKNOWN_CATEGORY',
    ['rules', 0, 'category'],
  ],
  [
    'an unknown top-level key',
    edit((d) => {
      d.extra = 1
    }),
    'UNKNOWN_KEY',
    ['extra'],
  ],
  [
    'a misspelt rule key',
    edit((d) => {
      d.rules[0].enable = false
    }),
    'UNKNOWN_KEY',
    ['rules', 0, 'enable'],
  ],
  [
    'a rule without event',
    edit((d) => {
      delete d.rules[0].event
    }),
    'REQUIRED',
    ['rules', 0, 'event'],
  ],
  [
    'an event without type',
    edit((d) => {
      d.rules[0].event = {}
    }),
    'REQUIRED',
    ['rules', 0, 'event', 'type'],
  ],
  [
    'a condition without value',
    () => withCondition({ fact: 'order', path: '$.x', operator: 'equal' }),
    'REQUIRED',
    [...C, 'value'],
  ],
  [
    'a condition without operator',
    () => withCondition({ fact: 'order', value: 1 }),
    'REQUIRED',
    [...C, 'operator'],
  ],
  ['a null condition', () => withConditions({ all: [null] }), 'INVALID_TYPE', C],
  [
    'an all that is not an array',
    () => withConditions({ all: { fact: 'order', operator: 'equal', value: 1 } }),
    'INVALID_TYPE',
    ['rules', 0, 'conditions', 'all'],
  ],
  [
    'an any that is not an array (next to a valid all)',
    () => withConditions({ all: [], any: 'x' }),
    'INVALID_TYPE',
    ['rules', 0, 'conditions', 'any'],
  ],
  [
    'a not holding an array',
    () => withConditions({ not: [] }),
    'INVALID_CONDITION',
    ['rules', 0, 'conditions', 'not'],
  ],
  ['an empty root', () => withConditions({}), 'INVALID_CONDITION_ROOT', ['rules', 0, 'conditions']],
  [
    'a fact condition as root',
    () => withConditions({ fact: 'order', operator: 'equal', value: 1 }),
    'INVALID_CONDITION_ROOT',
    ['rules', 0, 'conditions'],
  ],
  [
    'a fact condition as shared root',
    edit((d) => {
      d.conditions.x = { fact: 'order', operator: 'equal', value: 1 }
    }),
    'INVALID_CONDITION_ROOT',
    ['conditions', 'x'],
  ],
  [
    'a negative priority',
    edit((d) => {
      d.rules[0].priority = -1
    }),
    'INVALID_PRIORITY',
    ['rules', 0, 'priority'],
  ],
  [
    'a priority between 0 and 1',
    edit((d) => {
      d.rules[0].priority = 0.5
    }),
    'INVALID_PRIORITY',
    ['rules', 0, 'priority'],
  ],
  [
    'a non-numeric priority',
    edit((d) => {
      d.rules[0].priority = 'high'
    }),
    'INVALID_PRIORITY',
    ['rules', 0, 'priority'],
  ],
  [
    'a boolean priority',
    edit((d) => {
      d.rules[0].priority = true
    }),
    'INVALID_PRIORITY',
    ['rules', 0, 'priority'],
  ],
  [
    'an unknown time zone',
    edit((d) => {
      d.settings.timezone = 'Mars/Olympus'
    }),
    'INVALID_TIMEZONE',
    ['settings', 'timezone'],
  ],
  [
    'a cutoff that is not HH:MM',
    edit((d) => {
      d.settings.shippingMethods[0].cutoff = '24:00'
    }),
    'INVALID_CUTOFF',
    ['settings', 'shippingMethods', 0, 'cutoff'],
  ],
  [
    'transit min above max',
    edit((d) => {
      d.settings.shippingMethods[0].transitDays = { min: 5, max: 3 }
    }),
    'INVALID_TRANSIT_DAYS',
    ['settings', 'shippingMethods', 0, 'transitDays'],
  ],
  [
    'a shipping method defined twice',
    edit((d) => {
      d.settings.shippingMethods[1].code = 'standard'
    }),
    'DUPLICATE_SHIPPING_METHOD',
    ['settings', 'shippingMethods', 1, 'code'],
  ],
  [
    'a holiday country that is not alpha-2',
    edit((d) => {
      d.settings.holidays.country = 'usa'
    }),
    'INVALID_COUNTRY',
    ['settings', 'holidays', 'country'],
  ],
  [
    'transit days beyond ten years (the engine stops counting there)',
    edit((d) => {
      d.settings.shippingMethods[0].transitDays.max = 3661
    }),
    'INVALID_TRANSIT_DAYS',
    ['settings', 'shippingMethods', 0, 'transitDays', 'max'],
  ],
  [
    'a holiday country shaped like a code that ISO 3166-1 does not assign',
    edit((d) => {
      d.settings.holidays.country = 'XX'
    }),
    'INVALID_COUNTRY',
    ['settings', 'holidays', 'country'],
  ],
  [
    "a shipping method's destination that is not an ISO 3166-1 code",
    edit((d) => {
      d.settings.shippingMethods[0].countries = ['US', 'UK']
    }),
    'INVALID_COUNTRY',
    ['settings', 'shippingMethods', 0, 'countries', 1],
  ],
  [
    'schemaVersion 2',
    edit((d) => {
      d.schemaVersion = 2
    }),
    'UNSUPPORTED_SCHEMA_VERSION',
    ['schemaVersion'],
  ],
  [
    'a negative amountTolerance',
    edit((d) => {
      d.settings.amountTolerance = -1
    }),
    'OUT_OF_RANGE',
    ['settings', 'amountTolerance'],
  ],
]

describe('validatePolicy issues', () => {
  it('accepts the policies.md example without issues or warnings', () => {
    expect(validatePolicy(examplePolicy())).toEqual({ valid: true, issues: [], warnings: [] })
  })

  const table = rows.map(([name, build, code, path]) => ({ name, build, code, path }))

  it.each(table)('refuses $name with $code only', ({ build, code, path }) => {
    const result = validatePolicy(build())
    expect(result.valid).toBe(false)
    expect(result.issues.map((i) => ({ code: i.code, path: i.path }))).toEqual([{ code, path }])
    expect(result.issues[0]?.message.length).toBeGreaterThan(5)
  })

  it.each(table)('policySchema agrees that $name is invalid', ({ build }) => {
    expect(policySchema.safeParse(build()).success).toBe(false)
  })

  it('names only the first rule whose points cross the largest number, among thousands', () => {
    const doc = withConditions({ all: [] })
    const rule = doc.rules[0]
    rule.event.params.points = 1e308
    doc.rules = Array.from({ length: 4000 }, (_, i) => ({ ...structuredClone(rule), id: `r${i}` }))
    const result = validatePolicy(doc)
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['SCORE_OUT_OF_RANGE', ['rules', 1, 'event', 'params', 'points']],
    ])
    doc.rules[0].event.params.points = Number.MAX_VALUE
    doc.rules.length = 1
    expect(validatePolicy(doc).issues).toEqual([])
  })

  it.each([[{ all: [] }], [{ any: [] }], [{ condition: 'c1' }], [{ not: {} }], [{}], [[1]]])(
    'names a rule priority of the shape %j INVALID_PRIORITY, not a condition or another type',
    (priority) => {
      const doc = examplePolicy() as any
      doc.rules[0].priority = priority
      expect(validatePolicy(doc).issues).toEqual([
        {
          path: ['rules', 0, 'priority'],
          code: 'INVALID_PRIORITY',
          message: 'priority must be a number or a numeric string',
        },
      ])
    },
  )

  it('accepts points that no set of fired rules can add up beyond the largest number', () => {
    const doc = withConditions({ all: [] })
    const rule = doc.rules[0]
    const scoring = (id: string, points: number, enabled = true) => ({
      ...structuredClone(rule),
      id,
      enabled,
      event: { ...rule.event, params: { ...rule.event.params, points } },
    })
    // The score lies between the sum of the negative points and that of the positive ones.
    doc.rules = [scoring('up', 1e308), scoring('down', -1e308), scoring('off', 1e308, false)]
    expect(validatePolicy(doc).issues).toEqual([])
    doc.rules.push(scoring('down-again', -1e308))
    expect(validatePolicy(doc).issues.map((i) => [i.code, i.path])).toEqual([
      ['SCORE_OUT_OF_RANGE', ['rules', 3, 'event', 'params', 'points']],
    ])
  })

  it('reports shared conditions that refer to each other, each once', () => {
    const doc = examplePolicy()
    doc.conditions = {
      a: { all: [{ condition: 'b' }] },
      b: { not: { condition: 'a' } },
      c: { any: [{ condition: 'c' }] },
    }
    const result = validatePolicy(doc)
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['CONDITION_CYCLE', ['conditions', 'a']],
      ['CONDITION_CYCLE', ['conditions', 'b']],
      ['CONDITION_CYCLE', ['conditions', 'c']],
    ])
  })

  it('follows references the way json-rules-engine does when a node also has a boolean key', () => {
    const doc = examplePolicy()
    // nested nodes and shared roots evaluate their `condition` first: a → b → a is a cycle
    doc.conditions = {
      a: { all: [{ condition: 'b', any: [] }] },
      b: { condition: 'a', all: [] },
    }
    const result = validatePolicy(doc)
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['CONDITION_CYCLE', ['conditions', 'a']],
      ['CONDITION_CYCLE', ['conditions', 'b']],
    ])
  })

  it('a nested reference beside a boolean key that validation accepts also compiles', () => {
    const doc = withCondition({ condition: 'highValue', all: [] })
    expect(validatePolicy(doc).valid).toBe(true)
    expect(() => compilePolicy(doc)).not.toThrow()
  })

  it('returns every problem at once', () => {
    const doc = withCondition({ fact: 'nope', operator: 'foo:in', value: 1 })
    doc.settings.thresholds.review = 100
    doc.rules[0].event.type = 'block'
    doc.rules.push({ ...doc.rules[0], event: { type: 'score', params: {} } })
    doc.whatever = true
    const codes = validatePolicy(doc).issues.map((i) => `${i.code}@${i.path.join('.')}`)
    expect(codes.sort()).toEqual(
      [
        'UNKNOWN_KEY@whatever',
        'UNKNOWN_EVENT_TYPE@rules.0.event.type',
        'THRESHOLDS_ORDER@settings.thresholds.review',
        'UNKNOWN_FACT@rules.0.conditions.all.0.fact',
        'UNKNOWN_OPERATOR@rules.0.conditions.all.0.operator',
        'UNKNOWN_FACT@rules.1.conditions.all.0.fact',
        'UNKNOWN_OPERATOR@rules.1.conditions.all.0.operator',
        'DUPLICATE_RULE_ID@rules.1.id',
        'SCORE_POINTS_REQUIRED@rules.1.event.params.points',
      ].sort(),
    )
  })

  it('accepts json-rules-engine forms: swap:in on a string, fact-valued in, decorators, string priorities', () => {
    const doc = withConditions({
      any: [
        { fact: 'order', path: '$.customer.email', operator: 'swap:in', value: 'abc' },
        { fact: 'items', path: '$.skus', operator: 'someFact:in', value: ['A', 'B'] },
        { fact: 'items', path: '$.skus', operator: 'everyFact:someValue:not:startsWith', value: ['X'] },
        { fact: 'order', path: '$.x', operator: 'in', value: { fact: 'order', path: '$.y' }, priority: '10' },
        { fact: 'order', path: '$.customer.email', operator: 'matches', value: '^[^@]+@example\\.com$' },
        { fact: 'customer', path: '$.emailDomain', operator: 'inList', value: 'blocked-domains' },
        { fact: 'shipping', path: '$.method', operator: 'in', value: ['standard', 'express'] },
        { condition: 'highValue' },
      ],
    })
    doc.rules[0].priority = '5'
    const result = validatePolicy(doc)
    expect(result.issues).toEqual([])
    expect(result.valid).toBe(true)
    expect(policySchema.safeParse(doc).success).toBe(true)
  })

  it('reads a falsy rule priority (0, null, "", false) as the default 1, as json-rules-engine does', () => {
    for (const priority of [0, null, '', false]) {
      const doc = examplePolicy()
      doc.rules[0].priority = priority
      expect(validatePolicy(doc).issues, String(priority)).toEqual([])
      expect(new Rule({ ...doc.rules[0], priority }).priority, String(priority)).toBe(1)
      expect(rulePriority(priority)).toBe(1)
      expect(() => compilePolicy(doc)).not.toThrow()
    }
  })

  it('accepts a document without schemaVersion (policies.md requires only thresholds)', () => {
    const doc = examplePolicy()
    delete doc.schemaVersion
    expect(validatePolicy(doc).issues).toEqual([])
    expect(validatePolicy(doc).warnings).toEqual([])
  })

  it('allows an empty rules list', () => {
    const doc = examplePolicy()
    doc.rules = []
    expect(validatePolicy(doc).valid).toBe(true)
  })

  /** Shared conditions c0 → c1 → … → c{n-1}, each `not` the next; the rule refers to c0. */
  function chain(n: number): any {
    const conditions: Record<string, unknown> = {}
    for (let i = 0; i < n; i++) {
      const last = { fact: 'order', path: '$.total', operator: 'greaterThan', value: 1 }
      conditions[`c${i}`] = { not: i + 1 < n ? { condition: `c${i + 1}` } : last }
    }
    return withConditions({ condition: 'c0' }, { conditions })
  }

  it('refuses a chain of shared conditions too deep to compile, at the rule', () => {
    for (const n of [1000, 20_000]) {
      const doc = chain(n)
      const result = validatePolicy(doc)
      expect(result.issues.map((i) => [i.code, i.path])).toEqual([
        ['CONDITIONS_TOO_DEEP', ['rules', 0, 'conditions']],
      ])
    }
  })

  it('accepts a chain of shared conditions just under the depth limit, and it compiles', () => {
    const doc = chain(63)
    expect(validatePolicy(doc).issues).toEqual([])
    expect(() => compilePolicy(doc)).not.toThrow()
  })

  it('refuses shared conditions that double at every level instead of expanding them', () => {
    const conditions: Record<string, unknown> = {
      c0: { all: [{ fact: 'order', path: '$.total', operator: 'greaterThan', value: 1 }] },
    }
    for (let i = 1; i < 22; i++)
      conditions[`c${i}`] = { all: [{ condition: `c${i - 1}` }, { condition: `c${i - 1}` }] }
    const started = Date.now()
    const result = validatePolicy(withConditions({ condition: 'c21' }, { conditions }))
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['CONDITIONS_TOO_LARGE', ['rules', 0, 'conditions']],
    ])
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('refuses rules that together expand to more conditions than a document may hold, at the rule that crosses', () => {
    const conditions: Record<string, unknown> = {
      c0: { all: [{ fact: 'order', path: '$.total', operator: 'greaterThan', value: 1 }] },
    }
    for (let i = 1; i <= 10; i++)
      conditions[`c${i}`] = { all: [{ condition: `c${i - 1}` }, { condition: `c${i - 1}` }] }
    const rule = (i: number) => ({
      id: `r${i}`,
      category: 'fraud',
      conditions: { all: [{ condition: 'c10' }] },
      event: { type: 'review', params: { message: 'x' } },
    })
    const doc = (n: number) => ({
      ...withConditions({ condition: 'c10' }, { conditions }),
      rules: [...Array(n).keys()].map(rule),
    })
    // c0 has 2 nodes and c(i) 2·c(i−1) + 3, so c10 has 5,117 and each rule 5,119 (its `all` and
    // the reference): under the per-rule bound, and 19 rules (97,261) under the document's.
    expect(validatePolicy(doc(19)).issues).toEqual([])
    const result = validatePolicy(doc(500))
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['POLICY_TOO_LARGE', ['rules', 19, 'conditions']],
    ])
  })

  it('refuses documents nested deeper than the limit instead of recursing', () => {
    let node: unknown = { fact: 'order', operator: 'equal', value: 1 }
    for (let i = 0; i < 5000; i++) node = { not: node }
    const result = validatePolicy(withConditions(node))
    expect(result.issues.map((i) => i.code)).toEqual(['DOCUMENT_TOO_DEEP'])
  })
})
