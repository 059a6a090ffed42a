import { describe, expect, it } from 'vitest'
import { compilePolicy } from '../../../engine/src/evaluate/compile-policy.js'
import { compilePattern } from '../../../engine/src/evaluate/operators/pattern.js'
import { checkRegex, MAX_EXPANDED_SIZE, MAX_PATTERN_STEPS } from '../../../engine/src/policy/regex-safety.js'
import { validatePolicy } from '../../../engine/src/policy/validate-policy.js'
import { factsOf, NO_LISTS } from './support/facts.js'
import { policyWith, rule } from './support/policy.js'

// RE2 is linear in the text, but each step costs in proportion to the pattern's written-out size:
// an audit's `[a-z]{1000}` × 24 (accepted at save) held the API's thread for ~6 s on a 900 KB e-mail.
const on = (path: string, value: string) => ({ fact: 'order', path, operator: 'matches', value })

describe('what the matches tests of one evaluation may cost', () => {
  it('refuses at save a pattern too large once its repetitions are written out', () => {
    const doc = policyWith([rule('big', on('$.note', '[a-z]{1000}x{1000}y{1000}z{1000}w{1000}(?:ab){2,}'))])
    expect(validatePolicy(doc).issues).toEqual([
      {
        path: ['rules', 0, 'conditions', 'all', 0, 'value'],
        code: 'UNSAFE_REGEX',
        message: `this pattern is too large once its repetitions are written out (5006 states, at most ${MAX_EXPANDED_SIZE})`,
      },
    ])
    expect(validatePolicy(policyWith([rule('ok', on('$.note', '[a-z]{1000}'.repeat(5)))])).issues).toEqual([])
  })

  it('still runs such a pattern of a version saved before the limit, within the budget', () => {
    const pattern = compilePattern('[a-z]{1000}'.repeat(6))
    if (pattern instanceof Error) throw pattern
    expect(pattern.size).toBe(6000)
    expect(pattern.test('a'.repeat(6000))).toBe(true)
    expect(checkRegex('^[a-z]{2,4}@').ok && checkRegex('^[a-z]{2,4}@')).toMatchObject({
      pattern: { size: 6 },
    })
  })

  it('makes the rule err, so the order is reviewed, once the tests would pass the budget', () => {
    const size = 1000
    const maxLength = MAX_PATTERN_STEPS / size
    const policy = compilePolicy(policyWith([rule('long-word', on('$.note', '[a-z]{1000}'))]))
    const at = (length: number) =>
      policy.evaluate(factsOf({ total: 1, note: '1'.repeat(length) }), { managedLists: NO_LISTS })
    expect(at(maxLength)).toMatchObject({ outcome: 'approve', errors: [] })
    const tooLong = at(maxLength + 1)
    expect(tooLong.outcome).toBe('review')
    expect(tooLong.errors).toEqual([
      {
        ruleId: 'long-word',
        message: `not tested: a text of ${maxLength + 1} characters against this pattern (1000 states) would take this evaluation's pattern tests past ${MAX_PATTERN_STEPS} steps`,
      },
    ])
  })

  it('counts every test of the evaluation: the rule that would pass the budget errs, the earlier ones ran', () => {
    const half = MAX_PATTERN_STEPS / 1000 / 2
    const policy = compilePolicy(
      policyWith([
        rule('first', on('$.a', '[a-z]{1000}')),
        rule('second', on('$.b', '[a-z]{1000}')),
        rule('third', on('$.c', '[a-z]{1000}')),
      ]),
    )
    const text = 'a'.repeat(half)
    const result = policy.evaluate(factsOf({ total: 1, a: text, b: text, c: text }), {
      managedLists: NO_LISTS,
    })
    expect(result.reasons.map((r) => r.ruleId)).toEqual(['first', 'second'])
    expect(result.errors.map((e) => e.ruleId)).toEqual(['third'])
  })

  it('still tests an everyday pattern on a text of 100,000 characters', () => {
    const policy = compilePolicy(
      policyWith([rule('email', on('$.email', '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$'))]),
    )
    const email = `${'a'.repeat(99_980)}@example.com`
    const result = policy.evaluate(factsOf({ total: 1, email }), { managedLists: NO_LISTS })
    expect(result.errors).toEqual([])
    expect(result.reasons.map((r) => r.ruleId)).toEqual(['email'])
  })
})
