import { formatPath, type Issue } from '../errors.js'

/**
 * Containers nested deeper than this are refused: the stores, checksums and validators below
 * recurse (JSON.stringify, canonicalize, zod), and a deep enough body overflows their stack. Well
 * above what a real order or policy needs (the policy validator itself stops at 128).
 */
export const MAX_JSON_DEPTH = 256

/**
 * U+0000 (PostgreSQL text and jsonb cannot hold it) and lone UTF-16 surrogates (`"\ud800"`: valid
 * JSON syntax, but no UTF-8 text and no RFC 8785 canonical form exists for it). With the `u` flag
 * a well-formed pair is one code point, so `\p{Cs}` matches only the lone halves.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what is looked for
const UNSTORABLE = /\u0000|\p{Cs}/u

const unstorable = 'contains U+0000 or an unpaired UTF-16 surrogate, which cannot be stored'

/**
 * A JSON number beyond ±1.8e308 (`1e400`) parses to ±Infinity, which has no JSON text: stored it
 * would become null, and the canonical JSON behind checksums and idempotency refuses it.
 */
const overflow = 'is a number too large to represent (beyond ±1.7976931348623157e308)'
const isOverflow = (value: unknown) => typeof value === 'number' && !Number.isFinite(value)

interface Pending {
  value: unknown
  path: PropertyKey[]
}

/**
 * The first value of a parsed JSON body that the API cannot store or checksum (see above), or
 * `null`. Iterative, so that the check itself cannot overflow the stack.
 * @example jsonSafetyIssue({ note: 'a\u0000b' }) // { path: 'note', message: 'contains U+0000 …' }
 */
export function jsonSafetyIssue(input: unknown): Issue | null {
  return isSafe(input) ? null : (findIssues(input, 1)[0] ?? null)
}

/** Every such value, in document order, up to `max` (an order's 422 lists them with its other issues). */
export function jsonSafetyIssues(input: unknown, max = 100): Issue[] {
  return isSafe(input) ? [] : findIssues(input, max)
}

/** True for the issue of a container nested too deep: nothing below it was looked at. */
export const isDepthIssue = (issue: Issue): boolean => issue.message === tooDeep

/** The common answer "safe" without building paths (this runs on every JSON request). */
function isSafe(input: unknown): boolean {
  const values: unknown[] = [input]
  const depths: number[] = [0]
  while (values.length > 0) {
    const value = values.pop()
    const depth = depths.pop()!
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return false
    } else if (isOverflow(value)) {
      return false
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_JSON_DEPTH) return false
      if (Array.isArray(value)) {
        for (const item of value) {
          values.push(item)
          depths.push(depth + 1)
        }
      } else {
        for (const key of Object.keys(value)) {
          if (UNSTORABLE.test(key)) return false
          values.push((value as Record<string, unknown>)[key])
          depths.push(depth + 1)
        }
      }
    }
  }
  return true
}

const tooDeep = `is nested deeper than ${MAX_JSON_DEPTH} levels`

function findIssues(input: unknown, max: number): Issue[] {
  const issues: Issue[] = []
  const stack: Pending[] = [{ value: input, path: [] }]
  while (stack.length > 0 && issues.length < max) {
    const { value, path } = stack.pop()!
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) issues.push({ path: pathOf(path), message: unstorable })
    } else if (isOverflow(value)) {
      issues.push({ path: pathOf(path), message: overflow })
    } else if (value !== null && typeof value === 'object') {
      if (path.length >= MAX_JSON_DEPTH) {
        issues.push({ path: pathOf(path), message: tooDeep })
      } else if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] })
      } else {
        const entries = Object.entries(value)
        if (entries.some(([key]) => UNSTORABLE.test(key))) {
          issues.push({ path: pathOf(path), message: `has a key that ${unstorable}` })
        }
        for (let i = entries.length - 1; i >= 0; i--) {
          const [key, item] = entries[i]!
          if (!UNSTORABLE.test(key)) stack.push({ value: item, path: [...path, key] })
        }
      }
    }
  }
  return issues
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '$' : formatPath(path)
}
