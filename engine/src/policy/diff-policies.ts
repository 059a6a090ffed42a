import { rulePriority } from '../evaluate/prioritize.js'
import type { PolicyDocument, PolicyRule, ShippingMethod } from './policy.types.js'

export type RuleField = 'name' | 'description' | 'category' | 'enabled' | 'priority' | 'conditions' | 'event'
export interface RuleChange {
  id: string
  fields: RuleField[]
  /** Present when the rule is (or was) a score rule and its points changed. */
  points?: { before: number | undefined; after: number | undefined }
}
export interface ValueChange {
  path: (string | number)[]
  before: unknown
  after: unknown
}
export interface ListChange {
  name: string
  status: 'added' | 'removed' | 'changed'
  added: unknown[]
  removed: unknown[]
}
export interface PolicyDiff {
  /**
   * Ids of the rules added, removed and changed; `changes` says what changed in each changed one.
   * `moved`: rules in both whose place among the others changed (the fewest that explain the new
   * order), since document order ranks rules of equal priority, in the trace and in `reasons`.
   */
  rules: { added: string[]; removed: string[]; changed: string[]; changes: RuleChange[]; moved: string[] }
  conditions: { added: string[]; removed: string[]; changed: string[] }
  settings: ValueChange[]
  lists: ListChange[]
  /** Top-level fields other than settings, lists, conditions and rules (e.g. description). */
  document: ValueChange[]
}

const RULE_FIELDS: RuleField[] = [
  'name',
  'description',
  'category',
  'enabled',
  'priority',
  'conditions',
  'event',
]

/** JSON with sorted keys: equal documents give equal strings whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'undefined'
}
const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b)

// Defaults are compared as what they mean: a missing `enabled` is true, a missing priority is 1.
function ruleField(rule: PolicyRule, field: RuleField): unknown {
  if (field === 'enabled') return rule.enabled ?? true
  // As evaluation reads it (json-rules-engine's parseInt, falsy = 1): "100", 100 and 100.7 are one priority.
  if (field === 'priority') return rulePriority(rule.priority)
  return rule[field]
}

function points(rule: PolicyRule): number | undefined {
  return rule.event.type === 'score' && typeof rule.event.params?.points === 'number'
    ? rule.event.params.points
    : undefined
}

function diffRules(a: PolicyRule[], b: PolicyRule[]): PolicyDiff['rules'] {
  const before = new Map(a.map((r) => [r.id, r]))
  const after = new Map(b.map((r) => [r.id, r]))
  const changed: RuleChange[] = []
  for (const rule of b) {
    const old = before.get(rule.id)
    if (!old) continue
    const fields = RULE_FIELDS.filter((f) => !same(ruleField(old, f), ruleField(rule, f)))
    if (fields.length === 0) continue
    const change: RuleChange = { id: rule.id, fields }
    if (points(old) !== points(rule)) change.points = { before: points(old), after: points(rule) }
    changed.push(change)
  }
  return {
    added: b.filter((r) => !before.has(r.id)).map((r) => r.id),
    removed: a.filter((r) => !after.has(r.id)).map((r) => r.id),
    changed: changed.map((change) => change.id),
    changes: changed,
    moved: movedIds(
      a.filter((r) => after.has(r.id)).map((r) => r.id),
      b.filter((r) => before.has(r.id)).map((r) => r.id),
    ),
  }
}

/**
 * The ids of `b` (a reordering of `a`) outside a longest run that keeps its order from `a`: a
 * longest increasing subsequence of their places in `a` (patience sorting, O(n log n)).
 * @example movedIds(['a', 'b', 'c'], ['c', 'a', 'b']) // ['c']
 */
function movedIds(a: readonly string[], b: readonly string[]): string[] {
  const place = new Map(a.map((id, i) => [id, i]))
  const ranks = b.map((id) => place.get(id)!)
  const tails: number[] = [] // tails[k]: index in b of the smallest tail of a run of length k + 1
  const previous: number[] = new Array(b.length).fill(-1)
  for (let i = 0; i < ranks.length; i++) {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (ranks[tails[mid]!]! < ranks[i]!) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) previous[i] = tails[lo - 1]!
    tails[lo] = i
  }
  const kept = new Set<number>()
  for (let i = tails.at(-1) ?? -1; i !== -1; i = previous[i]!) kept.add(i)
  return b.filter((_, i) => !kept.has(i))
}

function diffKeyed<T>(a: Record<string, T>, b: Record<string, T>): PolicyDiff['conditions'] {
  return {
    added: Object.keys(b).filter((k) => !Object.hasOwn(a, k)),
    removed: Object.keys(a).filter((k) => !Object.hasOwn(b, k)),
    changed: Object.keys(b).filter((k) => Object.hasOwn(a, k) && !same(a[k], b[k])),
  }
}

/** Leaf-by-leaf for objects; arrays as one value, except shipping methods, which are keyed by code. */
function diffValues(
  a: unknown,
  b: unknown,
  path: (string | number)[],
  out: ValueChange[],
  keyed = false,
): void {
  if (same(a, b)) return
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!keyed && path.length === 1 && path[0] === 'shippingMethods') {
    const byCode = (list: unknown) =>
      Object.fromEntries((Array.isArray(list) ? (list as ShippingMethod[]) : []).map((m) => [m.code, m]))
    diffValues(byCode(a), byCode(b), path, out, true)
    return
  }
  if (isObj(a) && isObj(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))]
    for (const k of keys) diffValues(a[k], b[k], [...path, k], out)
    return
  }
  out.push({ path, before: a, after: b })
}

function diffLists(a: Record<string, unknown>, b: Record<string, unknown>): ListChange[] {
  const entries = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
  const names = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))]
  const out: ListChange[] = []
  for (const name of names) {
    const inA = Object.hasOwn(a, name)
    const inB = Object.hasOwn(b, name)
    if (inA && inB && same(a[name], b[name])) continue
    const before = entries(inA ? a[name] : undefined)
    const after = entries(inB ? b[name] : undefined)
    const beforeKeys = new Set(before.map(canonical))
    const afterKeys = new Set(after.map(canonical))
    out.push({
      name,
      status: !inA ? 'added' : !inB ? 'removed' : 'changed',
      added: after.filter((e) => !beforeKeys.has(canonical(e))),
      removed: before.filter((e) => !afterKeys.has(canonical(e))),
    })
  }
  return out
}

/**
 * What changed from policy version `a` to `b`: rules by `id` (added, removed, changed with the
 * fields that changed and, for score rules, old/new points), shared conditions, settings leaf by
 * leaf, and list entries. Pure and deterministic: output order follows the documents.
 *
 * @example
 * diffPolicies(v1, v2).rules.changed // ['payment.avs-none']
 * diffPolicies(v1, v2).rules.changes // [{ id: 'payment.avs-none', fields: ['event'], points: { before: 30, after: 40 } }]
 */
export function diffPolicies(a: PolicyDocument, b: PolicyDocument): PolicyDiff {
  const settings: ValueChange[] = []
  diffValues(a.settings, b.settings, [], settings)
  const document: ValueChange[] = []
  const rest = (d: PolicyDocument) => {
    const { settings: _s, lists: _l, conditions: _c, rules: _r, ...others } = d
    return others
  }
  diffValues(rest(a), rest(b), [], document)
  return {
    rules: diffRules(a.rules, b.rules),
    conditions: diffKeyed(a.conditions ?? {}, b.conditions ?? {}),
    settings,
    lists: diffLists(a.lists ?? {}, b.lists ?? {}),
    document,
  }
}
