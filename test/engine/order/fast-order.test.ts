import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fastParseOrder } from '../../../engine/src/order/fast-order.js'
import { formatPath } from '../../../engine/src/order/issue-path.js'
import { orderSchema } from '../../../engine/src/order/order.schema.js'
import { parseOrder } from '../../../engine/src/order/parse-order.js'
import { sampleOrder } from './sample-order.js'

type Json = Record<string, unknown>

/** Every object path (as key lists) in the sample order, where mutations land. */
function objectPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return []
  const here = [path]
  const children = Array.isArray(value)
    ? value.flatMap((v, i) => objectPaths(v, [...path, i]))
    : Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...path, k]))
  return [...here, ...children]
}

const base = sampleOrder() as unknown as Json
const PATHS = objectPaths(base)
const KEYS = [
  ...new Set(
    PATHS.flatMap((p) => {
      let node: any = base
      for (const s of p) node = node[s]
      return Array.isArray(node) ? [] : Object.keys(node)
    }),
  ),
  'extra',
  '__proto__',
  'constructor',
  'toString',
  '0',
]

/** Values that sit on the edges of the schema's rules, plus arbitrary JSON. */
/** One object instance used by two mutations of the same example (the cycle CI found). */
const SHARED = { country: 'US' }

const edgeValue = fc.oneof(
  fc.constantFrom(
    '',
    'x',
    'x'.repeat(16),
    'x'.repeat(17),
    'x'.repeat(128),
    'x'.repeat(129),
    'x'.repeat(256),
    'x'.repeat(257),
    'USD',
    'usd',
    'JPY',
    'KWD',
    'XXX',
    'US',
    'XK',
    'us',
    '2026-11-20T14:03:00Z',
    '2026-02-30T14:03:00Z',
    '2026-11-20 14:03:00',
    '123456',
    '12345',
    '123456789',
    '1234',
    'card',
    'captured',
    'attempted',
    'Card',
    0,
    -0,
    -1,
    1,
    1.5,
    0.001,
    19.99,
    1e17,
    2 ** 53,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    null,
    undefined,
    true,
    [],
    {},
    { country: 'US' },
    [{ sku: 'a', quantity: 1, unitPrice: 1 }],
  ),
  fc.jsonValue({ maxDepth: 2 }),
)

type Mutation = { path: (string | number)[]; key: string; op: 'set' | 'delete'; value: unknown }

function nodeAt(root: unknown, path: (string | number)[]): any {
  let node: any = root
  for (const s of path) node = node?.[s]
  return node
}

/** Values next to `current` on the rules' edges: lengths, case, zero, decimals, integers. */
function neighbours(current: unknown): unknown[] {
  if (typeof current === 'string') {
    return [
      '',
      current.toLowerCase(),
      current.slice(1),
      `${current}0`,
      ...[1, 2, 3].map((k) => current + current.slice(-1).repeat(k)),
      ...[16, 17, 128, 129, 256, 257].map((n) => current.padEnd(n, 'x').slice(0, n)),
    ]
  }
  if (typeof current === 'number') {
    return [0, -0, -current, current + 0.001, current + 0.5, current * 1e15, 2 ** 53 + 2, current - 1]
  }
  return [String(current), 1]
}

const mutation: fc.Arbitrary<Mutation> = fc
  .record({
    path: fc.constantFrom(...PATHS),
    pickExisting: fc.boolean(),
    keyIndex: fc.nat(),
    op: fc.constantFrom('set', 'set', 'delete'),
    valueKind: fc.nat({ max: 2 }),
    valueIndex: fc.nat(),
    edge: edgeValue,
  })
  .map(({ path, pickExisting, keyIndex, op, valueKind, valueIndex, edge }) => {
    const node = nodeAt(base, path)
    const own = Array.isArray(node) ? ['0', '1', 'length'] : Object.keys(node)
    const pool = pickExisting ? own : KEYS
    const key = pool[keyIndex % pool.length] as string
    const near = neighbours(node[key])
    const value = valueKind < 2 ? near[valueIndex % near.length] : edge
    return { path, key, op, value } as Mutation
  })

