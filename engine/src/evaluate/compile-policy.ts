import type { DataNeeds } from '../facts/client-data.js'
import type { Facts } from '../facts/facts.types.js'
import type { PolicyDocument } from '../policy/policy.types.js'
import type { CompileScope } from './compile-condition.js'
import { type CompiledRule, compileRule } from './compile-rule.js'
import { computeDataNeeds } from './data-needs.js'
import { Decision } from './decision.js'
import { createPatternCache } from './operators/pattern.js'
import { prioritize } from './prioritize.js'
import type { EvaluationResult, RuleTrace } from './result.types.js'
import type { PatternCache, RunState } from './run-state.js'

export interface EvaluationContext {
  /** Managed lists by name, entries trimmed and lower-cased (ClientData.managedLists). */
  managedLists: ReadonlyMap<string, ReadonlySet<string>>
  trace?: boolean
}

export interface CompiledPolicy {
  document: PolicyDocument
  needs: DataNeeds
  evaluate(facts: Facts, ctx: EvaluationContext): EvaluationResult
  /** The enabled rules in evaluation order, and what running them needs (pairPolicies reads them). */
  readonly enabled: readonly CompiledRule[]
  readonly patterns: PatternCache
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
    enabled,
    patterns,
    evaluate(facts, ctx) {
      const st = newRunState(ctx, patterns)
      return ctx.trace
        ? evaluateTraced(ordered, facts, st, thresholds)
        : evaluateFast(enabled, facts, st, thresholds)
    },
  }
}

/** Fresh per-evaluation state: nothing mutable is shared between two evaluations. */
export function newRunState(ctx: EvaluationContext, patterns: PatternCache): RunState {
  return {
    ruleId: '',
    err: undefined,
    listMatches: [],
    managedLists: ctx.managedLists,
    patterns,
    patternSteps: 0,
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
