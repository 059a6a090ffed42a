import type { FactName } from '../facts/facts.types.js'
import { FACT_CATALOGUE } from './fact-catalogue.js'
import type { FieldSpec } from './fact-catalogue.types.js'

const SEGMENT = /^(?:\.(\*|[^.[\]]+)|\[(\*|\d+)\]|\['([^']*)'\]|\["([^"]*)"\])/
const LEADING_NAME = /^[^.[\]$]+/

/**
 * Splits the simple JSONPath forms (`$.a.b`, `$.a[0]`, `$.a[*]`, `$['a b']`, `a.b`) into property
 * names. Returns null for anything richer (filters, slices, `..`): json-rules-engine evaluates
 * those with jsonpath-plus and we cannot tell statically what they reach.
 */
export function splitPath(path: string): string[] | null {
  let rest = path.startsWith('$') ? path.slice(1) : path
  const segments: string[] = []
  const leading = LEADING_NAME.exec(rest)
  if (leading && !path.startsWith('$')) {
    segments.push(leading[0])
    rest = rest.slice(leading[0].length)
  }
  while (rest.length > 0) {
    const m = SEGMENT.exec(rest)
    if (!m) return null
    segments.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '')
    rest = rest.slice(m[0].length)
  }
  return segments
}

export type PathCheck = { exists: true } | { exists: false; message: string }

/** Whether a path can reach anything on a derived fact (order and lists are open: always true). */
export function checkFactPath(fact: FactName, path: string): PathCheck {
  const spec = FACT_CATALOGUE[fact]
  if (!spec.derived) return { exists: true }
  const segments = splitPath(path)
  if (segments === null) return { exists: true }
  let fields: Record<string, FieldSpec> | undefined = spec.fields
  let current: FieldSpec | undefined
  for (const [i, seg] of segments.entries()) {
    const where = i === 0 ? `fact "${fact}"` : `"${segments.slice(0, i).join('.')}" of fact "${fact}"`
    if (current?.items) {
      // arrays (and strings) expose an own `length` that jsonpath-plus happily returns
      if (seg === '*' || /^\d+$/.test(seg) || seg === 'length') {
        current = seg === 'length' ? { type: 'number', description: '' } : current.items
        fields = current.fields
        continue
      }
      return { exists: false, message: `${where} is an array: "${seg}" is not an index` }
    }
    if (fields === undefined) {
      if (seg === 'length' && current?.type.startsWith('string')) return { exists: true }
      return { exists: false, message: `${where} is a ${current?.type ?? 'value'}: it has no "${seg}"` }
    }
    if (seg === '*') return { exists: true }
    const next: FieldSpec | undefined = Object.hasOwn(fields, seg) ? fields[seg] : undefined
    if (next === undefined) {
      const known = Object.keys(fields).join(', ')
      return { exists: false, message: `${where} has no field "${seg}" (it has ${known})` }
    }
    current = next
    fields = next.fields
  }
  return { exists: true }
}
