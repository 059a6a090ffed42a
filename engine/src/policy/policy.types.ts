/**
 * The policy document (../shared/product/policies.md). `rules` are json-rules-engine rules verbatim
 * plus `id`, `category` and `enabled`. The zod schema in policy.schema.ts is the single definition
 * of "valid"; these types describe a document that passed it.
 */
export type RuleCategory = 'validation' | 'shipping' | 'payment' | 'fraud'
export type EventType = 'score' | 'review' | 'hold' | 'decline' | 'tag'

/** `{fact, path?}` used as a condition's `value`: compare against another fact's value. */
export interface FactReference {
  fact: string
  path?: string
  params?: Record<string, unknown>
}

export interface FactCondition {
  fact: string
  path?: string
  operator: string
  value: unknown
  params?: Record<string, unknown>
  priority?: number
  name?: string
}

export interface ConditionReference {
  condition: string
  priority?: number
  name?: string
}

export interface AllCondition {
  all: NestedCondition[]
  priority?: number
  name?: string
}
export interface AnyCondition {
  any: NestedCondition[]
  priority?: number
  name?: string
}
export interface NotCondition {
  not: NestedCondition
  priority?: number
  name?: string
}

export type TopLevelCondition = AllCondition | AnyCondition | NotCondition | ConditionReference
export type NestedCondition = FactCondition | TopLevelCondition

export interface RuleEvent {
  type: EventType
  params?: {
    points?: number
    message?: string
    code?: string
    tag?: string
    [extra: string]: unknown
  }
}

export interface PolicyRule {
  id: string
  name?: string
  description?: string
  category: RuleCategory
  enabled?: boolean
  priority?: number
  conditions: TopLevelCondition
  event: RuleEvent
}

export interface ShippingMethod {
  code: string
  carrier?: string
  transitDays: { min: number; max: number }
  /** "HH:MM" in the policy's timezone; orders at or after it ship the next business day. */
  cutoff?: string
  /** ISO 3166-1 alpha-2 destinations; absent = every country. */
  countries?: string[]
}

export interface PolicySettings {
  thresholds: { review: number; decline: number }
  amountTolerance?: number
  timezone?: string
  holidays?: { country: string; region?: string }
  shippingMethods?: ShippingMethod[]
}

export interface PolicyDocument {
  /** Always 1 when given; a document may leave it out. */
  schemaVersion?: 1
  description?: string
  settings: PolicySettings
  lists?: Record<string, unknown>
  conditions?: Record<string, TopLevelCondition>
  rules: PolicyRule[]
}
