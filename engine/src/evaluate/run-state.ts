import type { SafePattern } from '../policy/regex-safety.js'
import type { ListMatch } from './result.types.js'

/** A pattern compiled once per policy, or the SyntaxError it raised (thrown when the rule is evaluated). */
export type CompiledPattern = SafePattern | Error

/**
 * Mutable state of one evaluation. One object per `evaluate` call, so concurrent evaluations of the
 * same compiled policy never share anything mutable.
 */
export interface RunState {
  /** The rule being evaluated (list matches are attributed to it). */
  ruleId: string
  /** First error raised while evaluating the current rule; the rule then errs instead of firing. */
  err: string | undefined
  listMatches: ListMatch[]
  managedLists: ReadonlyMap<string, ReadonlySet<string>>
  patterns: PatternCache
  /** States × characters the pattern tests of this evaluation have cost so far (MAX_PATTERN_STEPS). */
  patternSteps: number
}

/** Per-policy pattern cache: literals are compiled at compile time, fact-valued patterns on first use. */
export interface PatternCache {
  get(source: string): CompiledPattern
}

/** Fact value, compared value, state → result. Every operator answers a boolean, like json-rules-engine's. */
export type OperatorFn = (factValue: unknown, value: unknown, st: RunState) => boolean

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
