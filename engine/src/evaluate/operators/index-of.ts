import { kindOf } from './kind-of.js'

/**
 * `x.indexOf(y)` exactly as json-rules-engine calls it: on an array it is a strict-equality search, on
 * a string a substring search of String(y), and on anything else it throws, as json-rules-engine
 * does (which makes the rule err), with a message an analyst can act on instead of the engine's
 * "Cannot read properties of null (reading 'indexOf')".
 */
export function indexOf(haystack: unknown, needle: unknown): number {
  if (Array.isArray(haystack) || typeof haystack === 'string') return haystack.indexOf(needle as never)
  throw new TypeError(`expected an array (or a string) to search in, got ${kindOf(haystack)}`)
}
