import { compileFactAccess } from '../evaluate/fact-access.js'
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

// The evaluator's own fact reader, so "absent" means exactly what a rule would have read.
function readerFor(fact: string, path: string): FactPath['read'] {
  const access = compileFactAccess(fact, path === '' ? undefined : path)
  if (access === null) return () => null // an unknown fact is a compile error, never an absent field
  const { get } = access
  return (facts) => {
    try {
      return get(facts as unknown as Facts)
    } catch {
      return null // a path jsonpath-plus cannot run errs in evaluation; it is not an absent field
    }
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
