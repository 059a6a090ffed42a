import type { DataNeeds } from '../facts/client-data.js'
import type { FactRead } from './fact-access.js'

const CATALOG_FIELDS = new Set(['unknownSkus', 'outOfStockSkus', 'priceMismatchSkus'])

/** Whether a read can reach one of `fields` of its fact: the whole fact, a wildcard or a complex path can. */
function reaches(read: FactRead, fields: ReadonlySet<string>): boolean {
  if (read.tokens === null || read.tokens === 'complex') return true
  const first = read.tokens[0]
  return first === undefined || first === '*' || fields.has(first)
}

/**
 * Which client data the enabled rules can read: velocity counters, the first-order flag, the catalog
 * (only for the catalog-derived item fields) and the managed lists named by inList/notInList.
 */
export function computeDataNeeds(reads: readonly FactRead[], listNames: Iterable<string>): DataNeeds {
  const isFirstOrder = new Set(['isFirstOrder'])
  return {
    velocity: reads.some((r) => r.fact === 'velocity'),
    isFirstOrder: reads.some((r) => r.fact === 'customer' && reaches(r, isFirstOrder)),
    catalog: reads.some((r) => r.fact === 'items' && reaches(r, CATALOG_FIELDS)),
    managedLists: [...new Set(listNames)].sort(),
  }
}
