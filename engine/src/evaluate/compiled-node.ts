import type { Facts } from '../facts/facts.types.js'
import type { ConditionTrace } from './result.types.js'
import type { RunState } from './run-state.js'

/** Fast path: the condition's result, nothing else allocated. */
export type Evaluate = (facts: Facts, st: RunState) => boolean
/** Trace path: the same evaluation, returning the condition's trace (its `result` is the answer). */
export type Trace = (facts: Facts, st: RunState) => ConditionTrace

/**
 * One condition compiled twice: `ev` for ordinary decisions and `tr` when a trace is asked for, so the
 * common path never checks a trace flag. Both follow the same control flow (same groups, same
 * short-circuits), so they reach the same conditions and record the same list matches.
 */
export interface CompiledNode {
  /** Raw priority used to group this node among its siblings (see prioritize.ts). */
  priority: unknown
  ev: Evaluate
  tr: Trace
  /** Trace of the node when json-rules-engine's priority short-circuit never reached it. */
  skip: () => ConditionTrace
}

/** Result of a traced node as its parent combines it: an erred leaf (undefined) counts as false. */
export const passed = (t: ConditionTrace): boolean => t.result === true
