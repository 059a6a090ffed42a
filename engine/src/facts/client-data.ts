import type { Order } from '../order/order.types.js'
import type { VelocityFact } from './facts.types.js'

/**
 * What the engine needs from the client's own data. The engine does no I/O: the caller fetches this
 * (the API from Postgres, replay from its sliding windows, tests and the CLI from memory) and hands
 * it to `deriveFacts`. Everything is "as of order.createdAt".
 */
export interface CatalogItem {
  sku: string
  name?: string
  price: number
  currency: string
  stock: number
  category?: string
}

export interface ClientData {
  velocity: VelocityFact
  isFirstOrder: boolean
  /** Catalog entries for this order's SKUs; `null` when the client has no catalog at all. */
  catalog: ReadonlyMap<string, CatalogItem> | null
  /** Managed lists by name, entries already normalised (trimmed, lower-cased). */
  managedLists: ReadonlyMap<string, ReadonlySet<string>>
}

/** Which parts of ClientData a compiled policy actually reads, so providers can skip the rest. */
export interface DataNeeds {
  velocity: boolean
  isFirstOrder: boolean
  catalog: boolean
  /** Managed list names referenced by inList/notInList. */
  managedLists: string[]
}

export interface ClientDataRequest {
  order: Order
  needs: DataNeeds
}

/** Implemented on Postgres by the API, in memory by `createMemoryProvider`. */
export interface ClientDataProvider {
  load(request: ClientDataRequest): Promise<ClientData>
}
