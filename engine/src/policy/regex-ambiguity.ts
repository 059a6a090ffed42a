import type { AST } from '@eslint-community/regexpp'
import { type CharSet, charSetOf, intersects, normalize } from './regex-charsets.js'

interface Flags {
  ignoreCase: boolean
  dotAll: boolean
}

/**
 * Finds an alternation under a repeating quantifier whose alternatives can match the same text, or
 * the start of each other's text, e.g. `(a|a)*`, `(\w|\d)+` or `(a|aa)+`: a backtracking engine then tries every way of splitting the input
 * among the alternatives, exponentially many (safe-regex2, which only counts nested quantifiers,
 * accepts these). Conservative: when in doubt, alternatives are assumed to overlap. Returns a
 * description of the first such alternation, or null.
 */
export function findAmbiguousAlternation(pattern: AST.Pattern, flags: Flags): string | null {
  let found: string | null = null
  const visit = (node: AST.Node, repeated: boolean): void => {
    if (found !== null) return
    switch (node.type) {
      case 'Pattern':
      case 'Group':
      case 'CapturingGroup':
        if (repeated) found = overlappingPair(node.alternatives, flags)
        for (const alt of node.alternatives) visit(alt, repeated)
        return
      case 'Alternative':
        for (const el of node.elements) visit(el, repeated)
        return
      case 'Quantifier':
        visit(node.element, repeated || (node.max >= 2 && !isBounded(node)))
        return
      default:
        return
    }
  }
  visit(pattern, false)
  return found
}

/**
 * A construct a backtracking engine can match in at most this many ways from one position can cost
 * it no more than that many tries there, however its insides overlap: `(?:25[0-5]|2[0-4]\d|1?\d?\d)\.`
 * repeated `{3}` (an IPv4 octet), `(\d{1,2}){2}`. `(a?){30}` has 2^30 ways and stays refused.
 */
const BOUNDED_WAYS = 1000

/** A repetition with a finite count of a body with finitely many ways, BOUNDED_WAYS at most in all. */
function isBounded(node: AST.Quantifier): boolean {
  return Number.isFinite(node.max) && waysToMatch(node) <= BOUNDED_WAYS
}

/** An upper bound of the ways `node` can match text from one position (Infinity when unbounded). */
function waysToMatch(node: AST.Node): number {
  switch (node.type) {
    case 'Character':
    case 'CharacterSet':
    case 'CharacterClass':
    case 'Assertion':
      return 1
    case 'Alternative':
      return node.elements.reduce((product, el) => product * waysToMatch(el), 1)
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives.reduce((sum, alt) => sum + waysToMatch(alt), 0)
    case 'Quantifier': {
      if (!Number.isFinite(node.max)) return Number.POSITIVE_INFINITY
      const body = waysToMatch(node.element)
      let total = 0
      for (let k = node.min; k <= node.max && total <= BOUNDED_WAYS; k++) total += body ** k
      return total
    }
    default:
      return Number.POSITIVE_INFINITY
  }
}

function overlappingPair(alternatives: AST.Alternative[], flags: Flags): string | null {
  for (let i = 0; i < alternatives.length; i++) {
    for (let j = i + 1; j < alternatives.length; j++) {
      const a = alternatives[i]!
      const b = alternatives[j]!
      if (mayOverlap(a, b, flags)) {
        return `the alternatives "${a.raw}" and "${b.raw}" can match the same text inside a repetition`
      }
    }
  }
  return null
}

function mayOverlap(a: AST.Alternative, b: AST.Alternative, flags: Flags): boolean {
  const sa = fixedSequence(a.elements, flags)
  const sb = fixedSequence(b.elements, flags)
  if (sa !== null && sb !== null) {
    // Repeated, the shorter can also start a split of the longer one's text: `(a|aa)+` reads "aa"
    // as a·a or aa. Unless it is a possible prefix of the longer, every split is decided by the text.
    // (An empty alternative starts nothing: an empty iteration does not count as a split.)
    const [short, long] = sa.length <= sb.length ? [sa, sb] : [sb, sa]
    if (short.length === 0) return long.length === 0
    return short.every((set, k) => intersects(set, long[k]!))
  }
  const fa = first(a.elements, flags)
  const fb = first(b.elements, flags)
  return (fa.nullable && fb.nullable) || intersects(fa.chars, fb.chars)
}

const MAX_FIXED_LENGTH = 64

/** The character sets of an alternative that always matches the same number of characters, else null. */
function fixedSequence(elements: AST.Element[], flags: Flags): CharSet[] | null {
  const out: CharSet[] = []
  for (const el of elements) {
    const part = fixedElement(el, flags)
    if (part === null) return null
    out.push(...part)
    if (out.length > MAX_FIXED_LENGTH) return null
  }
  return out
}

