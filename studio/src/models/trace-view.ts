import type { ConditionTrace, Reason, RuleTrace } from '@verdict/engine'

export type NodeStatus = 'pass' | 'fail' | 'skipped' | 'error' | 'disabled'

export interface ConditionDetail {
  fact: string
  path: string | null
  actual: string
  operator: string
  expected: string
  /** "lists $.restrictedCountries" when the expected value came from another fact. */
  expectedFrom: string | null
}

/** One row of the trace tree as the simulator and the decision page draw it. */
export interface TraceNode {
  key: string
  kind: 'rule' | 'all' | 'any' | 'not' | 'condition' | 'fact'
  label: string
  status: NodeStatus
  /** Rule nodes: category · event type · priority; fact nodes: nothing (see detail). */
  meta: string | null
  detail: ConditionDetail | null
  error: string | null
  children: TraceNode[]
}

/** Renders any fact value on one line; `undefined` is spelled out because it is what analysts debug. */
export function formatValue(v: unknown): string {
  if (v === undefined) return 'undefined'
  if (typeof v === 'string') return JSON.stringify(v)
  const s = JSON.stringify(v)
  return s === undefined ? String(v) : s
}

function statusOf(result: boolean | undefined, error?: string): NodeStatus {
  if (error) return 'error'
  if (result === undefined) return 'skipped'
  return result ? 'pass' : 'fail'
}

function conditionNode(c: ConditionTrace, key: string): TraceNode {
  switch (c.kind) {
    case 'fact':
      return {
        key,
        kind: 'fact',
        label: `${c.fact}${c.path ? ` ${c.path}` : ''} ${c.operator} ${formatValue(c.value)}`,
        status: statusOf(c.result, c.error),
        meta: null,
        detail: {
          fact: c.fact,
          path: c.path ?? null,
          actual: formatValue(c.factValue),
          operator: c.operator,
          expected: formatValue(c.value),
          expectedFrom: c.valueRef
            ? `${c.valueRef.fact}${c.valueRef.path ? ` ${c.valueRef.path}` : ''}`
            : null,
        },
        error: c.error ?? null,
        children: [],
      }
    case 'condition':
      return {
        key,
        kind: 'condition',
        label: `condition "${c.condition}"`,
        status: statusOf(c.result),
        meta: null,
        detail: null,
        error: null,
        children: c.child ? [conditionNode(c.child, `${key}.0`)] : [],
      }
    default:
      return {
        key,
        kind: c.kind,
        label: c.kind,
        status: statusOf(c.result),
        meta: null,
        detail: null,
        error: null,
        children: c.children.map((child, i) => conditionNode(child, `${key}.${i}`)),
      }
  }
}

const ruleStatus: Record<RuleTrace['status'], NodeStatus> = {
  fired: 'pass',
  not_fired: 'fail',
  disabled: 'disabled',
  error: 'error',
}

/** RuleTrace[] (engine) → display tree; keeps the engine's priority order. */
export function buildTraceTree(trace: readonly RuleTrace[]): TraceNode[] {
  return trace.map((rule, i) => ({
    key: `r${i}:${rule.ruleId}`,
    kind: 'rule',
    label: rule.ruleId,
    status: ruleStatus[rule.status],
    meta: `${rule.category} · ${rule.eventType} · priority ${rule.priority}`,
    detail: null,
    error: rule.error ?? null,
    children: rule.conditions ? [conditionNode(rule.conditions, `r${i}.c`)] : [],
  }))
}

export interface ScoreLine {
  ruleId: string
  points: number
  message: string | null
}

/** Each fired score rule's contribution, largest effect first; `total` is their sum. */
export function scoreContributions(reasons: readonly Reason[]): { lines: ScoreLine[]; total: number } {
  const lines = reasons
    .filter((r) => r.type === 'score' && typeof r.points === 'number')
    .map((r) => ({ ruleId: r.ruleId, points: r.points as number, message: r.message ?? null }))
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.ruleId.localeCompare(b.ruleId))
  return { lines, total: lines.reduce((sum, l) => sum + l.points, 0) }
}

/** Counts for the trace header: how many rules fired, erred, were disabled. */
export function traceCounts(trace: readonly RuleTrace[]): Record<RuleTrace['status'], number> {
  const out = { fired: 0, not_fired: 0, disabled: 0, error: 0 }
  for (const r of trace) out[r.status]++
  return out
}
