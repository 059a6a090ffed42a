import { describe, expect, it, vi } from 'vitest'
import { compilePolicy } from '../../../engine/src/evaluate/compile-policy.js'
import type { Facts } from '../../../engine/src/facts/facts.types.js'
import { checkRegex } from '../../../engine/src/policy/regex-safety.js'
import { withCondition } from '../policy/fixtures.js'

// Counts calls to the real checkRegex (the only place patterns are compiled); behaviour is unchanged.
vi.mock('../../../engine/src/policy/regex-safety.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../engine/src/policy/regex-safety.js')>()
  return { ...real, checkRegex: vi.fn(real.checkRegex) }
})

describe('pattern compilation', () => {
  it('compiles literal patterns in compilePolicy, never while evaluating', () => {
    const compiled = vi.mocked(checkRegex)
    compiled.mockClear()
    const policy = compilePolicy(
      withCondition({ fact: 'order', path: '$.customer.email', operator: 'matches', value: '^a+@' }),
    )
    expect(compiled.mock.calls).toEqual([['^a+@']])
    for (const email of ['aa@x', 'b@x', 'a@y', 'aa@x']) {
      const facts = { order: { customer: { email } } } as unknown as Facts
      expect(policy.evaluate(facts, { managedLists: new Map() }).score).toBe(email.startsWith('a') ? 10 : 0)
    }
    expect(compiled).toHaveBeenCalledTimes(1)
  })

  it('compiles a fact-valued pattern once, on first use', () => {
    const compiled = vi.mocked(checkRegex)
    compiled.mockClear()
    const policy = compilePolicy(
      withCondition({
        fact: 'order',
        path: '$.customer.email',
        operator: 'matches',
        value: { fact: 'order', path: '$.emailPattern' },
      }),
    )
    expect(compiled).not.toHaveBeenCalled()
    for (let i = 0; i < 3; i++) {
      const facts = { order: { customer: { email: 'zz@x' }, emailPattern: '^z' } } as unknown as Facts
      expect(policy.evaluate(facts, { managedLists: new Map() }).score).toBe(10)
    }
    expect(compiled.mock.calls).toEqual([['^z']])
  })
})
