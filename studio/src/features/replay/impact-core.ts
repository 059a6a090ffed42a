import {
  type ClientData,
  compilePolicy,
  deriveFacts,
  type Facts,
  type Outcome,
  type PolicyDocument,
  type ReplaySample,
} from '@verdict/engine'
import type { Counts } from './replay-model.js'

export interface ImpactResult {
  total: number
  baseline: Counts
  candidate: Counts
  changed: number
  /** Time the evaluation took (facts reused when only rules or thresholds changed). */
  ms: number
}

const zero = (): Counts => ({ approve: 0, review: 0, hold: 0, decline: 0 })
const listsOf = (lists: Record<string, string[]>) =>
  new Map(Object.entries(lists).map(([name, values]) => [name, new Set(values) as ReadonlySet<string>]))

/** Everything deriveFacts reads from a policy besides rules and thresholds (see replay-evaluator). */
function factInputs(doc: PolicyDocument): string {
  const { thresholds: _ignored, ...settings } = doc.settings ?? ({} as PolicyDocument['settings'])
  return JSON.stringify([doc.lists ?? {}, settings])
}

/**
 * Re-evaluates drafts over a sample of recent orders with the data of their time, the way a replay
 * would, fast enough to run after every pause in typing: the baseline is evaluated once, and facts
 * are derived again only when the draft changes lists or fact settings.
 */
export function createImpactEvaluator(sample: ReplaySample, baselineDoc: PolicyDocument) {
  const currentCatalog = sample.catalog ? new Map(sample.catalog.map((c) => [c.sku, c])) : null
  const currentLists = listsOf(sample.managedLists)
  const data: ClientData[] = sample.orders.map((o) => ({
    velocity: o.velocity,
    isFirstOrder: o.isFirstOrder,
    catalog:
      o.catalog === undefined ? currentCatalog : o.catalog && new Map(o.catalog.map((c) => [c.sku, c])),
    managedLists: o.lists ? listsOf(o.lists) : currentLists,
  }))
  const derive = (doc: PolicyDocument) => sample.orders.map((o, i) => deriveFacts(o.order, doc, data[i]!))
  const baselineKey = factInputs(baselineDoc)
  const baselineFacts = derive(baselineDoc)
  const baselineCompiled = compilePolicy(baselineDoc)
  const baselineOutcomes: Outcome[] = baselineFacts.map(
    (facts, i) => baselineCompiled.evaluate(facts, { managedLists: data[i]!.managedLists }).outcome,
  )
  let cached: { key: string; facts: Facts[] } = { key: baselineKey, facts: baselineFacts }

  return {
    size: sample.orders.length,
    /** Throws what compilePolicy throws for a document it cannot run. */
    evaluate(draft: PolicyDocument): ImpactResult {
      const started = performance.now()
      const compiled = compilePolicy(draft)
      const key = factInputs(draft)
      if (key !== cached.key) cached = { key, facts: derive(draft) }
      const result: ImpactResult = {
        total: data.length,
        baseline: zero(),
        candidate: zero(),
        changed: 0,
        ms: 0,
      }
      cached.facts.forEach((facts, i) => {
        const before = baselineOutcomes[i]!
        const after = compiled.evaluate(facts, { managedLists: data[i]!.managedLists }).outcome
        result.baseline[before]++
        result.candidate[after]++
        if (before !== after) result.changed++
      })
      result.ms = performance.now() - started
      return result
    },
  }
}
