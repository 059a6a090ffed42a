import type { Facts } from '../facts/facts.types.js'
import { compilePath } from './fact-path.js'

export type FactGetter = (facts: Facts) => unknown

// One monomorphic getter per fact name: faster than facts[name] and doubles as the list of names.
const FACT_GETTERS: Record<string, FactGetter> = {
  order: (f) => f.order,
  lists: (f) => f.lists,
  totals: (f) => f.totals,
  items: (f) => f.items,
  payment: (f) => f.payment,
  customer: (f) => f.customer,
  address: (f) => f.address,
  shipping: (f) => f.shipping,
  velocity: (f) => f.velocity,
}

export const FACT_NAMES: readonly string[] = Object.keys(FACT_GETTERS)

/** What a rule reads, for DataNeeds: the fact and the path tokens (see CompiledPath.tokens). */
export interface FactRead {
  fact: string
  tokens: string[] | null | 'complex'
}

/** Null for an unknown fact name (a compile error: every fact of ours is always defined). */
export function compileFactAccess(
  fact: string,
  path: string | undefined,
): { get: FactGetter; read: FactRead } | null {
  const getFact = Object.hasOwn(FACT_GETTERS, fact) ? FACT_GETTERS[fact] : undefined
  if (getFact === undefined) return null
  const { read, tokens, plain } = compilePath(path)
  const get: FactGetter =
    tokens === null
      ? getFact
      : plain && Array.isArray(tokens) && tokens.length === 1
        ? ownProperty(getFact, tokens[0]!)
        : (facts) => read(getFact(facts))
  return { get, read: { fact, tokens } }
}

/**
 * `fact` then one plain property, in one closure: what compilePath's reader does (a non-object fact
 * is read as itself, an inherited property is absent), without two more calls per condition. Most
 * conditions read one field of a fact (`$.ordersByEmail1h`).
 */
function ownProperty(getFact: FactGetter, key: string): FactGetter {
  return (facts) => {
    const v = getFact(facts)
    if (v === null || typeof v !== 'object') return v
    return Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined
  }
}
