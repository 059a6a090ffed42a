import { JSONPath } from 'jsonpath-plus'
import type { Facts } from '../facts/facts.types.js'
import type { NestedCondition, PolicyDocument, TopLevelCondition } from '../policy/policy.types.js'

/** A `{fact, path}` a policy reads, with a reader that resolves it the way json-rules-engine does. */
export interface FactPath {
  fact: string
  /** The path as written ('' when the condition reads the whole fact). */
  path: string
  /** The aggregate key: "fact path". */
  key: string
  read(facts: Readonly<Record<string, unknown>>): unknown
}

const SIMPLE_STEP = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^'\\]*)'\]|\["([^"\\]*)"\])/

/** `$.a.b[0]['c']` → ['a', 'b', 0, 'c']; `null` for anything fancier (wildcards, filters, …). */
function simpleSteps(path: string): (string | number)[] | null {
  if (!path.startsWith('$')) return null
  const steps: (string | number)[] = []
  let rest = path.slice(1)
  while (rest !== '') {
    const m = SIMPLE_STEP.exec(rest)
    if (!m) return null
    steps.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3] ?? m[4])!)
    rest = rest.slice(m[0].length)
  }
  return steps
}

function readerFor(fact: string, path: string): FactPath['read'] {
  if (path === '') return (facts) => facts[fact]
  const steps = simpleSteps(path)
  // Like json-rules-engine's almanac: a path applies only to an object-valued fact.
  if (steps === null) {
    return (facts) => {
      const value = facts[fact]
      return value !== null && typeof value === 'object'
        ? JSONPath({ path, json: value, wrap: false })
        : value
    }
  }
  return (facts) => {
    let value: unknown = facts[fact]
    if (value === null || typeof value !== 'object') return value
    for (const step of steps) {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, step)) return undefined
      value = (value as Record<string | number, unknown>)[step]
    }
    return value
  }
}

function isFactRef(value: unknown): value is { fact: string; path?: string } {
  return value !== null && typeof value === 'object' && typeof (value as { fact?: unknown }).fact === 'string'
}

/**
 * Every distinct `{fact, path}` the enabled rules of `doc` read (shared conditions they reference
 * included, fact-valued `value`s too), in first-seen order.
 */
export function collectFactPaths(doc: PolicyDocument): FactPath[] {
  const found = new Map<string, FactPath>()
  const visitedConditions = new Set<string>()
  const note = (fact: string, path: string | undefined) => {
    const key = `${fact} ${path ?? ''}`
    if (!found.has(key)) found.set(key, { fact, path: path ?? '', key, read: readerFor(fact, path ?? '') })
  }
  const walk = (c: NestedCondition | TopLevelCondition): void => {
    if ('all' in c) c.all.forEach(walk)
    else if ('any' in c) c.any.forEach(walk)
    else if ('not' in c) walk(c.not)
    else if ('condition' in c) {
      if (visitedConditions.has(c.condition)) return
      visitedConditions.add(c.condition)
      const shared = doc.conditions?.[c.condition]
      if (shared) walk(shared)
    } else {
      note(c.fact, c.path)
      if (isFactRef(c.value)) note(c.value.fact, c.value.path)
    }
  }
  for (const rule of doc.rules) if (rule.enabled !== false) walk(rule.conditions)
  return [...found.values()]
}

/** The keys of `paths` that resolve to `undefined` on these facts (absent fields of old orders). */
export function missingFactKeys(facts: Facts, paths: readonly FactPath[]): string[] {
  const missing: string[] = []
  const record = facts as unknown as Record<string, unknown>
  for (const p of paths) if (p.read(record) === undefined) missing.push(p.key)
  return missing
}
