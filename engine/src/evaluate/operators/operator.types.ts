import type { OperatorFn, RunState } from '../run-state.js'

/**
 * json-rules-engine's Operator: `evaluate(f, v) = validateFact(f) && cb(f, v)`. When the validator
 * rejects the fact the operator answers false without calling `cb` (e.g. `contains` on a string).
 */
export interface OperatorDefinition {
  name: string
  validateFact?: (factValue: unknown) => boolean
  cb: OperatorFn
}

/** json-rules-engine's OperatorDecorator: wraps the operator named after the `:`. */
export interface DecoratorDefinition {
  name: string
  validateFact?: (factValue: unknown) => boolean
  cb: (factValue: unknown, value: unknown, next: OperatorFn, st: RunState) => boolean
}
