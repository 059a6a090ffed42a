import { currencyExponent } from '../money/currency.js'
import type { Order } from '../order/order.types.js'
import type { CatalogItem, ClientData, ClientDataProvider, ClientDataRequest } from './client-data.js'
import {
  computeIsFirstOrder,
  computeVelocity,
  VELOCITY_WINDOWS,
  type VelocityEntry,
  velocityEntry,
} from './velocity.js'

export interface MemoryProviderInput {
  /** Earlier orders, bare or as imported (`{order, label}`); may include the evaluated order itself. */
  orders: readonly (Order | { order: Order })[]
  /** The client's catalog; omitted = the client has none (catalog facts stay empty). */
  catalog?: readonly CatalogItem[]
  lists?: Record<string, readonly string[]>
}

function firstAtOrAfter(entries: readonly VelocityEntry[], at: number): number {
  let lo = 0
  let hi = entries.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (entries[mid]!.at < at) lo = mid + 1
    else hi = mid
  }
  return lo
}

function* between(entries: readonly VelocityEntry[], from: number, to: number): Generator<VelocityEntry> {
  for (let i = firstAtOrAfter(entries, from); i < entries.length && entries[i]!.at < to; i++)
    yield entries[i]!
}

const EMPTY: ReadonlySet<string> = new Set()

/** A list the policy names but the client never created is simply empty, as the API's provider has it. */
function withNamedLists(
  lists: ReadonlyMap<string, ReadonlySet<string>>,
  names: readonly string[],
): ReadonlyMap<string, ReadonlySet<string>> {
  if (names.every((name) => lists.has(name))) return lists
  const out = new Map(lists)
  for (const name of names) if (!out.has(name)) out.set(name, EMPTY)
  return out
}

/**
 * ClientDataProvider over in-memory data, for tests, the CLI and the studio. Velocity and
 * isFirstOrder use the shared definitions of velocity.ts. Several orders with one id are
 * revisions of one order: the last one given counts.
 * @example const data = await createMemoryProvider({ orders }).load({ order, needs })
 */
export function createMemoryProvider(input: MemoryProviderInput): ClientDataProvider {
  const byId = new Map<string, VelocityEntry>()
  for (const item of input.orders) {
    const order =
      'order' in item && typeof item.order === 'object' && item.order
        ? (item.order as Order)
        : (item as Order)
    const entry = velocityEntry(order)
    if (entry) byId.set(entry.id, entry)
  }
  const entries = [...byId.values()].sort((a, b) => a.at - b.at)
  // An empty catalog is no catalog, as the API reads it (no rows): the catalog facts stay empty
  // instead of every SKU being unknown.
  const catalog = input.catalog?.length ? new Map(input.catalog.map((item) => [item.sku, item])) : null
  const managedLists = new Map(
    Object.entries(input.lists ?? {}).map(([name, values]) => [
      name,
      new Set(values.map((value) => value.trim().toLowerCase())) as ReadonlySet<string>,
    ]),
  )

  return {
    async load({ order, needs }: ClientDataRequest): Promise<ClientData> {
      const self = velocityEntry(order)
      const at = self?.at ?? 0
      const exponent = currencyExponent(order.currency) ?? 0
      const orderCatalog = catalog
        ? new Map(
            order.items.flatMap((item) =>
              catalog.has(item.sku) ? [[item.sku, catalog.get(item.sku)!]] : [],
            ),
          )
        : null
      return {
        velocity: computeVelocity(order, between(entries, at - VELOCITY_WINDOWS.week, at), exponent),
        isFirstOrder: computeIsFirstOrder(order, between(entries, Number.NEGATIVE_INFINITY, at)),
        catalog: orderCatalog,
        managedLists: withNamedLists(managedLists, needs.managedLists),
      }
    },
  }
}
