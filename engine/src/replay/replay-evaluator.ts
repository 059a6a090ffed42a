import { type CompiledPolicy, compilePolicy } from '../evaluate/compile-policy.js'
import { pairPolicies } from '../evaluate/pair-policies.js'
import type { EvaluationResult } from '../evaluate/result.types.js'
import type { ClientData, DataNeeds } from '../facts/client-data.js'
import { deriveFacts } from '../facts/derive-facts.js'
import type { Order, OrderLabel } from '../order/order.types.js'
import type { PolicyDocument } from '../policy/policy.types.js'
import type { ReplayedOrder } from './aggregate.js'
import { collectFactPaths, type FactPath, missingFactKeys } from './fact-paths.js'
import type { WindowAnswer } from './velocity-window.js'

/** One order to replay: the order, what the sliding window answered, and its catalog/list data. */
export interface ReplayInput {
  order: Order
  label: OrderLabel | null
  window: WindowAnswer
  catalog: ClientData['catalog']
  managedLists: ClientData['managedLists']
  /** Where catalog and list data came from: the order's stored decision, or the client's data now. */
  source: ReplayedOrder['source']
}

export interface ReplayEvaluation extends ReplayedOrder {
  baseline: EvaluationResult
  candidate: EvaluationResult
}

export interface ReplayEvaluator {
  baseline: CompiledPolicy
  candidate: CompiledPolicy
  /** What either version reads: the data a caller must supply. */
  needs: DataNeeds
  evaluate(input: ReplayInput): ReplayEvaluation
}

/** Everything deriveFacts reads from a policy besides rules and thresholds. */
function factInputs(doc: PolicyDocument): string {
  const { thresholds: _ignored, ...settings } = doc.settings
  return JSON.stringify([doc.lists ?? {}, settings])
}

function unionNeeds(a: DataNeeds, b: DataNeeds): DataNeeds {
  return {
    velocity: a.velocity || b.velocity,
    isFirstOrder: a.isFirstOrder || b.isFirstOrder,
    catalog: a.catalog || b.catalog,
    managedLists: [...new Set([...a.managedLists, ...b.managedLists])].sort(),
  }
}

/**
 * Evaluates a baseline and a candidate version on the same orders with the same client data, the
 * way a live evaluation at each order's createdAt would have.
 * @example
 * const replay = createReplayEvaluator(liveDoc, draftDoc)
 * const { baseline, candidate, missing } = replay.evaluate({ order, label: null, window, catalog: null, managedLists: new Map(), source: 'currentData' })
 */
export function createReplayEvaluator(
  baselineDoc: PolicyDocument,
  candidateDoc: PolicyDocument,
): ReplayEvaluator {
  const baseline = compilePolicy(baselineDoc)
  const candidate = compilePolicy(candidateDoc)
  // Same facts for both versions (the common case: only rules or thresholds changed): derive them
  // once, and answer the candidate's unchanged rules from the baseline's run.
  const pair = factInputs(baselineDoc) === factInputs(candidateDoc) ? pairPolicies(baseline, candidate) : null
  const paths: FactPath[] = collectFactPaths(candidateDoc)
  return {
    baseline,
    candidate,
    needs: unionNeeds(baseline.needs, candidate.needs),
    evaluate(input) {
      const data: ClientData = {
        velocity: input.window.velocity,
        isFirstOrder: input.window.isFirstOrder,
        catalog: input.catalog,
        managedLists: input.managedLists,
      }
      const ctx = { managedLists: input.managedLists }
      const baselineFacts = deriveFacts(input.order, baselineDoc, data)
      if (pair !== null) {
        const { baseline: b, candidate: c } = pair.evaluate(baselineFacts, ctx)
        const missing = paths.length === 0 ? [] : missingFactKeys(baselineFacts, paths)
        return { label: input.label, baseline: b, candidate: c, missing, source: input.source }
      }
      const candidateFacts = deriveFacts(input.order, candidateDoc, data)
      return {
        label: input.label,
        baseline: baseline.evaluate(baselineFacts, ctx),
        candidate: candidate.evaluate(candidateFacts, ctx),
        missing: paths.length === 0 ? [] : missingFactKeys(candidateFacts, paths),
        source: input.source,
      }
    },
  }
}
