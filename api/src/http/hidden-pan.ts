import { containsPan, findPan } from '../engine.js'
import { formatPath } from '../errors.js'

/**
 * A JSON number token of 16–19 digits. Above 2^53 JSON.parse rounds it, so the engine's scan of
 * the parsed value sees other digits than the sender wrote ("or any JSON number is" a card number,
 * orders.md): those are checked on the raw text. A match inside a string is harmless: the string
 * scan already judged those digits, and no parsed number has its value.
 */
const LONG_NUMBER = /(?<=[:,[]\s*)-?\d{16,19}(?=\s*[,\]}])/g
const QUICK = /\d{16}/

/**
 * Path of a card number that `text` holds but its parsed `value` hides, or `null`: a long number
 * JSON.parse rounded, or a value under a key written twice in one object, which JSON.parse drops
 * for the last one (`{"note": "4111…", "note": "ok"}`). A shadowed value has no path in `value`, so
 * it is reported at `$`; its digits are never echoed. Card numbers `value` shows are left to the
 * caller's scan of `value` (the engine's for orders), which names their paths.
 * @example findHiddenPan('{"ref":4111111111111111110}', JSON.parse(…)) // 'ref'
 */
export function findHiddenPan(text: string, value: unknown): string | null {
  const rounded = findRawNumberPan(text, value)
  if (rounded !== null) return rounded
  // Most bodies have neither thirteen digits in a row nor an escape that could spell them.
  if (!THIRTEEN_DIGITS.test(text) && !text.includes('\\u')) return null
  return writesPan(text) && findPan(value) === null ? '$' : null
}

// Thirteen digits, single spaces or dashes between them: the shortest card number orders.md names.
const THIRTEEN_DIGITS = /\d(?:[ -]?\d){12}/
const STRING_TOKEN = /"(?:[^"\\]|\\.)*"/g
const INTEGER_TOKEN = /(?<=[:,[]\s*)-?\d{13,19}(?=\s*[,\]}])/g

/**
 * True when a string (value or key, escapes decoded) or an integer as written in `text` holds a
 * card number. Only tokens, not the raw text: the digits of `0.4111111111111111` or of an escape
 * followed by digits (`"\u30001234567891"`) are not a card number in any value.
 */
function writesPan(text: string): boolean {
  for (const [token] of text.matchAll(STRING_TOKEN)) {
    if (!token.includes('\\') && !THIRTEEN_DIGITS.test(token)) continue
    if (containsPan(JSON.parse(token) as string)) return true
  }
  for (const [token] of text.matchAll(INTEGER_TOKEN)) {
    if (findPan(token.startsWith('-') ? token.slice(1) : token) !== null) return true
  }
  return false
}

/** Path of a number in `value` whose digits as written in `text` are a card number, or `null`. */
function findRawNumberPan(text: string, value: unknown): string | null {
  if (!QUICK.test(text)) return null
  for (const [token] of text.matchAll(LONG_NUMBER)) {
    const digits = token.startsWith('-') ? token.slice(1) : token
    if (findPan(digits) === null) continue
    const path = pathOfNumber(value, Number(token))
    if (path !== null) return path
  }
  return null
}

/** Path of the first number equal to `target` (depth-first), iteratively. */
function pathOfNumber(input: unknown, target: number): string | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: input, path: [] }]
  while (stack.length > 0) {
    const { value, path } = stack.pop()!
    if (value === target) return path.length === 0 ? '$' : formatPath(path)
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value)
        ? value.map((item, i) => [i, item] as const)
        : Object.entries(value)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!
        stack.push({ value: item, path: [...path, key] })
      }
    }
  }
  return null
}
