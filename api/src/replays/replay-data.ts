import type { CatalogItem, ClientData, ListMatch, ReplayInput } from '@verdict/engine'

/** What a replay needs besides velocity: catalog and managed lists, and where they came from. */
export type ReplayData = Pick<ReplayInput, 'catalog' | 'managedLists' | 'source'>

export interface CurrentData {
  catalog: ClientData['catalog']
  managedLists: ReadonlyMap<string, ReadonlySet<string>>
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function catalogFrom(stored: unknown): ClientData['catalog'] {
  if (stored === null || stored === undefined) return null
  const entries: unknown[] = Array.isArray(stored) ? stored : isRecord(stored) ? Object.values(stored) : []
  const catalog = new Map<string, CatalogItem>()
  for (const entry of entries) {
    if (isRecord(entry) && typeof entry.sku === 'string')
      catalog.set(entry.sku, entry as unknown as CatalogItem)
  }
  return catalog
}

// Orders without a stored decision all share one answer per CurrentData (no object per order).
const currentAnswers = new WeakMap<CurrentData, ReplayData>()
function currentSource(current: CurrentData): ReplayData {
  let answer = currentAnswers.get(current)
  if (!answer) {
    answer = { ...current, source: 'currentData' }
    currentAnswers.set(current, answer)
  }
  return answer
}

/**
 * The catalog and managed lists an order is replayed with.
 *
 * An order with a stored decision gets the data of its time: the catalog rows its decision stored,
 * and for every list the original evaluation consulted, the entries it found (list matches record
 * every hit, so membership of each value the original rules looked up is exactly known). Lists the
 * original version did not consult, and orders never evaluated (imports), use the current data.
 */
export function replayData(
  stored: unknown,
  consultedLists: readonly string[] | null,
  current: CurrentData,
): ReplayData {
  if (!isRecord(stored)) return currentSource(current)
  const catalog = 'catalog' in stored ? catalogFrom(stored.catalog) : current.catalog
  const matches = Array.isArray(stored.listMatches) ? (stored.listMatches as ListMatch[]) : []
  let managedLists = current.managedLists
  if (consultedLists && consultedLists.length > 0) {
    const lists = new Map<string, ReadonlySet<string>>(current.managedLists)
    for (const name of consultedLists) lists.set(name, new Set())
    for (const m of matches) (lists.get(m.list) as Set<string> | undefined)?.add(m.value)
    managedLists = lists
  }
  return { catalog, managedLists, source: 'storedFacts' }
}
