import type { CompiledNode, Evaluate, Trace } from './compiled-node.js'
import { passed } from './compiled-node.js'
import { prioritize } from './prioritize.js'
import type { BooleanConditionTrace, ConditionTrace } from './result.types.js'

/**
 * all/any as json-rules-engine's Rule.prioritizeAndRun: empty → true; one child → that child; else the
 * children are grouped by priority and groups run highest first, stopping as soon as a group decides
 * (all: a group with a non-true result; any: a group with a true one). Inside a group every child is
 * evaluated — no short circuit — so an error in a later child still makes the rule err. After an
 * error no further group runs (json-rules-engine's run has already rejected by then).
 */
export function compileAllAny(
  kind: 'all' | 'any',
  children: CompiledNode[],
  priority: unknown,
): CompiledNode {
  const skip = (): BooleanConditionTrace => ({
    kind,
    result: undefined,
    children: children.map((c) => c.skip()),
  })
  if (children.length === 0) {
    return { priority, ev: () => true, tr: () => ({ kind, result: true, children: [] }), skip }
  }
  if (children.length === 1) {
    const only = children[0]!
    const tr: Trace = (facts, st) => {
      const child = only.tr(facts, st)
      return { kind, result: child.result, children: [child] }
    }
    return { priority, ev: only.ev, tr, skip }
  }
  const indexed = children.map((node, index) => ({ node, index }))
  const groups = prioritize(indexed, (c) => c.node.priority)
  const evGroups: Evaluate[][] = groups.map((g) => g.map((c) => c.node.ev))
  const isAll = kind === 'all'

  const ev: Evaluate = isAll
    ? (facts, st) => {
        for (let g = 0; g < evGroups.length; g++) {
          const group = evGroups[g]!
          let ok = true
          for (let i = 0; i < group.length; i++) if (!group[i]!(facts, st)) ok = false
          if (!ok || st.err !== undefined) return false
        }
        return true
      }
    : (facts, st) => {
        for (let g = 0; g < evGroups.length; g++) {
          const group = evGroups[g]!
          let hit = false
          for (let i = 0; i < group.length; i++) if (group[i]!(facts, st)) hit = true
          if (st.err !== undefined) return false
          if (hit) return true
        }
        return false
      }

  const tr: Trace = (facts, st) => {
    const traces: ConditionTrace[] = new Array(children.length)
    let decided: boolean | undefined
    for (const group of groups) {
      if (decided !== undefined) {
        for (const c of group) traces[c.index] = c.node.skip()
        continue
      }
      let hit = false
      let ok = true
      for (const c of group) {
        const t = c.node.tr(facts, st)
        traces[c.index] = t
        if (passed(t)) hit = true
        else ok = false
      }
      if (st.err !== undefined) decided = false
      else if (isAll && !ok) decided = false
      else if (!isAll && hit) decided = true
    }
    return { kind, result: decided ?? isAll, children: traces }
  }
  return { priority, ev, tr, skip }
}

/** `not`: the negation of its single child. */
export function compileNot(child: CompiledNode, priority: unknown): CompiledNode {
  const inner = child.ev
  return {
    priority,
    ev: (facts, st) => !inner(facts, st),
    tr: (facts, st) => {
      const t = child.tr(facts, st)
      return { kind: 'not', result: t.result === undefined ? undefined : !t.result, children: [t] }
    },
    skip: () => ({ kind: 'not', result: undefined, children: [child.skip()] }),
  }
}
