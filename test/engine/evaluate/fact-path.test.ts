import fc from 'fast-check'
import { JSONPath } from 'jsonpath-plus'
import { describe, expect, it } from 'vitest'
import { compileFactAccess } from '../../../engine/src/evaluate/fact-access.js'
import { compilePath } from '../../../engine/src/evaluate/fact-path.js'
import type { Facts } from '../../../engine/src/facts/facts.types.js'
import { factsOf } from './support/facts.js'

/** What json-rules-engine's almanac returns for a path on a fact value. */
function almanac(value: unknown, path: string): unknown {
  if (!path) return value
  return value !== null && typeof value === 'object'
    ? JSONPath({ path, json: value as object, wrap: false })
    : value
}

// Keys include "*" and "length" to exercise jsonpath-plus's literal-priority and own-property rules.
const key = fc.constantFrom('a', 'b', '0', '1', '*', 'length')
const json = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom<unknown>(0, 1, '', 'ab', true, false, null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(key, tie('v'), { maxKeys: 4 }).map((o) => structuredClone(o)),
  ),
}))
const segment = fc.constantFrom('.a', '.b', '[0]', '[1]', '[*]', '.*', "['a']", '.length', "['*']", '.0')
const simplePath = fc.array(segment, { maxLength: 4 }).map((s) => `$${s.join('')}`)

describe('compilePath', () => {
  it('returns exactly what jsonpath-plus (wrap: false) returns, through the almanac, for simple paths', () => {
    fc.assert(
      fc.property(json.v, simplePath, (value, path) => {
        expect(compilePath(path).read(value)).toEqual(almanac(value, path))
      }),
      { numRuns: 3000 },
    )
  })

  it.each([
    ['$.a.b', ['a', 'b']],
    ['$.a[0]', ['a', '0']],
    ["$['a']", ['a']],
    ['$.a[*].b', ['a', '*', 'b']],
    ["$.a['b.c']", ['a', 'b.c']],
  ])('compiles %s to direct access', (path, tokens) => {
    expect(compilePath(path).tokens).toEqual(tokens)
  })

  it.each(['$..a', '$.a[?(@.b>1)]', '$.a[-1:]', '$.a[0,1]', '$'])(
    'falls back to jsonpath-plus for %s',
    (path) => {
      expect(compilePath(path).tokens).toBe('complex')
      const value = { a: [{ b: 1 }, { b: 2 }] }
      expect(compilePath(path).read(value)).toEqual(almanac(value, path))
    },
  )

  it('returns a wildcard match as an array even when there is one, and undefined when there is none', () => {
    expect(compilePath('$.a[*].b').read({ a: [{ b: 1 }] })).toEqual([1])
    expect(compilePath('$.a[*].b').read({ a: [] })).toBeUndefined()
    expect(compilePath('$.a[*].b').read({ a: [{ b: 1 }, { c: 2 }, { b: 3 }] })).toEqual([1, 3])
  })

  it('ignores the path on a fact that is not an object, and reads own properties only', () => {
    expect(compilePath('$.a').read(5)).toBe(5)
    expect(compilePath('$.a').read('text')).toBe('text')
    expect(compilePath('$.a').read(null)).toBeNull()
    expect(compilePath('$.a.length').read({ a: 'abc' })).toBe(3)
    expect(compilePath('$.a.toString').read({ a: {} })).toBeUndefined()
    expect(compilePath('$.a.b').read({ a: '' })).toBeUndefined()
  })
})

describe('compileFactAccess', () => {
  // Inherited names too: a path never reads what an object only inherits.
  const field = fc.constantFrom('a', 'b', '0', 'length', 'constructor', 'toString', '__proto__')
  const factValue = fc.oneof(
    json.v,
    fc.dictionary(field, json.v, { maxKeys: 3 }).map((o) => JSON.parse(JSON.stringify(o))),
  )

  it('reads a fact and its path exactly as the almanac does, whatever the fact value', () => {
    fc.assert(
      fc.property(
        factValue,
        fc.oneof(
          simplePath,
          field.map((f) => `$.${f}`),
        ),
        (value, path) => {
          const facts = { ...factsOf({}), velocity: value } as Facts
          expect(compileFactAccess('velocity', path)!.get(facts)).toEqual(almanac(value, path))
        },
      ),
      { numRuns: 3000 },
    )
  })
})
