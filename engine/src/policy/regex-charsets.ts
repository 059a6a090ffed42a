import type { AST } from '@eslint-community/regexpp'

/** A set of code points as sorted, disjoint, inclusive [min, max] ranges. */
export type CharSet = readonly (readonly [number, number])[]

export const MAX_CODE_POINT = 0x10ffff
export const ALL: CharSet = [[0, MAX_CODE_POINT]]
export const DIGIT: CharSet = [[0x30, 0x39]]
export const WORD: CharSet = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]
/** JavaScript's `\s`: WhiteSpace and LineTerminator (wider than RE2's ASCII-only `\s`). */
export const SPACE: CharSet = normalize([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
])
/** What `.` excludes without the `s` flag. */
export const LINE_TERMINATORS: CharSet = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
]

export function normalize(ranges: (readonly [number, number])[]): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const out: [number, number][] = []
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1]
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi)
    else out.push([lo, hi])
  }
  return out
}

export function complement(set: CharSet): CharSet {
  const out: [number, number][] = []
  let next = 0
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1])
    next = hi + 1
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT])
  return out
}

export function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i]!
    const [blo, bhi] = b[j]!
    if (alo <= bhi && blo <= ahi) return true
    if (ahi < bhi) i++
    else j++
  }
  return false
}

/** Adds the other ASCII case of every ASCII letter, as the `i` flag would match it. */
function foldAscii(set: CharSet): CharSet {
  const extra: [number, number][] = []
  for (const [lo, hi] of set) {
    for (const [from, to] of [
      [0x41, 0x61],
      [0x61, 0x41],
    ] as const) {
      const a = Math.max(lo, from)
      const b = Math.min(hi, from + 25)
      if (a <= b) extra.push([a - from + to, b - from + to])
    }
  }
  return normalize([...set, ...extra])
}

/**
 * The code points one character-matching node can match, for the ambiguity analysis. Unicode
 * properties are over-approximated as "any character" (we only ever ask "could these overlap?").
 */
export function charSetOf(
  node: AST.Character | AST.CharacterSet | AST.CharacterClass,
  flags: { ignoreCase: boolean; dotAll: boolean },
): CharSet {
  const set = rawCharSet(node, flags.dotAll)
  return flags.ignoreCase ? foldAscii(set) : set
}

function rawCharSet(node: AST.Node, dotAll: boolean): CharSet {
  switch (node.type) {
    case 'Character':
      return [[node.value, node.value]]
    case 'CharacterClassRange':
      return [[node.min.value, node.max.value]]
    case 'CharacterSet': {
      if (node.kind === 'any') return dotAll ? ALL : complement(LINE_TERMINATORS)
      const base =
        node.kind === 'digit' ? DIGIT : node.kind === 'word' ? WORD : node.kind === 'space' ? SPACE : ALL
      return node.negate && node.kind !== 'property' ? complement(base) : base
    }
    case 'CharacterClass': {
      const union = normalize(node.elements.flatMap((e) => [...rawCharSet(e, dotAll)]))
      return node.negate ? complement(union) : union
    }
    default:
      return ALL
  }
}
