import { describe, expect, it } from 'vitest'
import { showValue, summarizeDiff } from '../../studio/src/models/diff-summary.js'

describe('summarizeDiff', () => {
  it('reads added, removed and changed rules with their field changes', () => {
    const s = summarizeDiff({
      rules: {
        added: [{ id: 'fraud.new' }],
        removed: ['payment.old'],
        changed: [
          { id: 'fraud.velocity', changes: [{ path: 'event.params.points', before: 10, after: 20 }] },
        ],
      },
      settings: [{ path: 'thresholds.review', before: 40, after: 45 }],
      lists: { disposableDomains: { before: ['a.com'], after: ['a.com', 'b.com'] } },
    })
    expect(s.added).toEqual(['fraud.new'])
    expect(s.removed).toEqual(['payment.old'])
    expect(s.changed).toEqual([
      { id: 'fraud.velocity', fields: [{ path: 'event.params.points', before: 10, after: 20 }] },
    ])
    expect(s.settings).toEqual([{ path: 'settings.thresholds.review', before: 40, after: 45 }])
    expect(s.lists).toEqual([
      { path: 'lists.disposableDomains', before: ['a.com'], after: ['a.com', 'b.com'] },
    ])
    expect(s.headline).toBe('1 added · 1 removed · 1 changed · thresholds changed · lists changed')
    expect(s.isEmpty).toBe(false)
  })

  it('counts rules that only moved, which the headline would otherwise call no difference', () => {
    const s = summarizeDiff({
      rules: { added: [], removed: [], changed: [], changes: [], moved: ['fraud.a', 'fraud.b'] },
    })
    expect(s.moved).toEqual(['fraud.a', 'fraud.b'])
    expect(s.headline).toBe('2 moved')
    expect(s.isEmpty).toBe(false)
  })

  it('reads the engine PolicyDiff shape (diffPolicies), points and list entries included', () => {
    const s = summarizeDiff({
      rules: {
        added: ['fraud.new'],
        removed: [],
        changed: [{ id: 'fraud.velocity', fields: ['priority', 'event'], points: { before: 10, after: 25 } }],
      },
      conditions: { added: [], removed: ['highValue'], changed: [] },
      settings: [{ path: ['thresholds', 'review'], before: 40, after: 45 }],
      lists: [{ name: 'disposableDomains', status: 'changed', added: ['b.com'], removed: [] }],
      document: [{ path: ['description'], before: 'a', after: 'b' }],
    })
    expect(s.changed).toEqual([
      {
        id: 'fraud.velocity',
        fields: [
          { path: 'priority', before: undefined, after: undefined },
          { path: 'event (points)', before: 10, after: 25 },
        ],
      },
    ])
    expect(s.settings).toEqual([{ path: 'settings.thresholds.review', before: 40, after: 45 }])
    expect(s.lists).toEqual([
      { path: 'lists.disposableDomains (changed)', before: undefined, after: ['b.com'] },
    ])
    expect(s.other).toEqual([
      { path: 'conditions.highValue (removed)', before: undefined, after: undefined },
      { path: 'description', before: 'a', after: 'b' },
    ])
    expect(s.headline).toBe(
      '1 added · 1 changed · thresholds changed · lists changed · shared conditions changed · document fields changed',
    )
  })

  it('accepts the flat shape and a {data} wrapper', () => {
    const s = summarizeDiff({ data: { addedRules: ['x'], removedRules: [], changedRules: ['y'] } })
    expect(s.added).toEqual(['x'])
    expect(s.changed).toEqual([{ id: 'y', fields: [] }])
    expect(s.headline).toBe('1 added · 1 changed')
  })

  it('says so when nothing differs', () => {
    const s = summarizeDiff({ rules: { added: [], removed: [], changed: [] }, settings: [], lists: [] })
    expect(s.isEmpty).toBe(true)
    expect(s.headline).toBe('No rule-level differences')
  })

  it('shortens long values for the summary line', () => {
    expect(showValue(undefined)).toBe('—')
    expect(showValue('x'.repeat(100))).toHaveLength(58)
  })
})
