import { containsPan, findPan } from '../engine.js'
import { formatPath } from '../errors.js'

// Thirteen digits, single spaces or dashes between them: the shortest card number orders.md names.
const THIRTEEN_DIGITS = /\d(?:[ -]?\d){12}/
const STRING_TOKEN = /"(?:[^"\\]|\\.)*"/g
const INTEGER_TOKEN = /(?<=[:,[]\s*)-?\d{13,19}(?=\s*[,\]}])/g

/**
 * Path of a card number that `text` holds but its parsed `value` may not show, or `null`:
 * - an integer whose digits as written are a card number ("or any JSON number is", orders.md),
 *   named at its path: above 2^53 JSON.parse rounds it, so a scan of `value` sees other digits;
 * - a value under a key written twice in one object, which JSON.parse drops for the last one
 *   (`{"note": "4111…", "note": "ok"}`): it has no path in `value`, so it is reported at `$`.
 * Tokens are read, not the raw text: the digits of `0.4111111111111111`, or of an escape followed by
 * digits (`"\u30001234567891"`), are no card number. A card number `value` shows in a string is
 * left to the caller's scan of `value` (the engine's for orders), which names its path. The digits
 * are never echoed.
 * @example findHiddenPan('{"ref":4111111111111111110}', JSON.parse(…)) // 'ref'
 */
export function findHiddenPan(text: string, value: unknown): string | null {
  // Most bodies have neither thirteen digits in a row nor an escape that could spell them.
  if (!THIRTEEN_DIGITS.test(text) && !text.includes('\\u')) return null
  let written = false
  for (const [token] of text.matchAll(INTEGER_TOKEN)) {
    if (findPan(token.startsWith('-') ? token.slice(1) : token) === null) continue
    const path = pathOfNumber(value, Number(token))
    if (path !== null) return path
    written = true // shadowed, or digits inside a string that the scan of `value` judges
  }
  written ||= stringsWritePan(text)
  return written && findPan(value) === null ? '$' : null
}

/** True when a string token of `text` (value or key, escapes decoded) holds a card number. */
function stringsWritePan(text: string): boolean {
  for (const [token] of text.matchAll(STRING_TOKEN)) {
    if (!token.includes('\\') && !THIRTEEN_DIGITS.test(token)) continue
    if (containsPan(JSON.parse(token) as string)) return true
  }
  return false
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
