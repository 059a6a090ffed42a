import { RegExpParser } from '@eslint-community/regexpp'
import { RE2JS } from 're2js'
import { findAmbiguousAlternation, findNestedQuantifier, quantifierCount } from './regex-ambiguity.js'
import { expandedSize } from './regex-size.js'
import { toRe2Source, UnsupportedByRe2 } from './regex-to-re2.js'

export const MAX_PATTERN_LENGTH = 1000
/** safe-regex2's limit, kept when its star-height test gave way to findNestedQuantifier. */
const MAX_QUANTIFIERS = 25

/** The largest expandedSize a pattern may have (`[a-z]{1000}` five times over). */
export const MAX_EXPANDED_SIZE = 5000

/**
 * States × characters one test may cost (expandedSize × the text's length): ~70 ms at ~7 ns each.
 * A text too long for its pattern makes the rule err (so the order goes to review) instead of
 * stalling the evaluation: an e-mail pattern of ~40 states tests up to 250,000 characters, one of
 * 1,000 up to 10,000. Order strings may be ~1 MiB long.
 */
export const MAX_TEST_STEPS = 10_000_000

/** A pattern ready to run: RE2 under the hood, so every test is linear in the input's length. */
export interface SafePattern {
  test(input: string): boolean
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
  const size = expandedSize(ast)
  if (size > MAX_EXPANDED_SIZE) {
    return unsafe(
      `this pattern is too large once its repetitions are written out (${size} states, at most ${MAX_EXPANDED_SIZE})`,
    )
  }
  const nested = findNestedQuantifier(ast, { ignoreCase, dotAll })
  if (nested !== null) return unsafe(`this pattern can backtrack catastrophically: ${nested}`)
  const ambiguity = findAmbiguousAlternation(ast, { ignoreCase, dotAll })
  if (ambiguity !== null) return unsafe(`this pattern can backtrack catastrophically: ${ambiguity}`)
  return { ok: true, pattern: bounded(matcher, Math.floor(MAX_TEST_STEPS / size)) }
}

/** The matcher, refusing (the rule errs) a text longer than `maxLength` (see MAX_TEST_STEPS). */
function bounded(matcher: RE2JS, maxLength: number): SafePattern {
  return {
    test(input) {
      if (input.length > maxLength) {
        throw new RangeError(
          `the text is ${input.length} characters long; this pattern tests at most ${maxLength} (a longer text could stall the evaluation)`,
        )
      }
      return matcher.test(input)
    },
  }
}

function invalid(message: string): RegexCheck {
  return { ok: false, code: 'INVALID_REGEX', message }
}

function unsafe(message: string): RegexCheck {
  return { ok: false, code: 'UNSAFE_REGEX', message }
}
