import { Engine, type RuleProperties } from 'json-rules-engine'
import type { Facts } from '../../engine/src/facts/facts.types.js'
import type { PolicyDocument } from '../../engine/src/policy/policy.types.js'

export interface JreDecision {
  outcome: 'approve' | 'review' | 'hold' | 'decline'
  score: number
  fired: string[]
}

/** Verdict's custom operators as json-rules-engine operators (no list-match recording: not needed here). */
function addVerdictOperators(engine: Engine, lists: ReadonlyMap<string, ReadonlySet<string>>): void {
  const key = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : undefined)
  const inList = (fact: unknown, name: unknown) => {
    const list = lists.get(name as string)
    if (!list) throw new Error(`Unknown managed list: ${String(name)}`)
    return (Array.isArray(fact) ? fact : [fact]).some((v) => {
      const k = key(v)
      return k !== undefined && list.has(k)
    })
  }
  engine.addOperator('inList', inList)
  engine.addOperator('notInList', (f: unknown, v: unknown) => !inList(f, v))
  engine.addOperator(
    'matches',
    (f: unknown, v: unknown) => typeof f === 'string' && new RegExp(v as string).test(f),
  )
  engine.addOperator(
    'endsWith',
    (f: unknown, v: unknown) => typeof f === 'string' && f.toLowerCase().endsWith(String(v).toLowerCase()),
  )
}

/** The policy's rules as json-rules-engine rule properties (its `name` carries our `id`). */
export function jreRules(doc: PolicyDocument): RuleProperties[] {
  return doc.rules
    .filter((r) => r.enabled !== false)
    .map(({ id, category, enabled, ...rest }) => ({ ...rest, name: id }) as unknown as RuleProperties)
}

/**
 * One evaluation the way json-rules-engine must be used when runs overlap: a fresh Engine per run
 * (an Engine's rules and condition references are mutated while it runs).
 */
export async function runJre(
  doc: PolicyDocument,
  rules: RuleProperties[],
  facts: Facts,
  lists: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<JreDecision> {
  const engine = new Engine(rules)
  addVerdictOperators(engine, lists)
  for (const [name, condition] of Object.entries(doc.conditions ?? {}))
    engine.setCondition(name, condition as never)
  const { results } = await engine.run(facts as unknown as Record<string, unknown>)
  let score = 0
  let decline = false
  let hold = false
  let review = false
  for (const r of results) {
    const type = r.event?.type
    if (type === 'score') score += Number(r.event?.params?.points ?? 0)
    else if (type === 'decline') decline = true
    else if (type === 'hold') hold = true
    else if (type === 'review') review = true
  }
  const { thresholds } = doc.settings
  const outcome =
    decline || score >= thresholds.decline
      ? 'decline'
      : hold
        ? 'hold'
        : review || score >= thresholds.review
          ? 'review'
          : 'approve'
  return { outcome, score, fired: results.map((r) => String(r.name)) }
}
