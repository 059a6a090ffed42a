/**
 * json-rules-engine's numberValidator: only the fact side is checked, with parseFloat (so "49",
 * "  5" and [5] pass, "abc", null and true do not); the comparison itself is then JavaScript's plain
 * `<`, which compares two strings lexicographically.
 */
export function isNumericFact(factValue: unknown): boolean {
  return !Number.isNaN(Number.parseFloat(factValue as string))
}
