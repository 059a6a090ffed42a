// Public surface of the evaluator: re-exports only.
export { compactTrace } from './compact-trace.js'
export { PolicyCompileError } from './compile-error.js'
export type { CompiledPolicy, EvaluationContext } from './compile-policy.js'
export { compilePolicy } from './compile-policy.js'
export type { EvaluateOrderOptions } from './evaluate-order.js'
export { ENGINE_VERSION, evaluateOrder } from './evaluate-order.js'
export { compilePattern } from './operators/pattern.js'
