import type { OrderLabel } from '@verdict/engine'
import type { NewOrderRevisionRow, NewOrderRow } from '../db/tables.js'
import type { Order } from '../engine.js'
import { orderKeys } from '../evaluations/order-input.js'

/**
 * The `orders` + `order_revisions` rows of an imported order, built from the core's `orderKeys`
 * (the function evaluate stores with), so an imported order and an evaluated one with the same
 * content have the same velocity keys and the same checksum.
 */
export function importedOrderRows(
  clientId: string,
  raw: Record<string, unknown>,
  order: Order,
  label: OrderLabel | null,
): { order: NewOrderRow; revision: NewOrderRevisionRow; checksum: string } {
  const keys = orderKeys(order, raw)
  return {
    checksum: keys.checksum,
    order: {
      client_id: clientId,
      order_id: keys.orderId,
      revision: 1,
      created_at: keys.createdAt,
      email: keys.email,
      ip: keys.ip,
      card_key: keys.cardKey,
      total: keys.total,
      currency: keys.currency,
      label,
      imported: true,
      checksum: keys.checksum,
      cancelled_at: null,
      cancel_reason: null,
      updated_at: new Date(),
    },
    revision: {
      client_id: clientId,
      order_id: keys.orderId,
      revision: 1,
      document: raw,
      checksum: keys.checksum,
      source: 'import',
    },
  }
}
