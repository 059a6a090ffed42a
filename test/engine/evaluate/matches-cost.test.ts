import { describe, expect, it } from 'vitest'
import { compilePolicy } from '../../../engine/src/evaluate/compile-policy.js'
import { checkRegex, MAX_EXPANDED_SIZE, MAX_TEST_STEPS } from '../../../engine/src/policy/regex-safety.js'
import { validatePolicy } from '../../../engine/src/policy/validate-policy.js'
import { factsOf, NO_LISTS } from './support/facts.js'
import { policyWith, rule } from './support/policy.js'

// RE2 is linear in the text, but each step costs in proportion to the pattern's written-out size:
// an audit's `[a-z]{1000}` × 24 (accepted at save) held the API's thread for ~6 s on a 900 KB e-mail.
describe('what one matches test may cost', () => {
  it('refuses at save a pattern too large once its repetitions are written out', () => {
    const check = checkRegex('[a-z]{1000}'.repeat(6))
    expect(check).toMatchObject({ ok: false, code: 'UNSAFE_REGEX' })
    expect(!check.ok && check.message).toContain(`6000 states, at most ${MAX_EXPANDED_SIZE}`)
    expect(checkRegex('[a-z]{1000}'.repeat(5)).ok).toBe(true)
    const doc = policyWith([
      rule('big', {
        fact: 'order',
        path: '$.note',
        operator: 'matches',
        value: '[a-z]{1000}x{1000}y{1000}z{1000}w{1000}(?:ab){2,}',
      }),
    ])
    expect(validatePolicy(doc).issues).toEqual([
      expect.objectContaining({ path: ['rules', 0, 'conditions', 'all', 0, 'value'], code: 'UNSAFE_REGEX' }),
    ])
  })

  it('makes the rule err, so the order is reviewed, when the text is too long for the pattern', () => {
    const source = '[a-z]{1000}'
    const maxLength = Math.floor(MAX_TEST_STEPS / 1000)
    const policy = compilePolicy(
      policyWith([rule('long-word', { fact: 'order', path: '$.note', operator: 'matches', value: source })]),
    )
    const at = (length: number) =>
      policy.evaluate(factsOf({ total: 1, note: '1'.repeat(length) }), { managedLists: NO_LISTS })
    expect(at(maxLength)).toMatchObject({ outcome: 'approve', errors: [] })
    const tooLong = at(maxLength + 1)
    expect(tooLong.outcome).toBe('review')
    expect(tooLong.errors).toEqual([
      {
        ruleId: 'long-word',
        message: expect.stringContaining(
          `${maxLength + 1} characters long; this pattern tests at most ${maxLength}`,
        ),
      },
    ])
  })

  it('still tests an everyday pattern on a text of a quarter million characters', () => {
    const check = checkRegex('^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$')
    if (!check.ok) throw new Error(check.message)
    expect(check.pattern.test(`${'a'.repeat(250_000)}@example.com`)).toBe(true)
  })
})
