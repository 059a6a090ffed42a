import { describe, expect, it } from 'vitest'
import { FACT_CATALOGUE, FACT_NAMES, listFactPaths } from '../../../engine/src/policy/fact-catalogue.js'
import { checkFactPath, splitPath } from '../../../engine/src/policy/fact-paths.js'
import { parseOperator } from '../../../engine/src/policy/operators.js'
import { readShared } from './fixtures.js'

function leafPaths(value: unknown, prefix = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => leafPaths(v, `${prefix}[*]`))
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...leafPaths(v, `${prefix}.${k}`)])
  }
  return []
}

describe('FACT_CATALOGUE', () => {
  it('names the nine facts of policies.md', () => {
    expect(FACT_NAMES).toEqual([
      'order',
      'lists',
      'totals',
      'items',
      'payment',
      'customer',
      'address',
      'shipping',
      'velocity',
    ])
  })

  it('describes every field of the orders.md example order', () => {
    const md = readShared('product/orders.md')
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(md)?.[1] ?? 'null')
    const known = new Set(listFactPaths('order').map((p) => p.path))
    const missing = leafPaths(example).filter((p) => !known.has(p) && !p.startsWith('$.items[*].attributes.'))
    expect(missing).toEqual([])
  })

  it('gives every path a type and a one-line description', () => {
    for (const fact of FACT_NAMES) {
      for (const p of listFactPaths(fact)) {
        expect(p.type, p.path).toMatch(/\S/)
        expect(p.description, p.path).toMatch(/^[^\n]{3,}$/)
      }
    }
    expect(FACT_CATALOGUE.lists.fields).toEqual({})
  })
})

describe('splitPath / checkFactPath', () => {
  it.each([
    ['$.a.b', ['a', 'b']],
    ['$.a[0]', ['a', '0']],
    ['$.a[*].b', ['a', '*', 'b']],
    ["$['a b'].c", ['a b', 'c']],
    ['age', ['age']],
    ['$', []],
    ['$..a', null],
    ['$.a[?(@.b)]', null],
  ])('splits %s', (path, segments) => {
    expect(splitPath(path)).toEqual(segments)
  })

  it.each([
    ['totals', '$.mismatch', true],
    ['totals', '$.nope', false],
    ['items', '$.skus[3]', true],
    ['items', '$.skus.x', false],
    ['shipping', '$.estimatedDelivery.latest', true],
    ['shipping', '$.carrier.name', false],
    ['customer', '$.emailDomain.length', true],
    ['order', '$.anything.at.all', true],
  ] as const)('%s %s exists: %s', (fact, path, exists) => {
    expect(checkFactPath(fact, path).exists).toBe(exists)
  })
})

describe('parseOperator', () => {
  it.each([
    ['equal', [], 'equal'],
    ['someFact:in', ['someFact'], 'in'],
    ['not:not:equal', ['not', 'not'], 'equal'],
    [
      'everyFact:someValue:not:greaterThanInclusive',
      ['everyFact', 'someValue', 'not'],
      'greaterThanInclusive',
    ],
    ['swap:matches', ['swap'], 'matches'],
  ])('reads %s', (name, decorators, base) => {
    expect(parseOperator(name)).toEqual({ ok: true, decorators, base })
  })

  it.each(['equals', 'foo:equal', 'equal:not', 'not:', ':equal', 'Not:equal', ''])('refuses %j', (name) => {
    expect(parseOperator(name).ok).toBe(false)
  })
})
