import type { DataNeeds } from '../facts/client-data.js'
import type { Facts } from '../facts/facts.types.js'
import type { PolicyDocument } from '../policy/policy.types.js'
import type { CompileScope } from './compile-condition.js'
import { type CompiledRule, compileRule } from './compile-rule.js'
import { computeDataNeeds } from './data-needs.js'
import { createPatternCache } from './operators/pattern.js'
import { decideOutcome } from './outcome.js'
import { prioritize } from './prioritize.js'
import type { EvaluationResult, Reason, RuleError, RuleTrace } from './result.types.js'
import type { RunState } from './run-state.js'

export interface EvaluationContext {
  /** Managed lists by name, entries trimmed and lower-cased (ClientData.managedLists). */
  managedLists: ReadonlyMap<string, ReadonlySet<string>>
  trace?: boolean
}

export interface CompiledPolicy {
  document: PolicyDocument
  needs: DataNeeds
  evaluate(facts: Facts, ctx: EvaluationContext): EvaluationResult
}

/**
 * Compiles a policy into synchronous closures with json-rules-engine 7.3.1's semantics (priorities,
 * short-circuits, operators and their quirks) — no promises, no copies per evaluation. Rules run in
 * priority order (highest first, ties in document order), which is also the order of `reasons`.
 * Throws PolicyCompileError for what validation refuses (unknown fact/operator/condition, bad shapes).
 *
 * @example
 * const compiled = compilePolicy(doc)
 * const result = compiled.evaluate(facts, { managedLists: new Map() })
 */
export function compilePolicy(doc: PolicyDocument): CompiledPolicy {
  const scope: CompileScope = {
    sharedConditions: doc.conditions ?? {},
    reads: [],
    listNames: new Set(),
    patterns: new Set(),
  }
  const compiled = doc.rules.map((rule, i) => compileRule(rule, i, scope))
  const ordered = prioritize(compiled, (r) => r.priority).flat()
  const enabled = ordered.filter((r) => r.node !== null)
  const patterns = createPatternCache(scope.patterns)
  const thresholds = doc.settings.thresholds
  return {
    document: doc,
    needs: computeDataNeeds(scope.reads, scope.listNames),
    evaluate(facts, ctx) {
      const st: RunState = {
        ruleId: '',
        err: undefined,
        listMatches: [],
        managedLists: ctx.managedLists,
        patterns,
      }
      return ctx.trace
        ? evaluateTraced(ordered, facts, st, thresholds)
        : evaluateFast(enabled, facts, st, thresholds)
    },
  }
}

class Decision {
  reasons: Reason[] = []
  tags: string[] = []
  errors: RuleError[] = []
  score = 0
  decline = false
  hold = false
  review = false

  fire(rule: CompiledRule): void {
    const reason = { ...rule.reason }
    this.reasons.push(reason)
    this.score += rule.points
    const type = reason.type
    if (type === 'decline') this.decline = true
    else if (type === 'hold') this.hold = true
    else if (type === 'review') this.review = true
    else if (type === 'tag' && reason.tag !== undefined && !this.tags.includes(reason.tag))
      this.tags.push(reason.tag)
  }

  result(st: RunState, thresholds: { review: number; decline: number }): EvaluationResult {
    const { score, decline, hold, review } = this
    const outcome = decideOutcome({ score, decline, hold, review, errors: this.errors.length }, thresholds)
    return {
      outcome,
      score: this.score,
      reasons: this.reasons,
      tags: this.tags,
      errors: this.errors,
      listMatches: st.listMatches,
    }
  }
}

function evaluateFast(
  rules: CompiledRule[],
  facts: Facts,
  st: RunState,
  thresholds: { review: number; decline: number },
): EvaluationResult {
  const d = new Decision()
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!
    st.ruleId = rule.rule.id
    st.err = undefined
    const fired = rule.node!.ev(facts, st)
    if (st.err !== undefined) d.errors.push({ ruleId: rule.rule.id, message: st.err })
    else if (fired) d.fire(rule)
  }
  return d.result(st, thresholds)
}

function evaluateTraced(
  rules: CompiledRule[],
  facts: Facts,
  st: RunState,
  thresholds: { review: number; decline: number },
): EvaluationResult {
  const d = new Decision()
  const trace: RuleTrace[] = []
  for (const rule of rules) {
    const { id, category, event } = rule.rule
    const entry: RuleTrace = {
      ruleId: id,
      category,
      priority: rule.priority,
      eventType: event.type,
      status: 'disabled',
      conditions: null,
    }
    trace.push(entry)
    if (rule.node === null) continue
    st.ruleId = id
    st.err = undefined
    entry.conditions = rule.node.tr(facts, st)
    if (st.err !== undefined) {
      entry.status = 'error'
      entry.error = st.err
      d.errors.push({ ruleId: id, message: st.err })
    } else if (entry.conditions.result === true) {
      entry.status = 'fired'
      d.fire(rule)
    } else {
      entry.status = 'not_fired'
    }
  }
  return { ...d.result(st, thresholds), trace }
}