/** The order with mutations applied; `__proto__` is set as an own key, as JSON.parse does. */
function mutate(mutations: Mutation[], viaJson: boolean): unknown {
  const order: any = structuredClone(base)
  for (const m of mutations) {
    const node = nodeAt(order, m.path)
    if (node === null || typeof node !== 'object') continue
    if (Array.isArray(node) && m.key === 'length') node.length = m.op === 'delete' ? 0 : 2
    else if (m.op === 'delete') delete node[m.key]
    else
      Object.defineProperty(node, m.key, {
        // A copy: the edge values' objects are shared instances, and setting one inside itself
        // (`customer` = {}, then `customer.ip` = the same {}) made a cycle (found by CI).
        value: structuredClone(m.value),
        enumerable: true,
        writable: true,
        configurable: true,
      })
  }
  return viaJson ? JSON.parse(JSON.stringify(order)) : order
}

/**
 * The parsed value as plain data: each object's prototype, then its own keys IN ORDER (the order
 * is stored and hashed downstream) with their values. Structural on purpose: vitest's
 * toStrictEqual compares `a.constructor === b.constructor`, which an own `constructor: NaN` key
 * (a valid extra field) makes false for two identical results.
 */
function shape(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value))
    return ['array', Object.getPrototypeOf(value) === Array.prototype, value.map(shape)]
  const proto = Object.getPrototypeOf(value)
  const kind = proto === Object.prototype ? 'object' : proto === null ? 'null-prototype' : 'other'
  return [kind, Object.keys(value).map((k) => [k, shape((value as Json)[k])])]
}

describe('fastParseOrder', () => {
  it('accepts exactly what the zod schema accepts, with the identical parsed order', () => {
    let accepted = 0
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (mutations, viaJson) => {
        const input = mutate(mutations, viaJson)
        const zod = orderSchema.safeParse(input)
        const fast = fastParseOrder(input)
        // The fast path may decline a valid but non-JSON input (e.g. a present `undefined`; zod
        // then answers); it never accepts what zod refuses, and on JSON it agrees exactly.
        if (fast !== null) {
          accepted++
          expect(zod.success).toBe(true)
          expect(shape(fast)).toStrictEqual(shape(zod.data))
        } else if (viaJson) {
          expect(zod.success).toBe(false)
        }
      }),
      {
        numRuns: 6000,
        // found by CI: an own `constructor: NaN` extra field, which fooled toStrictEqual
        examples: [
          [[{ path: [], key: 'constructor', op: 'set', value: Number.NaN }], false],
          [
            [
              { path: [], key: 'customer', op: 'set', value: SHARED },
              { path: ['customer'], key: 'ip', op: 'set', value: SHARED },
            ],
            true,
          ],
        ],
      },
    )
    expect(accepted).toBeGreaterThan(300)
  }, 60_000)

  it('parseOrder answers as the zod schema alone would, issues included', () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 3 }), (mutations) => {
        const input = mutate(mutations, true)
        const result = parseOrder(input)
        const zod = orderSchema.safeParse(input)
        expect(result.ok).toBe(zod.success)
        if (result.ok) expect(shape(result.order)).toStrictEqual(shape(zod.data))
        else if (result.code === 'invalid_order') {
          const expected = zod.error?.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))
          expect(result.issues).toEqual(expected)
        }
      }),
      { numRuns: 1000 },
    )
  }, 60_000)

  it('drops an own __proto__ key as zod does', () => {
    const input = JSON.parse(JSON.stringify(base).replace('{', '{"__proto__":{"x":1},'))
    expect(Object.hasOwn(input, '__proto__')).toBe(true)
    const fast = fastParseOrder(input)
    expect(fast).not.toBeNull()
    expect(Object.hasOwn(fast as object, '__proto__')).toBe(false)
    expect(fast).toStrictEqual(orderSchema.safeParse(input).data)
  })
})
