import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { policySchema } from '../../../engine/src/policy/policy.schema.js'
import { validatePolicy } from '../../../engine/src/policy/validate-policy.js'
import { examplePolicy } from './fixtures.js'

const CODE = /^[A-Z][A-Z0-9_]*$/

function wellFormed(result: ReturnType<typeof validatePolicy>): void {
  expect(result.valid).toBe(result.issues.length === 0)
  // the catch-all in validatePolicy exists for safety; reaching it means a check has a bug
  expect(result.issues.map((i) => i.code)).not.toContain('VALIDATION_FAILED')
  for (const issue of [...result.issues, ...result.warnings]) {
    expect(issue.code).toMatch(CODE)
    expect(typeof issue.message).toBe('string')
    expect(issue.path.every((p) => typeof p === 'string' || typeof p === 'number')).toBe(true)
  }
}

/** Replaces the value at a random path of the example document with arbitrary JSON. */
const mutated = fc
  .tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 4 }))
  .map(([picks, replacement]) => {
    const doc = examplePolicy()
    let parent: any = doc
    for (const [i, pick] of picks.entries()) {
      const keys = Object.keys(parent)
      if (keys.length === 0) break
      const key = keys[pick % keys.length] as string
      const child = parent[key]
      if (i === picks.length - 1 || typeof child !== 'object' || child === null) {
        parent[key] = replacement
        break
      }
      parent = child
    }
    return doc
  })

describe('validatePolicy never throws', () => {
  it('on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), (doc) => wellFormed(validatePolicy(doc))),
      { numRuns: 500 },
    )
  })

  it('on arbitrary values (undefined, symbols-free objects, sparse arrays)', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 6, withSparseArray: true, withNullPrototype: true }), (doc) =>
        wellFormed(validatePolicy(doc)),
      ),
      { numRuns: 300 },
    )
  })

  it('on the example with any part replaced by arbitrary JSON, and agrees with policySchema', () => {
    fc.assert(
      fc.property(mutated, (doc) => {
        const result = validatePolicy(doc)
        wellFormed(result)
        expect(policySchema.safeParse(doc).success).toBe(result.valid)
      }),
      { numRuns: 800 },
    )
  })

  it('on deeply nested and on huge documents', () => {
    let deep: unknown = []
    for (let i = 0; i < 100_000; i++) deep = [deep]
    wellFormed(validatePolicy(deep))
    const huge = examplePolicy()
    const rule = huge.rules[1]
    huge.rules = Array.from({ length: 5000 }, (_, i) => ({ ...rule, id: `r${i % 4000}` }))
    huge.rules[0].conditions = { all: Array.from({ length: 5000 }, () => rule.conditions.all[0]) }
    const started = performance.now()
    const result = validatePolicy(huge)
    wellFormed(result)
    expect(result.issues.filter((i) => i.code === 'DUPLICATE_RULE_ID')).toHaveLength(1000)
    expect(performance.now() - started).toBeLessThan(5000)
  })
})
