import type { PolicyRule } from '../policy/policy.types.js'
import { type CompileScope, compileRuleConditions } from './compile-condition.js'
import { PolicyCompileError } from './compile-error.js'
import type { CompiledNode } from './compiled-node.js'
import { rulePriority } from './prioritize.js'
import type { Reason } from './result.types.js'

export interface CompiledRule {
  rule: PolicyRule
  priority: number
  enabled: boolean
  /** Null for a disabled rule: it is never compiled, so it cannot err. */
  node: CompiledNode | null
  /** Copied for each firing so callers may mutate a result freely. */
  reason: Reason
  points: number
}

function reasonOf(rule: PolicyRule): Reason {
  const params = rule.event.params ?? {}
  const reason: Reason = { ruleId: rule.id, category: rule.category, type: rule.event.type }
  if (typeof params.points === 'number') reason.points = params.points
  if (typeof params.code === 'string') reason.code = params.code
  if (typeof params.message === 'string') reason.message = params.message
  if (typeof params.tag === 'string') reason.tag = params.tag
  return reason
}

/** Compiles one rule (its conditions only when enabled) with json-rules-engine's priority rules. */
export function compileRule(rule: PolicyRule, index: number, scope: CompileScope): CompiledRule {
  const path = ['rules', index]
  const enabled = rule.enabled !== false
  const priority = rulePriority(rule.priority)
  if (enabled && priority <= 0)
    throw new PolicyCompileError('Priority must be greater than zero', [...path, 'priority'])
  const node = enabled ? compileRuleConditions(rule.conditions, [...path, 'conditions'], scope) : null
  const reason = reasonOf(rule)
  const points = rule.event.type === 'score' && typeof reason.points === 'number' ? reason.points : 0
  return { rule, priority, enabled, node, reason, points }
}
