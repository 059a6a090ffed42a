import type { Facts } from '../facts/facts.types.js'
import type { CompiledPolicy, EvaluationContext } from './compile-policy.js'
import { newRunState } from './compile-policy.js'
import type { CompiledRule } from './compile-rule.js'
import { Decision } from './decision.js'
import type { EvaluationResult } from './result.types.js'

export interface PairedPolicies {
  /** Candidate rules answered from the baseline's run instead of being evaluated again. */
  readonly sharedRules: number
  /** Both versions over the same facts: exactly what `evaluate` of each would answer. */
  evaluate(facts: Facts, ctx: EvaluationContext): { baseline: EvaluationResult; candidate: EvaluationResult }
}

const NOT_FIRED = 0
const FIRED = 1
const ERRED = 2

/**
 * A rule's conditions are a pure function of the facts (and of the managed lists, the same for both
 * versions): no rule reads another rule's result. So a candidate rule with the same id and the same
 * conditions as an enabled baseline rule — and the same shared conditions it may reference — fires,
 * stays quiet or errs exactly as that rule did; only its event (points, type) and the thresholds may
 * differ. Replays compare versions that mostly differ in a few rules, so this skips most of the
 * candidate's work.
 */
const sameConditions = (a: CompiledPolicy, b: CompiledPolicy) =>
  JSON.stringify(a.document.conditions ?? {}) === JSON.stringify(b.document.conditions ?? {})
const ruleKey = (r: CompiledRule) => `${r.rule.id}\u0000${JSON.stringify(r.rule.conditions)}`

/**
 * Evaluates a baseline and a candidate version on the SAME facts (the caller derives them once),
 * reusing the baseline's per-rule results for the candidate's unchanged rules. List matches of a
 * reused rule are copied from the baseline's run, so both results equal their separate evaluations.
 * Not reentrant: one pair per thread (replay evaluates orders one after another).
 * @example
 * const pair = pairPolicies(compilePolicy(live), compilePolicy(draft))
 * const { baseline, candidate } = pair.evaluate(facts, { managedLists })
 */
export function pairPolicies(baseline: CompiledPolicy, candidate: CompiledPolicy): PairedPolicies {
  const bRules = baseline.enabled
  const cRules = candidate.enabled
  const byKey = new Map(bRules.map((r, i) => [ruleKey(r), i]))
  const share = sameConditions(baseline, candidate)
  const reuse = Int32Array.from(cRules, (r) => (share ? (byKey.get(ruleKey(r)) ?? -1) : -1))
  const status = new Uint8Array(bRules.length)
  const errors: (string | undefined)[] = new Array(bRules.length)
  // listMatches of baseline rule i are st.listMatches[listFrom[i] .. listFrom[i + 1])
  const listFrom = new Int32Array(bRules.length + 1)
  const bThresholds = baseline.document.settings.thresholds
  const cThresholds = candidate.document.settings.thresholds

  return {
    sharedRules: reuse.filter((i) => i >= 0).length,
    evaluate(facts, ctx) {
      const bst = newRunState(ctx, baseline.patterns)
      const b = new Decision()
      for (let i = 0; i < bRules.length; i++) {
        const rule = bRules[i]!
        bst.ruleId = rule.rule.id
        bst.err = undefined
        listFrom[i] = bst.listMatches.length
        const fired = rule.node!.ev(facts, bst)
        if (bst.err !== undefined) {
          status[i] = ERRED
          errors[i] = bst.err
          b.errors.push({ ruleId: rule.rule.id, message: bst.err })
        } else {
          status[i] = fired ? FIRED : NOT_FIRED
          if (fired) b.fire(rule)
        }
      }
      listFrom[bRules.length] = bst.listMatches.length

      const cst = newRunState(ctx, candidate.patterns)
      const c = new Decision()
      for (let j = 0; j < cRules.length; j++) {
        const rule = cRules[j]!
        const from = reuse[j]!
        let fired: boolean
        let err: string | undefined
        if (from >= 0) {
          for (let m = listFrom[from]!; m < listFrom[from + 1]!; m++)
            cst.listMatches.push(bst.listMatches[m]!)
          fired = status[from] === FIRED
          err = status[from] === ERRED ? errors[from] : undefined
        } else {
          cst.ruleId = rule.rule.id
          cst.err = undefined
          fired = rule.node!.ev(facts, cst)
          err = cst.err
        }
        if (err !== undefined) c.errors.push({ ruleId: rule.rule.id, message: err })
        else if (fired) c.fire(rule)
      }
      return { baseline: b.result(bst, bThresholds), candidate: c.result(cst, cThresholds) }
    },
  }
}
