import { JSONPath } from 'jsonpath-plus'

/** Reads a path from a fact value; never throws for a miss (jsonpath-plus fallbacks may throw on bad filters). */
export type PathReader = (factValue: unknown) => unknown

/** How a path was compiled; `tokens` feed DataNeeds (first token = the fact field read). */
export interface CompiledPath {
  read: PathReader
  /** Tokens after the leading `$`; null when there is no path; 'complex' for a jsonpath-plus fallback. */
  tokens: string[] | null | 'complex'
  /** True when `read` is a chain of plain own-property reads (fact-access fuses the short ones). */
  plain: boolean
}

const hasOwn = (value: unknown, key: string): boolean => Object.hasOwn(value as object, key)

const SLICE = /^(-?\d*):(-?\d*):?(\d*)$/

/** A token jsonpath-plus resolves as a plain own-property lookup (no wildcard, filter, slice, union...). */
function isPlainToken(token: string): boolean {
  if (token === '*' || token === '..' || token === '^' || token === '~' || token === '$') return false
  if (token.includes(',') || SLICE.test(token)) return false
  const first = token[0]
  return first !== '?' && first !== '(' && first !== '@' && first !== '`'
}

/**
 * json-rules-engine's almanac: a falsy path reads the fact itself, and so does any path on a fact that
 * is not a non-null object (numbers, strings, booleans, null). Otherwise the result is what
 * jsonpath-plus returns with `wrap: false`: one match → its value, none → undefined, and an array for
 * several matches or for any match reached through a `*` wildcard.
 *
 * Paths made of plain properties, indexes and `*` are compiled to direct own-property access (with
 * jsonpath-plus's exact tokenisation); anything else calls jsonpath-plus per evaluation.
 */
export function compilePath(path: string | undefined): CompiledPath {
  if (!path) return { read: (v) => v, tokens: null, plain: false }
  const tokens = JSONPath.toPathArray(path)
  if (tokens[0] === '$' && tokens.length > 1) tokens.shift()
  if (tokens.every(isPlainToken)) return { read: onObjects(chain(tokens)), tokens, plain: true }
  if (tokens.every((t) => t === '*' || isPlainToken(t)))
    return { read: onObjects(wildcard(tokens)), tokens, plain: false }
  const reader: PathReader = (json) => JSONPath({ path, json: json as object, wrap: false })
  return { read: onObjects(reader), tokens: 'complex', plain: false }
}

function onObjects(read: PathReader): PathReader {
  return (v) => (v !== null && typeof v === 'object' ? read(v) : v)
}

function chain(tokens: string[]): PathReader {
  if (tokens.length === 1) {
    const [a] = tokens as [string]
    return (v) => (hasOwn(v, a) ? (v as Record<string, unknown>)[a] : undefined)
  }
  if (tokens.length === 2) {
    const [a, b] = tokens as [string, string]
    return (v) => {
      if (!hasOwn(v, a)) return undefined
      const x = (v as Record<string, unknown>)[a]
      return x && hasOwn(x, b) ? (x as Record<string, unknown>)[b] : undefined
    }
  }
  return (v) => {
    let cur = v
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!
      if (!cur || !hasOwn(cur, t)) return undefined
      cur = (cur as Record<string, unknown>)[t]
    }
    return cur
  }
}

interface Match {
  value: unknown
  hasArrExpr: boolean
}

/**
 * Mirrors jsonpath-plus's `_trace` for plain tokens and `*`, including its `literalPriority` flag: a
 * `*` right after a wildcard child or after a property resolved through the late branch follows an
 * own property literally named "*" when there is one.
 */
function wildcard(tokens: string[]): PathReader {
  const trace = (i: number, val: unknown, literalPriority: boolean, hasArrExpr: boolean, out: Match[]) => {
    if (i === tokens.length) {
      out.push({ value: val, hasArrExpr })
      return
    }
    const t = tokens[i]!
    if (literalPriority && val && hasOwn(val, t)) {
      trace(i + 1, (val as Record<string, unknown>)[t], false, hasArrExpr, out)
    } else if (t === '*') {
      if (Array.isArray(val)) {
        for (let k = 0; k < val.length; k++) trace(i + 1, val[k], true, true, out)
      } else if (val && typeof val === 'object') {
        for (const k of Object.keys(val)) trace(i + 1, (val as Record<string, unknown>)[k], true, true, out)
      }
    } else if (!literalPriority && val && hasOwn(val, t)) {
      trace(i + 1, (val as Record<string, unknown>)[t], true, hasArrExpr, out)
    }
  }
  return (v) => {
    const out: Match[] = []
    trace(0, v, false, false, out)
    if (out.length === 0) return undefined
    if (out.length === 1 && !out[0]!.hasArrExpr) return out[0]!.value
    return out.map((m) => m.value)
  }
}
