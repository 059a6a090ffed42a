import type { CatalogItem } from '../facts/client-data.js'
import type { VelocityFact } from '../facts/facts.types.js'
import type { Order } from '../order/order.types.js'

/** One order of GET …/replays/sample: the order with the client data of its time. */
export interface SampleOrder {
  order: Order
  label: string | null
  velocity: VelocityFact
  isFirstOrder: boolean
  /** Catalog rows stored with the order's decision (null: none then); absent = the sample's `catalog`. */
  catalog?: CatalogItem[] | null
  /** Managed lists as the order's decision saw them (its list matches); absent = the current lists. */
  lists?: Record<string, string[]>
  source: 'storedFacts' | 'currentData'
}

/** The body of GET …/replays/sample: what the API serves and the studio's live impact reads. */
export interface ReplaySample {
  orders: SampleOrder[]
  /** The client's catalog now (null: it has none) and every managed list now. */
  catalog: CatalogItem[] | null
  managedLists: Record<string, string[]>
}
