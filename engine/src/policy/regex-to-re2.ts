import type { AST } from '@eslint-community/regexpp'
import { type CharSet, complement, LINE_TERMINATORS, SPACE } from './regex-charsets.js'

/** A JavaScript construct that RE2 (a linear-time engine) cannot run. */
export class UnsupportedByRe2 extends Error {}

const RE2_LIMITATION = 'matches run on RE2, a linear-time engine without backreferences or lookaround'

/**
 * Writes a JavaScript pattern (parsed by regexpp) as an RE2 pattern that matches exactly the same
 * strings wherever the two engines' definitions differ: `.` and `\s` get JavaScript's character
 * sets, every literal becomes `\x{…}` so no JavaScript escape is read differently by RE2, and groups
 * become non-capturing (a boolean test never needs captures, and RE2 runs faster without them).
 */
export function toRe2Source(pattern: AST.Pattern, dotAll: boolean): string {
  return disjunction(pattern.alternatives, dotAll)
}

function disjunction(alternatives: AST.Alternative[], dotAll: boolean): string {
  return alternatives.map((a) => sequence(a.elements, dotAll)).join('|')
}

function sequence(elements: AST.Element[], dotAll: boolean): string {
  let out = ''
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!
    const next = elements[i + 1]
    // Without `u`, an astral literal is two Characters (a surrogate pair); RE2 reads code points.
    if (el.type === 'Character' && isSurrogatePair(el, next)) {
      out += hex(((el.value - 0xd800) << 10) + (next.value - 0xdc00) + 0x10000)
      i++
    } else {
      out += element(el, dotAll)
    }
  }
  return out
}

function isSurrogatePair(a: AST.Character, b: AST.Element | undefined): b is AST.Character {
  return (
    b?.type === 'Character' &&
    a.value >= 0xd800 &&
    a.value <= 0xdbff &&
    b.value >= 0xdc00 &&
    b.value <= 0xdfff
  )
}

function element(el: AST.Element, dotAll: boolean): string {
  switch (el.type) {
    case 'Character':
      return hex(el.value)
    case 'CharacterSet':
      return characterSet(el, dotAll)
    case 'CharacterClass':
      return characterClass(el)
    case 'Group':
    case 'CapturingGroup':
      return `(?:${disjunction(el.alternatives, dotAll)})`
    case 'Quantifier': {
      const max = el.max === Number.POSITIVE_INFINITY ? '' : String(el.max)
      const range = el.min === el.max ? `{${el.min}}` : `{${el.min},${max}}`
      return `(?:${element(el.element, dotAll)})${range}${el.greedy ? '' : '?'}`
    }
    case 'Assertion':
      return assertion(el)
    case 'Backreference':
      throw new UnsupportedByRe2(`backreference "${el.raw}" is not supported: ${RE2_LIMITATION}`)
    default:
      throw new UnsupportedByRe2(`"${el.raw}" is not supported: ${RE2_LIMITATION}`)
  }
}

function assertion(el: AST.Assertion): string {
  switch (el.kind) {
    case 'start':
      return '^'
    case 'end':
      return '$'
    case 'word':
      return el.negate ? '\\B' : '\\b'
    default:
      throw new UnsupportedByRe2(`${el.kind} "${el.raw}" is not supported: ${RE2_LIMITATION}`)
  }
}

function characterSet(el: AST.CharacterSet, dotAll: boolean): string {
  if (el.kind === 'any') return dotAll ? '(?s:.)' : `[${ranges(complement(LINE_TERMINATORS))}]`
  return `[${classItem(el)}]`
}

function characterClass(el: AST.CharacterClass): string {
  if (el.elements.length === 0) return el.negate ? '(?s:.)' : `[^${ranges([[0, 0x10ffff]])}]`
  return `[${el.negate ? '^' : ''}${el.elements.map(classItem).join('')}]`
}

/** The inside of an RE2 character class for one JavaScript class element. */
function classItem(el: AST.CharacterClassElement | AST.CharacterSet): string {
  switch (el.type) {
    case 'Character':
      return hex(el.value)
    case 'CharacterClassRange':
      return `${hex(el.min.value)}-${hex(el.max.value)}`
    case 'CharacterSet':
      switch (el.kind) {
        case 'digit':
          return el.negate ? '\\D' : '\\d'
        case 'word':
          return el.negate ? '\\W' : '\\w'
        case 'space':
          return ranges(el.negate ? complement(SPACE) : SPACE)
        case 'property':
          return property(el)
        default:
          return ranges(complement(LINE_TERMINATORS))
      }
    default:
      throw new UnsupportedByRe2(`"${el.raw}" is not supported: ${RE2_LIMITATION}`)
  }
}

/** RE2 knows general categories by their short names and scripts by name; nothing else. */
function property(el: AST.CharacterSet & { kind: 'property' }): string {
  const name = el.key === 'General_Category' || el.key === 'Script' ? el.value : null
  if (name === null || name === undefined) {
    throw new UnsupportedByRe2(
      `the Unicode property "${el.raw}" is not supported: RE2 knows general categories (\\p{L}) and scripts (\\p{Script=Greek})`,
    )
  }
  return `${el.negate ? '\\P' : '\\p'}{${name}}`
}

function ranges(set: CharSet): string {
  return set.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('')
}

function hex(cp: number): string {
  return `\\x{${cp.toString(16)}}`
}