function fixedElement(el: AST.Element, flags: Flags): CharSet[] | null {
  switch (el.type) {
    case 'Character':
    case 'CharacterSet':
    case 'CharacterClass':
      return [charSetOf(el, flags)]
    case 'Assertion':
      return []
    case 'Group':
    case 'CapturingGroup': {
      const only = el.alternatives.length === 1 ? el.alternatives[0] : undefined
      return only === undefined ? null : fixedSequence(only.elements, flags)
    }
    case 'Quantifier': {
      if (el.min !== el.max || el.min > MAX_FIXED_LENGTH) return null
      const body = fixedElement(el.element, flags)
      return body === null ? null : Array.from({ length: el.min }, () => body).flat()
    }
    default:
      return null
  }
}

interface First {
  chars: CharSet
  nullable: boolean
}

/** The characters a sequence can start with, and whether it can match the empty string. */
function first(elements: AST.Element[], flags: Flags): First {
  const parts: CharSet[] = []
  for (const el of elements) {
    const f = firstOf(el, flags)
    parts.push(f.chars)
    if (!f.nullable) return { chars: normalize(parts.flat()), nullable: false }
  }
  return { chars: normalize(parts.flat()), nullable: true }
}

function firstOf(el: AST.Element, flags: Flags): First {
  switch (el.type) {
    case 'Character':
    case 'CharacterSet':
    case 'CharacterClass':
      return { chars: charSetOf(el, flags), nullable: false }
    case 'Group':
    case 'CapturingGroup': {
      const alts = el.alternatives.map((a) => first(a.elements, flags))
      return { chars: normalize(alts.flatMap((f) => [...f.chars])), nullable: alts.some((f) => f.nullable) }
    }
    case 'Quantifier': {
      const f = firstOf(el.element, flags)
      return { chars: f.chars, nullable: f.nullable || el.min === 0 }
    }
    default:
      // Assertions and (refused earlier) backreferences consume nothing.
      return { chars: [], nullable: true }
  }
}

/**
 * A variable-length repetition (`+`, `*`, `?`, `{1,3}`) inside the body of a repeating quantifier
 * (`*`, `+`, `{2,}`, `{11}`, lazy ones included): `(a+)+`, `(\w+\s?)*`, `(.*a){11}`. A backtracking
 * engine can split the text among the iterations in exponentially many ways. Not when the body is
 * delimited: one mandatory character at its end (or start) that nothing else in the body can match,
 * and at most one varying part besides, as in `([\w-]+\.)+` or `(\d+,)*`: every iteration then
 * ends (starts) exactly at one such character, and the text alone decides every split. A fixed
 * count (`\d{3}`) and an optional group that cannot repeat (`(?:\+?1)?`) are not repetitions of
 * varying length, and a bounded construct (isBounded: `(\d{1,2}){2}`) is safe whatever it holds.
 * Returns null when there is none.
 */
export function findNestedQuantifier(pattern: AST.Pattern, flags: Flags): string | null {
  let found: string | null = null
  const visit = (node: AST.Node, loop: AST.Quantifier | null): void => {
    if (found !== null) return
    switch (node.type) {
      case 'Pattern':
      case 'Group':
      case 'CapturingGroup':
        for (const alt of node.alternatives) visit(alt, loop)
        return
      case 'Alternative':
        for (const el of node.elements) visit(el, loop)
        return
      case 'Quantifier': {
        if (loop !== null && node.min !== node.max) {
          found = `"${node.raw}" repeats inside "${loop.raw}" (nested quantifiers)`
          return
        }
        if (loop === null && isBounded(node)) return
        const repeats = node.max >= 2 && !(node.min === node.max && isFixedWidth(node.element))
        const decided = isDelimited(node.element, flags) || isSplitByText(node.element, flags)
        const inner = repeats && loop === null && !decided ? node : loop
        visit(node.element, inner)
        return
      }
      default:
        return
    }
  }
  visit(pattern, null)
  return found
}

/** True for an element that always matches the same number of characters (`\d`, `(ab)`, `a{3}`). */
function isFixedWidth(el: AST.Element): boolean {
  switch (el.type) {
    case 'Character':
    case 'CharacterSet':
    case 'CharacterClass':
    case 'Assertion':
      return true
    case 'Group':
    case 'CapturingGroup': {
      const widths = el.alternatives.map(widthOf)
      return widths.every((w) => w !== null && w === widths[0])
    }
    case 'Quantifier':
      return el.min === el.max && isFixedWidth(el.element)
    default:
      return false
  }
}

function widthOf(alt: AST.Alternative): number | null {
  let width = 0
  for (const el of alt.elements) {
    if (!isFixedWidth(el)) return null
    if (el.type === 'Quantifier') {
      const inner = el.element.type === 'Group' || el.element.type === 'CapturingGroup' ? null : 1
      if (inner === null) return null
      width += el.min
    } else if (el.type === 'Group' || el.type === 'CapturingGroup') {
      const w = widthOf(el.alternatives[0]!)
      if (w === null) return null
      width += w
    } else if (el.type !== 'Assertion') width += 1
  }
  return width
}

