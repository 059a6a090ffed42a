import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compactTrace } from '../../../engine/src/evaluate/compact-trace.js'
import { compilePolicy } from '../../../engine/src/evaluate/compile-policy.js'
import type { ConditionTrace, RuleTrace } from '../../../engine/src/evaluate/result.types.js'
import { orderish, randomPolicy } from './support/arbitraries.js'
import { factsOf, NO_LISTS } from './support/facts.js'
import { always, never, policyWith, rule } from './support/policy.js'

const traced = (doc: Parameters<typeof compilePolicy>[0], order: unknown) =>
  compilePolicy(doc).evaluate(factsOf(order), { managedLists: NO_LISTS, trace: true }).trace ?? []

/** An independent projection of what the compact form must capture: statuses and every node's result. */
function project(trace: readonly RuleTrace[]): unknown {
  const nodeOf = (n: ConditionTrace | null): unknown => {
    if (n === null) return null
    const result = n.kind === 'fact' && n.error !== undefined ? 'error' : (n.result ?? 'unreached')
    if (n.kind === 'fact') return [result]
    if (n.kind === 'condition') return [result, nodeOf(n.child)]
    return [result, n.children.map(nodeOf)]
  }
  return trace.map((r) => [r.status, nodeOf(r.conditions)])
}

const countNodes = (n: ConditionTrace | null): number =>
  n === null
    ? 1
    : n.kind === 'fact'
      ? 1
      : n.kind === 'condition'
        ? 1 + countNodes(n.child)
        : 1 + n.children.reduce((s, c) => s + countNodes(c), 0)

describe('compactTrace', () => {
  it('writes status then each condition node depth-first, rules separated by dots', () => {
    const doc = policyWith([
      rule('fires', always),
      {
        id: 'stops',
        category: 'fraud',
        conditions: { all: [never, always] },
        event: { type: 'tag', params: { tag: 'x' } },
      },
      {
        id: 'either',
        category: 'fraud',
        conditions: { any: [never, always] },
        event: { type: 'tag', params: { tag: 'y' } },
      },
    ])
    // Conditions of equal priority are all evaluated (json-rules-engine), so nothing is unreached here.
    expect(compactTrace(traced(doc, { total: 10 }))).toBe('Ftt.Nfft.Ftft')
  })

  it('marks a condition whose fact could not be read as an error', () => {
    const doc = policyWith([rule('bad', { fact: 'order', path: '$.total', operator: 'contains', value: 1 })])
    const trace = traced(doc, { total: 10 })
    const compact = compactTrace(trace)
    expect(compact[0]).toBe(trace[0]?.status === 'error' ? 'E' : 'N')
    expect(compact).toHaveLength(1 + countNodes(trace[0]?.conditions ?? null))
  })

  it('has one segment per rule, its status letter and one character per condition node', () => {
    fc.assert(
      fc.property(randomPolicy, orderish, (doc, order) => {
        const trace = traced(doc, order)
        const segments = compactTrace(trace).split('.')
        expect(segments).toHaveLength(trace.length)
        for (const [i, r] of trace.entries()) {
          const segment = segments[i] ?? ''
          expect(segment[0]).toBe({ fired: 'F', not_fired: 'N', disabled: 'D', error: 'E' }[r.status])
          expect(segment.length - 1).toBe(countNodes(r.conditions))
        }
      }),
    )
  })

  it('tells two evaluations of one policy apart exactly when a status or a node result differs', () => {
    fc.assert(
      fc.property(randomPolicy, orderish, orderish, (doc, a, b) => {
        const ta = traced(doc, a)
        const tb = traced(doc, b)
        const sameProjection = JSON.stringify(project(ta)) === JSON.stringify(project(tb))
        expect(compactTrace(ta) === compactTrace(tb)).toBe(sameProjection)
      }),
    )
  })
})
