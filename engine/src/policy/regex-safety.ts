import { RegExpParser } from '@eslint-community/regexpp'
import { RE2JS } from 're2js'
import { findAmbiguousAlternation, findNestedQuantifier, quantifierCount } from './regex-ambiguity.js'
import { expandedSize } from './regex-size.js'
import { toRe2Source, UnsupportedByRe2 } from './regex-to-re2.js'

export const MAX_PATTERN_LENGTH = 1000
/** safe-regex2's limit, kept when its star-height test gave way to findNestedQuantifier. */
const MAX_QUANTIFIERS = 25

/**
 * The largest expandedSize a pattern may have when a version is saved (`[a-z]{1000}` five times
 * over). Checked at save only: a version saved before the limit still compiles, and the evaluation
 * budget (MAX_PATTERN_STEPS) bounds what its patterns cost.
 */
export const MAX_EXPANDED_SIZE = 5000

/**
 * States × characters the `matches`/`doesNotMatch` tests of ONE evaluation may cost together
 * (expandedSize × the text's length, summed): ~30 ms at ~7 ns each on an idle core. The test that
 * would pass it is not run and its rule errs (so the order goes to review), instead of stalling the
 * evaluation: an e-mail pattern of ~40 states tests 100,000 characters, one of 1,000 tests 4,000.
 * Order strings may be ~1 MiB long, and `someValue:` tests every element of an array.
 */
export const MAX_PATTERN_STEPS = 4_000_000

/** A pattern ready to run: RE2 under the hood, so every test is linear in the input's length. */
export interface SafePattern {
  test(input: string): boolean
  /** expandedSize: what each character of a test costs, in states (see MAX_PATTERN_STEPS). */
  readonly size: number
}

export type RegexCheck =
  | { ok: true; pattern: SafePattern }
  | { ok: false; code: 'INVALID_REGEX' | 'UNSAFE_REGEX'; message: string }

const DELIMITED = /^\/([\s\S]+)\/([a-z]*)$/
const FLAG_NAMES: Record<string, string> = { i: 'ignoreCase', m: 'multiline', s: 'dotAll', u: 'unicode' }
const parser = new RegExpParser({ ecmaVersion: 2024 })

/**
 * The single judge of a `matches`/`doesNotMatch` pattern, used by validation at save and by the
 * evaluator at compile time, so the two cannot disagree. A plain string is a JavaScript pattern
 * without flags; `/pattern/flags` allows `i`, `m`, `s`, `u`. Refuses (INVALID_REGEX) bad syntax,
 * other flags, and constructs RE2 cannot run (backreferences, lookaround); refuses (UNSAFE_REGEX)
 * patterns over 1,000 characters and patterns a backtracking engine would run catastrophically
 * (a varying repetition inside a repetition whose iterations the text does not delimit, overlapping
 * alternatives under a repetition; more than 25 quantifiers, as safe-regex2 had it). An
 * accepted pattern runs on RE2 with JavaScript's meaning.
 */
export function checkRegex(source: string): RegexCheck {
  if (source.length > MAX_PATTERN_LENGTH) {
    return unsafe(`regular expressions are limited to ${MAX_PATTERN_LENGTH} characters`)
  }
  const delimited = DELIMITED.exec(source)
  const body = delimited === null ? source : delimited[1]!
  const flags = delimited?.[2] ?? ''
  const badFlag = [...flags].find((f, k) => !(f in FLAG_NAMES) || flags.indexOf(f) !== k)
  if (badFlag !== undefined) {
    return invalid(
      `unsupported regular expression flag "${badFlag}" in "/…/${flags}": only i, m, s and u are allowed, each once${
        badFlag === 'g' || badFlag === 'y'
          ? ` ("${badFlag}" would make the test depend on the previous one)`
          : ''
      }`,
    )
  }
  const ignoreCase = flags.includes('i')
  const dotAll = flags.includes('s')
  let ast: ReturnType<RegExpParser['parsePattern']>
  try {
    ast = parser.parsePattern(body, 0, body.length, { unicode: flags.includes('u') })
  } catch (error) {
    return invalid(`not a valid regular expression: ${(error as Error).message}`)
  }
  let matcher: RE2JS
  try {
    const re2Flags = (ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0)
    matcher = RE2JS.compile(toRe2Source(ast, dotAll), re2Flags)
  } catch (error) {
    if (error instanceof UnsupportedByRe2) return invalid(error.message)
    return invalid(`RE2, the linear-time engine that runs patterns, refuses it: ${(error as Error).message}`)
  }
  if (quantifierCount(ast) > MAX_QUANTIFIERS) {
    return unsafe(`this pattern has more than ${MAX_QUANTIFIERS} quantifiers`)
  }

  const nested = findNestedQuantifier(ast, { ignoreCase, dotAll })
  if (nested !== null) return unsafe(`this pattern can backtrack catastrophically: ${nested}`)
  const ambiguity = findAmbiguousAlternation(ast, { ignoreCase, dotAll })
  if (ambiguity !== null) return unsafe(`this pattern can backtrack catastrophically: ${ambiguity}`)
  const size = expandedSize(ast)
  return { ok: true, pattern: { test: (input) => matcher.test(input), size } }
}

/** A save-time refusal of a pattern too large once its repetitions are written out, or null. */
export function patternSizeIssue(pattern: SafePattern): string | null {
  return pattern.size > MAX_EXPANDED_SIZE
    ? `this pattern is too large once its repetitions are written out (${pattern.size} states, at most ${MAX_EXPANDED_SIZE})`
    : null
}

function invalid(message: string): RegexCheck {
  return { ok: false, code: 'INVALID_REGEX', message }
}

function unsafe(message: string): RegexCheck {
  return { ok: false, code: 'UNSAFE_REGEX', message }
}
