import type { ConditionTrace, RuleStatus, RuleTrace } from './result.types.js'

const STATUS: Record<RuleStatus, string> = { fired: 'F', not_fired: 'N', disabled: 'D', error: 'E' }

/** One character per condition node: true, false, not reached, or (a fact leaf) an error. */
function node(trace: ConditionTrace | null, out: string[]): void {
  if (trace === null) {
    out.push('_')
    return
  }
  if (trace.kind === 'fact' && trace.error !== undefined) out.push('e')
  else out.push(trace.result === true ? 't' : trace.result === false ? 'f' : '-')
  if (trace.kind === 'condition') node(trace.child, out)
  else if (trace.kind !== 'fact') for (const child of trace.children) node(child, out)
}

/**
 * The trace of an evaluation in a few hundred bytes, to store with a decision: per rule (in
 * evaluation order, separated by `.`) its status (F fired, N not fired, D disabled, E error) then
 * every condition node depth-first: `t` true, `f` false, `-` not reached, `e` error, `_` a missing
 * branch. The full trace is a pure function of the facts and the immutable policy version, so a
 * reader recomputes it and proves it with `compactTrace(recomputed) === stored`.
 *
 * @example
 * compactTrace(compiled.evaluate(facts, { managedLists, trace: true }).trace ?? []) // 'Ftft.Nf-.D_'
 */
export function compactTrace(trace: readonly RuleTrace[]): string {
  const out: string[] = []
  for (let i = 0; i < trace.length; i++) {
    const rule = trace[i]!
    if (i > 0) out.push('.')
    out.push(STATUS[rule.status])
    node(rule.conditions, out)
  }
  return out.join('')
}
