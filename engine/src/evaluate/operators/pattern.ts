import { checkRegex, MAX_PATTERN_STEPS } from '../../policy/regex-safety.js'
import type { CompiledPattern, PatternCache, RunState } from '../run-state.js'

/**
 * The `matches`/`doesNotMatch` value syntax. A plain string is a JavaScript pattern with no flags
 * (case-sensitive, unanchored like `RegExp.prototype.test`: write `^…$` to anchor). `/pattern/flags`
 * selects flags among `i m s u`. The pattern runs on RE2 (linear time); a pattern that validation
 * refuses (checkRegex, the same function) compiles to the SyntaxError the rule then errs with.
 */
export function compilePattern(source: string): CompiledPattern {
  const check = checkRegex(source)
  return check.ok ? check.pattern : new SyntaxError(check.message)
}

/** Bounded so fact-valued patterns that vary per order cannot grow it without limit. */
const MAX_RUNTIME_ENTRIES = 256

export function createPatternCache(literals: Iterable<string>): PatternCache {
  const cache = new Map<string, CompiledPattern>()
  for (const source of literals) cache.set(source, compilePattern(source))
  const compiledAtCompileTime = cache.size
  return {
    get(source) {
      let pattern = cache.get(source)
      if (pattern === undefined) {
        pattern = compilePattern(source)
        if (cache.size < compiledAtCompileTime + MAX_RUNTIME_ENTRIES) cache.set(source, pattern)
      }
      return pattern
    },
  }
}

/**
 * Tests a string fact; throws (the rule errs) when the pattern itself is invalid, or when the test
 * would take the evaluation's pattern tests past MAX_PATTERN_STEPS.
 */
export function testPattern(fact: string, source: string, st: RunState): boolean {
  const pattern = st.patterns.get(source)
  if (pattern instanceof Error) throw pattern
  const steps = st.patternSteps + pattern.size * fact.length
  if (steps > MAX_PATTERN_STEPS) {
    throw new RangeError(
      `not tested: a text of ${fact.length} characters against this pattern (${pattern.size} states) would take this evaluation's pattern tests past ${MAX_PATTERN_STEPS} steps`,
    )
  }
  st.patternSteps = steps
  return pattern.test(fact)
}
