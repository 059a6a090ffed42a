import type { CompiledPattern, PatternCache, RunState } from '../run-state.js'

const DELIMITED = /^\/([\s\S]+)\/([a-z]*)$/
const ALLOWED_FLAGS = /^[imsu]*$/

/**
 * The `matches`/`doesNotMatch` value syntax. A plain string is a JavaScript pattern with no flags
 * (case-sensitive, unanchored: `RegExp.prototype.test`, write `^…$` to anchor). `/pattern/flags`
 * selects flags among `i m s u`; `g` and `y` are refused because they make `test` stateful.
 */
export function compilePattern(source: string): CompiledPattern {
  try {
    const delimited = DELIMITED.exec(source)
    if (delimited === null) return new RegExp(source)
    const flags = delimited[2] ?? ''
    if (!ALLOWED_FLAGS.test(flags)) return new SyntaxError(`Unsupported regular expression flags "${flags}"`)
    return new RegExp(delimited[1]!, flags)
  } catch (e) {
    return e instanceof Error ? e : new SyntaxError(String(e))
  }
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

/** Tests a string fact; throws (the rule errs) when the pattern itself is invalid. */
export function testPattern(fact: string, source: string, st: RunState): boolean {
  const pattern = st.patterns.get(source)
  if (pattern instanceof RegExp) return pattern.test(fact)
  throw pattern
}
