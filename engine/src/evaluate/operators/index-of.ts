/**
 * `x.indexOf(y)` exactly as json-rules-engine calls it: on an array it is a strict-equality search, on
 * a string a substring search of String(y), and on anything else it throws the TypeError
 * json-rules-engine would throw (which makes the rule err).
 */
export function indexOf(haystack: unknown, needle: unknown): number {
  return (haystack as { indexOf(x: unknown): number }).indexOf(needle)
}