/** One mandatory character at the end or start of a one-alternative body, that nothing else in it matches. */
function isDelimited(body: AST.Element, flags: Flags): boolean {
  const elements =
    (body.type === 'Group' || body.type === 'CapturingGroup') && body.alternatives.length === 1
      ? body.alternatives[0]!.elements
      : null
  if (elements === null || elements.length < 2) return false
  const delimitedBy = (k: number): boolean => {
    const mark = singleCharacter(elements[k]!, flags)
    if (mark === null) return false
    const rest = elements.filter((_, i) => i !== k)
    // With one varying part at most, the rest of an iteration's text is read one way only: a second
    // one (`(a*a*,)*`) splits every iteration's text anew, and the splits multiply across iterations.
    return (
      rest.every((el) => !intersects(charactersOf(el, flags), mark)) &&
      rest.reduce((n, el) => n + varyingQuantifiers(el), 0) <= 1
    )
  }
  return delimitedBy(elements.length - 1) || delimitedBy(0)
}

/**
 * The text alone decides how a repeated one-alternative body splits into iterations and parts:
 * every part of varying length (`\w+`, an optional group) can match none of the characters the
 * parts after it may start with, up to the next one that must consume a character, the next
 * iteration's included. Its end is then where its characters end. `(\s*,\s*\w+)*`,
 * `(\w+@\w+\.)+` and `(a*b*,)*` are decided so; `(\w+\s?)*` (\w+ followed by the next \w+),
 * `(a*a*,)*` and `(a+)+` are not. A body with no part that must consume a character is not.
 */
function isSplitByText(body: AST.Element, flags: Flags): boolean {
  const elements =
    (body.type === 'Group' || body.type === 'CapturingGroup') && body.alternatives.length === 1
      ? body.alternatives[0]!.elements.filter((el) => el.type !== 'Assertion')
      : null
  if (elements === null || !elements.some(consumes)) return false
  return elements.every((el, i) => {
    if (isFixedWidth(el)) return true
    const own = charactersOf(el, flags)
    for (let k = 1; k <= elements.length; k++) {
      const next = elements[(i + k) % elements.length]!
      if (intersects(own, charactersOf(next, flags))) return false
      if (consumes(next)) return true
    }
    return false
  })
}

/** True for an element that always consumes at least one character. */
function consumes(el: AST.Element): boolean {
  switch (el.type) {
    case 'Character':
    case 'CharacterSet':
    case 'CharacterClass':
      return true
    case 'Group':
    case 'CapturingGroup':
      return el.alternatives.every((alt) => alt.elements.some(consumes))
    case 'Quantifier':
      return el.min >= 1 && consumes(el.element)
    default:
      return false
  }
}

function singleCharacter(el: AST.Element, flags: Flags): CharSet | null {
  if (el.type === 'Character' || el.type === 'CharacterSet' || el.type === 'CharacterClass')
    return charSetOf(el, flags)
  if (el.type === 'Quantifier' && el.min === 1 && el.max === 1) return singleCharacter(el.element, flags)
  return null
}

/** Every character `el` can match anywhere in its text. */
function charactersOf(el: AST.Element, flags: Flags): CharSet {
  switch (el.type) {
    case 'Character':
    case 'CharacterSet':
    case 'CharacterClass':
      return charSetOf(el, flags)
    case 'Group':
    case 'CapturingGroup':
      return normalize(el.alternatives.flatMap((a) => a.elements.flatMap((e) => [...charactersOf(e, flags)])))
    case 'Quantifier':
      return charactersOf(el.element, flags)
    default:
      // Assertions consume nothing (backreferences are refused before this runs).
      return []
  }
}

/** Quantifiers of varying length (min ≠ max) in `el`, nested ones included. */
function varyingQuantifiers(el: AST.Node): number {
  switch (el.type) {
    case 'Group':
    case 'CapturingGroup':
      return el.alternatives.reduce((n, a) => n + varyingQuantifiers(a), 0)
    case 'Alternative':
      return el.elements.reduce((n, e) => n + varyingQuantifiers(e), 0)
    case 'Quantifier':
      return (el.min !== el.max ? 1 : 0) + varyingQuantifiers(el.element)
    default:
      return 0
  }
}

/** Number of quantifiers: more than safe-regex2's limit of 25 is refused as before. */
export function quantifierCount(pattern: AST.Pattern): number {
  let count = 0
  const visit = (node: AST.Node): void => {
    switch (node.type) {
      case 'Pattern':
      case 'Group':
      case 'CapturingGroup':
        for (const alt of node.alternatives) visit(alt)
        return
      case 'Alternative':
        for (const el of node.elements) visit(el)
        return
      case 'Quantifier':
        count++
        visit(node.element)
        return
      default:
        return
    }
  }
  visit(pattern)
  return count
}
