import { describe, expect, it } from 'vitest'
import { validateText } from '../../studio/src/editor/validate-text.js'
import { bigPolicy } from './support/policy-60.js'

const text = (doc: unknown) => JSON.stringify(doc, null, 2)

describe('validateText', () => {
  it('finds nothing wrong in a valid 60-rule policy', () => {
    const v = validateText(text(bigPolicy(60)))
    expect(v.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(v.valid).toBe(true)
  })

  it('reports an unknown operator with its path and a marker on the operator', () => {
    const doc = bigPolicy(10) as { rules: { conditions: { all?: { operator: string }[] } }[] }
    doc.rules[5]!.conditions.all![0]!.operator = 'biggerThan'
    const t = text(doc)
    const v = validateText(t)
    const errors = v.problems.filter((p) => p.severity === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]!.path).toBe('rules[5].conditions.all[0].operator')
    const m = errors[0]!.marker
    expect(t.split('\n')[m.startLineNumber - 1]!.slice(m.startColumn - 1, m.endColumn - 1)).toBe(
      '"biggerThan"',
    )
  })

  it('reports JSON syntax errors at their position without running policy validation', () => {
    const v = validateText('{\n  "schemaVersion": 1,\n  "rules": [,]\n}')
    expect(v.document).toBeUndefined()
    expect(v.problems[0]).toMatchObject({ code: 'JSON_SYNTAX', severity: 'error' })
    expect(v.problems[0]!.marker.startLineNumber).toBe(3)
  })

  it('reports how long a 60-rule policy takes to check (no timing assertion: figures go to the log)', () => {
    const t = text(bigPolicy(60))
    for (let i = 0; i < 5; i++) validateText(t) // warm-up
    const times: number[] = []
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now()
      const v = validateText(t)
      times.push(performance.now() - t0)
      expect(v.problems).toEqual([])
    }
    times.sort((a, b) => a - b)
    const median = times[10]!
    console.info(
      `[perf] validateText, 60 rules, ${t.length} chars: median ${median.toFixed(2)} ms, max ${times[19]!.toFixed(2)} ms`,
    )
  })
})
