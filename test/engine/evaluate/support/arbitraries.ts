import fc from 'fast-check'
import type { PolicyDocument } from '../../../../engine/src/policy/policy.types.js'

// Values chosen to hit json-rules-engine's quirks: numeric strings, "50abc", empty strings,
// null vs missing, arrays of mixed types, nested objects.
const scalar = fc.constantFrom<unknown>(
  0,
  1,
  5,
  10,
  49,
  50,
  -3,
  2.5,
  '5',
  '50',
  '50abc',
  '',
  'US',
  'usa',
  'Foo@x.com',
  ' foo@x.com ',
  'abc',
  true,
  false,
  null,
)
const leaf = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }))
const node = fc.dictionary(fc.constantFrom('a', 'n', 's', 'arr', '*'), leaf, { maxKeys: 4 })

/**
 * An order-ish fact: known keys, each sometimes missing, with nested objects and arrays. Cloned so its
 * objects have ordinary prototypes, as facts parsed from JSON do (fast-check builds null-prototype ones).
 */
export const orderish = fc
  .record(
    {
      a: leaf,
      n: scalar,
      s: scalar,
      arr: fc.array(fc.oneof(scalar, node), { maxLength: 3 }),
      obj: fc.record({ a: leaf, n: scalar, inner: node }, { requiredKeys: [] }),
      list: fc.array(scalar, { maxLength: 4 }),
    },
    { requiredKeys: [] },
  )
  .map((o) => structuredClone(o))

const paths = fc.constantFrom(
  undefined,
  '$.a',
  '$.n',
  '$.s',
  '$.arr',
  '$.list',
  '$.obj.a',
  '$.obj.inner.a',
  '$.arr[0]',
  '$.arr[1].n',
  '$.arr[*]',
  '$.arr[*].n',
  '$.obj.*',
  '$.obj.inner.*',
  '$.missing',
  '$.missing.deeper',
  '$.arr.length',
  '$.s.length',
  "$['obj']['n']",
  '$..n',
  '$.arr[-1:]',
)

const operators = fc.constantFrom(
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'not:equal',
  'not:contains',
  'someFact:equal',
  'someFact:in',
  'everyFact:greaterThan',
  'everyFact:in',
  'someValue:equal',
  'everyValue:lessThan',
  'swap:in',
  'swap:contains',
  'not:someFact:equal',
  'everyFact:someValue:not:greaterThanInclusive',
  'inList',
  'notInList',
  'someFact:inList',
  'matches',
  'doesNotMatch',
  'not:matches',
  'startsWith',
  'endsWith',
  'someFact:startsWith',
)

const valueFor = (operator: string) => {
  if (operator.endsWith('inList') || operator.endsWith('InList'))
    return fc.constantFrom<unknown>('blocked', 'nope', 7)
  if (operator.endsWith('atches') || operator.endsWith('Match'))
    return fc.constantFrom<unknown>('^5', 'a.c', 'US$', '', 5)
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    {
      weight: 1,
      arbitrary: fc.record({ fact: fc.constant('order'), path: paths }, { requiredKeys: ['fact'] }),
    },
  )
}

const priority = fc.constantFrom<number | undefined>(undefined, undefined, 0, 1, 2, 3)

const factCondition = fc
  .record({ fact: fc.constant('order'), path: paths, operator: operators, priority })
  .chain((c) => valueFor(c.operator).map((value) => ({ ...c, value })))
  .map(({ path, priority: p, ...c }) => ({
    ...c,
    ...(path === undefined ? {} : { path }),
    ...(p === undefined ? {} : { priority: p }),
  }))

const withPriority = <T extends object>(p: number | undefined, c: T) =>
  p === undefined ? c : { ...c, priority: p }

/** Condition trees up to depth 3 over the order fact, optionally referencing shared conditions s0/s1. */
export function conditionTree(refs: boolean) {
  const tree = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: factCondition },
      {
        weight: 1,
        arbitrary: fc
          .tuple(priority, fc.array(tie('node'), { maxLength: 4 }))
          .map(([p, all]) => withPriority(p, { all })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(priority, fc.array(tie('node'), { maxLength: 4 }))
          .map(([p, any]) => withPriority(p, { any })),
      },
      { weight: 1, arbitrary: fc.tuple(priority, tie('node')).map(([p, not]) => withPriority(p, { not })) },
      ...(refs
        ? [
            {
              weight: 1,
              arbitrary: fc
                .tuple(priority, fc.constantFrom('s0', 's1'))
                .map(([p, condition]) => withPriority(p, { condition })),
            },
          ]
        : []),
    ),
  }))
  return fc
    .constantFrom('all', 'any', 'not')
    .chain(
      (kind): fc.Arbitrary<Record<string, unknown>> =>
        kind === 'not'
          ? tree.node.map((n) => ({ not: n }))
          : fc.array(tree.node, { maxLength: 4 }).map((children) => ({ [kind]: children })),
    )
}

/** A policy of 1–4 tag rules over random trees, with two shared conditions the rules may reference. */
export const randomPolicy = fc
  .record({
    shared: fc.tuple(conditionTree(false), conditionTree(false)),
    rules: fc.array(fc.tuple(conditionTree(true), priority), { minLength: 1, maxLength: 4 }),
  })
  .map(
    ({ shared, rules }) =>
      ({
        schemaVersion: 1,
        settings: { thresholds: { review: 40, decline: 80 } },
        lists: {},
        conditions: { s0: shared[0], s1: shared[1] },
        rules: rules.map(([conditions, p], i) => ({
          id: `r${i}`,
          category: 'fraud',
          ...(p === undefined ? {} : { priority: p }),
          conditions,
          event: { type: 'tag', params: { tag: `r${i}` } },
        })),
      }) as unknown as PolicyDocument,
  )
