import type { RunState } from '../run-state.js'

/**
 * Shared by inList/notInList. Strings compare trimmed and lower-cased (ClientData.managedLists holds
 * entries already normalised the same way); finite numbers compare as their decimal string, so a
 * numeric fact can match a list of codes; every other value (null, booleans, objects) is in no list.
 */
export function normalizeListValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim().toLowerCase()
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

function listNamed(name: unknown, st: RunState): ReadonlySet<string> {
  if (typeof name !== 'string')
    throw new TypeError(`inList/notInList needs a managed list name, got ${typeof name}`)
  const list = st.managedLists.get(name)
  if (list === undefined) throw new Error(`Unknown managed list: ${name}`)
  return list
}

function record(st: RunState, list: string, value: string): void {
  const matches = st.listMatches
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!
    if (m.value === value && m.list === list && m.ruleId === st.ruleId) return
  }
  matches.push({ list, value, ruleId: st.ruleId })
}

/**
 * Whether the fact (or, for an array fact, any element) is in the named list. Every element is
 * checked and every hit recorded in `listMatches`, whichever operator asked, so a stored decision can
 * be reproduced from its matches alone. An unknown list name throws: the rule errs.
 */
export function isInManagedList(fact: unknown, name: unknown, st: RunState): boolean {
  const list = listNamed(name, st)
  const listName = name as string
  if (!Array.isArray(fact)) {
    const key = normalizeListValue(fact)
    if (key === undefined || !list.has(key)) return false
    record(st, listName, key)
    return true
  }
  let hit = false
  for (let i = 0; i < fact.length; i++) {
    const key = normalizeListValue(fact[i])
    if (key !== undefined && list.has(key)) {
      record(st, listName, key)
      hit = true
    }
  }
  return hit
}
