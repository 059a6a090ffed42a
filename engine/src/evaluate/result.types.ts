import type { EventType, RuleCategory } from '../policy/policy.types.js'

export type Outcome = 'approve' | 'review' | 'hold' | 'decline'

/** One fired rule, in priority order (api.md "The decision"). */
export interface Reason {
  ruleId: string
  category: RuleCategory
  type: EventType
  points?: number
  code?: string
  message?: string
  tag?: string
}

/** A rule that could not be evaluated (json-rules-engine would have thrown). */
export interface RuleError {
  ruleId: string
  message: string
}

/** A managed-list entry that an inList/notInList condition found. */
export interface ListMatch {
  list: string
  value: string
  ruleId: string
}

/** Leaf of the trace: one `{fact, path, operator, value}` condition as evaluated. */
export interface FactConditionTrace {
  kind: 'fact'
  fact: string
  path?: string
  operator: string
  /** What the fact (at path) had. */
  factValue: unknown
  /** The compared value, resolved when it referenced another fact. */
  value: unknown
  valueRef?: { fact: string; path?: string }
  /** `undefined` when the condition was not reached (json-rules-engine's priority short-circuit). */
  result: boolean | undefined
  error?: string
}

export interface BooleanConditionTrace {
  kind: 'all' | 'any' | 'not'
  result: boolean | undefined
  children: ConditionTrace[]
}

export interface ConditionRefTrace {
  kind: 'condition'
  condition: string
  result: boolean | undefined
  child: ConditionTrace | null
}

export type ConditionTrace = FactConditionTrace | BooleanConditionTrace | ConditionRefTrace

export type RuleStatus = 'fired' | 'not_fired' | 'disabled' | 'error'

export interface RuleTrace {
  ruleId: string
  category: RuleCategory
  priority: number
  eventType: EventType
  status: RuleStatus
  error?: string
  conditions: ConditionTrace | null
}

export interface EvaluationResult {
  outcome: Outcome
  score: number
  reasons: Reason[]
  tags: string[]
  errors: RuleError[]
  listMatches: ListMatch[]
  /** Present only when evaluation was asked for a trace. */
  trace?: RuleTrace[]
}
