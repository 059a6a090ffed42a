import { describe, expect, it } from 'vitest'
import { validatePolicy } from '../../../engine/src/policy/validate-policy.js'
import { readShared } from './fixtures.js'

interface Case {
  id: string
  adapted: {
    expressible: boolean
    refuseAtSave?: boolean
    policy: { rules: { id: string }[] }
    expected: { fired: string[] }
  }
}
const cases: Case[] = JSON.parse(readShared('conformance/json-rules-engine/cases.json')).cases
const refused = cases.filter((c) => c.adapted.refuseAtSave === true || !c.adapted.expressible)
const accepted = cases.filter((c) => c.adapted.expressible && c.adapted.refuseAtSave !== true)

describe('validatePolicy on the json-rules-engine conformance corpus', () => {
  it('covers the corpus as README.md counts it', () => {
    expect(cases).toHaveLength(775)
    expect(refused).toHaveLength(39 + 48)
  })

  it.each(refused.map((c) => c.id))('refuses %s', (id) => {
    const c = cases.find((x) => x.id === id) as Case
    const result = validatePolicy(c.adapted.policy)
    expect(result.valid).toBe(false)
    expect(result.issues.length).toBeGreaterThan(0)
  })

  it.each(accepted.map((c) => c.id))('accepts %s', (id) => {
    const c = cases.find((x) => x.id === id) as Case
    expect(validatePolicy(c.adapted.policy).issues).toEqual([])
  })

  it('refuses the refuseAtSave cases for the non-array value, not for something else', () => {
    for (const c of cases.filter((x) => x.adapted.refuseAtSave)) {
      expect(validatePolicy(c.adapted.policy).issues.map((i) => i.code)).toContain('NON_ARRAY_VALUE')
    }
  })

  // RULE_NEVER_FIRES must be sound: json-rules-engine itself never fires a rule we call dead.
  it('never warns RULE_NEVER_FIRES on a rule json-rules-engine fired', () => {
    let warned = 0
    for (const c of accepted) {
      for (const w of validatePolicy(c.adapted.policy).warnings) {
        if (w.code !== 'RULE_NEVER_FIRES') continue
        warned++
        const rule = c.adapted.policy.rules[w.path[1] as number]
        expect(c.adapted.expected.fired, `${c.id} ${rule?.id}`).not.toContain(rule?.id)
      }
    }
    expect(warned).toBeGreaterThan(5)
  })
})
