import { isRec, type Rec, str, unwrapOne } from './unwrap.js'

/** One changed value somewhere in a policy ("settings.thresholds.review: 40 → 45"). */
export interface FieldChange {
  path: string
  before: unknown
  after: unknown
}

export interface RuleChange {
  id: string
  /** Fields of the rule that changed (`priority`, `conditions`, …), when the API says. */
  fields: FieldChange[]
}

export interface DiffSummary {
  added: string[]
  removed: string[]
  changed: RuleChange[]
  /** Rules whose place in the document changed: it ranks rules of equal priority. */
  moved: string[]
  settings: FieldChange[]
  lists: FieldChange[]
  other: FieldChange[]
  isEmpty: boolean
  /** One line for the header: "2 added · 1 removed · 3 changed · thresholds changed". */
  headline: string
}

function ruleId(v: unknown): string | null {
  if (typeof v === 'string') return v
  if (!isRec(v)) return null
  return str(v.id) ?? str(v.ruleId) ?? (isRec(v.rule) ? str(v.rule.id) : null)
}

function fieldChanges(v: unknown, prefix = ''): FieldChange[] {
  const join = (p: string) => (prefix && p ? `${prefix}.${p}` : prefix || p)
  if (Array.isArray(v)) {
    return v.flatMap((c): FieldChange[] => {
      if (typeof c === 'string') return [{ path: join(c), before: undefined, after: undefined }]
      if (!isRec(c)) return []
      const path = Array.isArray(c.path)
        ? c.path.join('.')
        : (str(c.path) ?? str(c.field) ?? str(c.name) ?? str(c.key) ?? str(c.id) ?? '')
      return [{ path: join(path), before: c.before ?? c.from ?? c.old, after: c.after ?? c.to ?? c.new }]
    })
  }
  if (isRec(v)) {
    // `{before, after}` at this level, or a map of name → change.
    if ('before' in v || 'after' in v) return [{ path: prefix, before: v.before, after: v.after }]
    return Object.entries(v).flatMap(([k, c]) => {
      if (isRec(c) || Array.isArray(c)) return fieldChanges(c, join(k))
      return typeof c === 'boolean' && c ? [{ path: join(k), before: undefined, after: undefined }] : []
    })
  }
  return []
}

/** Engine ListChange `{name, status, added, removed}` → "+[a] −[b]" as before/after. */
function listChanges(v: unknown): FieldChange[] {
  if (!Array.isArray(v)) return fieldChanges(v ?? [], 'lists')
  return v.flatMap((c): FieldChange[] => {
    if (!isRec(c) || !str(c.name)) return fieldChanges([c], 'lists')
    const status = str(c.status) ?? 'changed'
    return [
      {
        path: `lists.${c.name} (${status})`,
        before: Array.isArray(c.removed) && c.removed.length ? c.removed : undefined,
        after: Array.isArray(c.added) && c.added.length ? c.added : undefined,
      },
    ]
  })
}

/** Shared conditions `{added, removed, changed}` of names. */
function conditionChanges(v: unknown): FieldChange[] {
  if (!isRec(v) || !('added' in v || 'removed' in v || 'changed' in v))
    return fieldChanges(v ?? [], 'conditions')
  return (['added', 'removed', 'changed'] as const).flatMap((kind) =>
    listOfIds(v[kind]).map((name) => ({
      path: `conditions.${name} (${kind})`,
      before: undefined,
      after: undefined,
    })),
  )
}

function listOfIds(v: unknown): string[] {
  return Array.isArray(v) ? v.map(ruleId).filter((id): id is string => id !== null) : []
}

function plural(n: number, word: string): string {
  return `${n} ${word}`
}

/** Adapts the diff endpoint's body into what the summary panel shows. */
export function summarizeDiff(body: unknown): DiffSummary {
  const d = unwrapOne(body)
  const rules: Rec = isRec(d.rules) ? d.rules : d
  const added = listOfIds(rules.added ?? d.addedRules)
  const removed = listOfIds(rules.removed ?? d.removedRules)
  const moved = listOfIds(rules.moved)
  const changedRaw = rules.changes ?? rules.changed ?? d.changedRules
  const changed: RuleChange[] = Array.isArray(changedRaw)
    ? changedRaw.flatMap((c) => {
        const id = ruleId(c)
        if (!id) return []
        const fields = isRec(c) ? fieldChanges(c.changes ?? c.fields ?? c.diff ?? []) : []
        if (isRec(c) && isRec(c.points)) {
          const pts = { path: 'points', before: c.points.before, after: c.points.after }
          const i = fields.findIndex((f) => f.path === 'event')
          if (i >= 0) fields.splice(i, 1, { ...pts, path: 'event (points)' })
          else fields.push(pts)
        }
        return [{ id, fields }]
      })
    : []
  const settings = fieldChanges(d.settings ?? d.changedSettings ?? [], 'settings')
  const lists = listChanges(d.lists ?? d.changedLists)
  const other = [...conditionChanges(d.conditions ?? d.changedConditions), ...fieldChanges(d.document ?? [])]
  const parts: string[] = []
  if (added.length) parts.push(plural(added.length, 'added'))
  if (removed.length) parts.push(plural(removed.length, 'removed'))
  if (changed.length) parts.push(plural(changed.length, 'changed'))
  if (moved.length) parts.push(plural(moved.length, 'moved'))
  if (settings.some((s) => s.path.startsWith('settings.thresholds'))) parts.push('thresholds changed')
  else if (settings.length) parts.push('settings changed')
  if (lists.length) parts.push('lists changed')
  if (other.some((o) => o.path.startsWith('conditions.'))) parts.push('shared conditions changed')
  if (other.some((o) => !o.path.startsWith('conditions.'))) parts.push('document fields changed')
  const isEmpty = parts.length === 0
  return {
    added,
    removed,
    changed,
    moved,
    settings,
    lists,
    other,
    isEmpty,
    headline: isEmpty ? 'No rule-level differences' : parts.join(' · '),
  }
}

/** Short, single-line rendering of a value for the summary ("—" when absent). */
export function showValue(v: unknown): string {
  if (v === undefined) return '—'
  const s = JSON.stringify(v)
  return s.length > 60 ? `${s.slice(0, 57)}…` : s
}
