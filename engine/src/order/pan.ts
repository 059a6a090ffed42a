import creditCardType from 'credit-card-type'
import { formatPath } from './issue-path.js'

/**
 * Card-number (PAN) detection for orders.md "Card numbers are refused": a run of 13–19 digits,
 * optionally separated by single spaces or dashes, that passes Luhn and has the prefix and length
 * of a card brand known to credit-card-type.
 *
 * A separated run can be longer than a card ("qty 2 4111 1111 1111 1111"), so besides the whole
 * run we also try every stretch of consecutive digit groups of 13–19 digits. An unseparated run is
 * tried only whole: a 20-digit reference number is not a card, and trying its every window would
 * flag one random number in a few dozen.
 */
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g
const MIN_DIGITS = 13
const MAX_DIGITS = 19

export function luhnValid(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}

/**
 * Lengths a brand has issued that credit-card-type does not list: Visa's 13-digit numbers (the
 * original Visa length, still in test suites as 4222222222222), so that every length orders.md
 * names (13–19) is covered.
 */
const OLDER_LENGTHS: Readonly<Record<string, readonly number[]>> = { visa: [13] }

/**
 * Every brand whose prefixes the number has, with the lengths it issues. credit-card-type's own
 * answer is only the most specific brand: 457631… is Elo (16 digits), although Visa issued that
 * prefix at 13, 16, 18 and 19, and 650031… is Elo, although Discover issues it at 19. A card of
 * either would have passed as "no brand".
 */
const BRANDS = Object.values(creditCardType.types).map((type) => {
  const info = creditCardType.getTypeInfo(type)
  return { patterns: info.patterns, lengths: [...info.lengths, ...(OLDER_LENGTHS[type] ?? [])] }
})

// credit-card-type's matching, for a number at least as long as every pattern.
function hasPrefix(digits: string, pattern: number | number[]): boolean {
  if (!Array.isArray(pattern)) return digits.startsWith(String(pattern))
  const [min, max] = pattern as [number, number]
  const head = Number(digits.slice(0, String(min).length))
  return head >= min && head <= max
}

function isBrandNumber(digits: string): boolean {
  return BRANDS.some((b) => b.lengths.includes(digits.length) && b.patterns.some((p) => hasPrefix(digits, p)))
}

function isPan(digits: string): boolean {
  return (
    digits.length >= MIN_DIGITS && digits.length <= MAX_DIGITS && luhnValid(digits) && isBrandNumber(digits)
  )
}

/** True when `text` has at least 13 digits, the fewest any card number has. */
function hasEnoughDigits(text: string): boolean {
  let digits = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 48 && c <= 57 && ++digits >= MIN_DIGITS) return true
  }
  return false
}

/** True when free text contains a card number (see module comment). */
export function containsPan(text: string): boolean {
  // Almost every string in an order is short or has few digits: skip the regex for those.
  if (text.length < MIN_DIGITS || !hasEnoughDigits(text)) return false
  for (const match of text.matchAll(DIGIT_RUN)) {
    const groups = match[0].split(/[ -]/)
    for (let start = 0; start < groups.length; start++) {
      let digits = ''
      for (let end = start; end < groups.length && digits.length < MAX_DIGITS; end++) {
        digits += groups[end]
        if (isPan(digits)) return true
      }
    }
  }
  return false
}

function numberIsPan(value: number): boolean {
  if (!Number.isInteger(value)) return false
  const abs = Math.abs(value)
  if (abs < 10 ** (MIN_DIGITS - 1) || abs >= 10 ** MAX_DIGITS) return false
  // Above 2^53 the digits the sender wrote are already lost to rounding; check what is left.
  return isPan(BigInt(abs).toString())
}

interface PathNode {
  parent: PathNode | null
  segment: PropertyKey
}

function pathOf(node: PathNode | null): string {
  const segments: PropertyKey[] = []
  for (let n = node; n; n = n.parent) segments.push(n.segment)
  return formatPath(segments.reverse())
}

interface Pending {
  value: unknown
  node: PathNode | null
  /** Set when `value` is an object key rather than a value. */
  isKey?: boolean
}

/** Objects the quick pass visits before handing over to the path-tracking scan (cycles, huge input). */
const QUICK_BUDGET = 50_000

/**
 * Whether `input` holds a card number anywhere, without tracking paths: the common answer "no"
 * costs no allocation per value. `null` when the input has more objects than the budget (or a
 * cycle); findPan then scans with paths.
 */
function anyPan(input: unknown): boolean | null {
  const stack: unknown[] = [input]
  let budget = QUICK_BUDGET
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value === 'string') {
      if (containsPan(value)) return true
    } else if (typeof value === 'number') {
      if (numberIsPan(value)) return true
    } else if (typeof value === 'bigint') {
      if (containsPan(value.toString())) return true
    } else if (value !== null && typeof value === 'object') {
      if (--budget < 0) return null
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) stack.push(value[index])
      } else {
        const record = value as Record<string, unknown>
        for (const key of Object.keys(record)) {
          if (containsPan(key)) return true
          stack.push(record[key])
        }
      }
    }
  }
  return false
}

/**
 * Path of the first value in `input` (depth-first, keys in order) that contains or is a card
 * number, or `null`. Object keys are scanned too, since extra fields are stored verbatim; a card
 * number in a key is reported as `<parent path>.<key>` so the digits never appear.
 * @example findPan({ note: 'card 4111 1111 1111 1111 exp 12/29' }) // 'note'
 */
export function findPan(input: unknown): string | null {
  return anyPan(input) === false ? null : findPanPath(input)
}

function findPanPath(input: unknown): string | null {
  // Iterative, so that a deeply nested JSON document cannot overflow the call stack; paths are
  // linked lists so that deep nesting does not copy arrays at every level.
  const stack: Pending[] = [{ value: input, node: null }]
  const seen = new WeakSet<object>()
  while (stack.length > 0) {
    const { value, node, isKey } = stack.pop()!
    if (isKey) {
      if (containsPan(value as string)) return node?.parent ? `${pathOf(node.parent)}.<key>` : '<key>'
    } else if (typeof value === 'string') {
      if (containsPan(value)) return pathOf(node)
    } else if (typeof value === 'number') {
      if (numberIsPan(value)) return pathOf(node)
    } else if (typeof value === 'bigint') {
      if (containsPan(value.toString())) return pathOf(node)
    } else if (value !== null && typeof value === 'object' && !seen.has(value)) {
      seen.add(value)
      const children: Pending[] = []
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
          children.push({ value: value[index], node: { parent: node, segment: index } })
        }
      } else {
        for (const [key, item] of Object.entries(value)) {
          const child = { parent: node, segment: key }
          children.push({ value: key, node: child, isKey: true }, { value: item, node: child })
        }
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
    }
  }
  return null
}
