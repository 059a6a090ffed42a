import type { ConditionTrace, RuleTrace } from '../evaluate/result.types.js'
import type { PolicyRule } from '../policy/policy.types.js'
import { formatValue, mark } from './format-value.js'

const STATUS_LABEL: Record<RuleTrace['status'], string> = {
  fired: '[fired]    ',
  not_fired: '[not fired]',
  disabled: '[disabled] ',
  error: '[error]    ',
}

/** What the rule does when it fires, e.g. `score +15`, `hold PO_BOX_EXPRESS`, `tag expedited`. */
export function describeEvent(rule: PolicyRule | undefined, type: string): string {
  const params = rule?.event.params ?? {}
  if (type === 'score' && typeof params.points === 'number') {
    return `score ${params.points >= 0 ? '+' : ''}${params.points}`
  }
  if ((type === 'hold' || type === 'decline') && params.code) return `${type} ${params.code}`
  if (type === 'tag' && params.tag) return `tag ${params.tag}`
  return type
}

function conditionLines(node: ConditionTrace, indent: string, out: string[]): void {
  if (node.kind === 'fact') {
    const subject = node.path ? `${node.fact} ${node.path}` : node.fact
    const compared = node.valueRef
      ? `${node.valueRef.fact}${node.valueRef.path ? ` ${node.valueRef.path}` : ''} = ${formatValue(node.value)}`
      : formatValue(node.value)
    const error = node.error ? `   ! ${node.error}` : ''
    out.push(
      `${indent}${mark(node.result)} ${subject} = ${formatValue(node.factValue)}  ${node.operator}  ${compared}${error}`,
    )
    return
  }
  if (node.kind === 'condition') {
    out.push(`${indent}${mark(node.result)} condition "${node.condition}"`)
    if (node.child) conditionLines(node.child, `${indent}    `, out)
    return
  }
  const count = node.kind === 'not' ? '' : ` (${node.children.length})`
  out.push(`${indent}${mark(node.result)} ${node.kind}${count}`)
  for (const child of node.children) conditionLines(child, `${indent}    `, out)
}

/**
 * The trace as indented text: one header per rule in evaluation (priority) order, then its
 * condition tree with, for every fact condition, the fact path, the value it had, the operator,
 * the compared value (resolved when it referenced another fact) and ✓/✗.
 */
export function formatTrace(trace: readonly RuleTrace[], rules: readonly PolicyRule[]): string[] {
  const byId = new Map(rules.map((r) => [r.id, r]))
  const out: string[] = []
  for (const entry of trace) {
    const event = describeEvent(byId.get(entry.ruleId), entry.eventType)
    const error = entry.error ? ` — ${entry.error}` : ''
    out.push(
      `${STATUS_LABEL[entry.status]} ${entry.ruleId}  (${entry.category}, priority ${entry.priority}, ${event})${error}`,
    )
    if (entry.conditions) conditionLines(entry.conditions, '    ', out)
  }
  return out
}
