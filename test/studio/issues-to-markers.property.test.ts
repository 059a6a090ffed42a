import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { issuesToMarkers } from '../../studio/src/editor/issues-to-markers.js'

const key = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/)
const leaf = fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 12 }), fc.constant(null))
const json = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('arr'), tie('obj')),
  arr: fc.array(tie('node'), { maxLength: 4 }),
  obj: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
})).node

/** Every (path, value) pair of a JSON value, leaves only. */
function leaves(v: unknown, path: (string | number)[] = []): [(string | number)[], unknown][] {
  if (Array.isArray(v)) return v.flatMap((c, i) => leaves(c, [...path, i]))
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, c]) => leaves(c, [...path, k]))
  return [[path, v]]
}

describe('issuesToMarkers (property)', () => {
  it('covers exactly the leaf value text for any existing leaf path, in any indentation', () => {
    fc.assert(
      fc.property(json, fc.constantFrom(0, 2, 4), (value, indent) => {
        const text = JSON.stringify(value, null, indent)
        const all = leaves(value).filter(([p]) => p.length > 0)
        const markers = issuesToMarkers(
          text,
          all.map(([path]) => ({ path, message: 'm' })),
        )
        const lines = text.split('\n')
        markers.forEach((m, i) => {
          expect(m.startLineNumber).toBe(m.endLineNumber)
          const got = lines[m.startLineNumber - 1]!.slice(m.startColumn - 1, m.endColumn - 1)
          expect(got).toBe(JSON.stringify(all[i]![1]))
        })
      }),
      { numRuns: 200 },
    )
  })
})
