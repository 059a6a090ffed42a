import { Engine } from 'json-rules-engine'
import type { PolicyDocument } from '../../../../engine/src/policy/policy.types.js'

export type JreAnswer = 'fired' | 'not_fired' | 'threw'

/**
 * Reference semantics of Verdict's own operators, written independently of engine/src so the
 * property test can register them on a real json-rules-engine (where decorators and priorities
 * then come from json-rules-engine itself).
 */
function referenceOperators(lists: ReadonlyMap<string, ReadonlySet<string>>) {
  const listOf = (name: unknown) => {
    const list = typeof name === 'string' ? lists.get(name) : undefined
    if (!list) throw new Error(`no list ${String(name)}`)
    return list
  }
  const key = (x: unknown) =>
    typeof x === 'string'
      ? x.trim().toLowerCase()
      : typeof x === 'number' && Number.isFinite(x)
        ? String(x)
        : null
  const inList = (f: unknown, v: unknown) => {
    const list = listOf(v)
    const values = Array.isArray(f) ? f : [f]
    return values.some((x) => {
      const k = key(x)
      return k !== null && list.has(k)
    })
  }
  const str = (f: unknown, v: unknown): f is string => typeof f === 'string' && typeof v === 'string'
  return {
    inList,
    notInList: (f: unknown, v: unknown) => !inList(f, v),
    matches: (f: unknown, v: unknown) => str(f, v) && new RegExp(v as string).test(f),
    doesNotMatch: (f: unknown, v: unknown) => str(f, v) && !new RegExp(v as string).test(f),
    startsWith: (f: unknown, v: unknown) =>
      str(f, v) && f.toLowerCase().startsWith((v as string).toLowerCase()),
    endsWith: (f: unknown, v: unknown) => str(f, v) && f.toLowerCase().endsWith((v as string).toLowerCase()),
  }
}

/**
 * Runs each enabled rule of the policy alone on a fresh json-rules-engine 7.3.1 (one Engine per run,
 * document cloned because json-rules-engine mutates condition priorities), so a rule that throws
 * does not hide the answers of the others.
 */
export async function jreAnswers(
  doc: PolicyDocument,
  facts: Record<string, unknown>,
  lists: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): Promise<Map<string, JreAnswer>> {
  const answers = new Map<string, JreAnswer>()
  for (const rule of doc.rules) {
    if (rule.enabled === false) continue
    const copy = structuredClone(doc)
    const engine = new Engine([], { allowUndefinedFacts: false })
    for (const [name, op] of Object.entries(referenceOperators(lists))) engine.addOperator(name, op)
    for (const [name, cond] of Object.entries(copy.conditions ?? {})) engine.setCondition(name, cond as never)
    const { id, category, enabled, ...jreRule } = structuredClone(rule)
    engine.addRule({ ...jreRule, name: id } as never)
    try {
      const { events } = await engine.run(structuredClone(facts))
      answers.set(id, events.length > 0 ? 'fired' : 'not_fired')
    } catch {
      answers.set(id, 'threw')
    }
  }
  return answers
}
