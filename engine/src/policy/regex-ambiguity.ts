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
        visit(node.element, repeated || node.max >= 2)
        return
      default:
        return
    }
  }
  visit(pattern, false)
  return found
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
 * A repeating construct inside another, lazy ones included: `(a+)*?b` backtracks as exponentially
 * as `(a+)*b` on a failing input, but safe-regex2's parser does not see the nesting once the outer
 * quantifier is lazy. Counts every quantifier, as safe-regex2's star height does.
 */
export function hasNestedQuantifier(pattern: AST.Pattern): boolean {
  const visit = (node: AST.Node, inQuantifier: boolean): boolean => {
    switch (node.type) {
      case 'Pattern':
      case 'Group':
      case 'CapturingGroup':
        return node.alternatives.some((alt) => visit(alt, inQuantifier))
      case 'Alternative':
        return node.elements.some((el) => visit(el, inQuantifier))
      case 'Quantifier':
        return inQuantifier || visit(node.element, true)
      default:
        return false
    }
  }
  return visit(pattern, false)
}
