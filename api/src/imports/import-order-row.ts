import type { OrderLabel } from '@verdict/engine'
import type { NewOrderRevisionRow, NewOrderRow } from '../db/tables.js'
import { cardKey, normalizeEmail, normalizeIp, type Order, parseInstant } from '../engine.js'
import { jsonChecksum } from '../lib/checksum.js'

/**
 * The `orders` + `order_revisions` rows of an imported order. The velocity key columns use the
 * engine's own normalisers (the ones live facts and replay use) and the checksum is the same
 * canonical-JSON sha256 evaluate stores, so an imported order and an evaluated one with the same
 * content are indistinguishable to velocity and to idempotency checks.
 * TODO(api core): switch to the core's order-row builder once it is exported from api/src/orders.
 */
export function importedOrderRows(
  clientId: string,
  raw: Record<string, unknown>,
  order: Order,
  label: OrderLabel | null,
): { order: NewOrderRow; revision: NewOrderRevisionRow; checksum: string } {
  const checksum = jsonChecksum(raw)
  const createdAt = parseInstant(order.createdAt)
  if (createdAt === null) throw new RangeError('parseOrder accepted an unreadable createdAt')
  return {
    checksum,
    order: {
      client_id: clientId,
      order_id: order.id,
      revision: 1,
      created_at: new Date(createdAt),
      email: normalizeEmail(order.customer.email),
      ip: normalizeIp(order.customer.ip),
      card_key: cardKey(order.payment.card),
      total: order.total,
      currency: order.currency,
      label,
      imported: true,
      checksum,
      cancelled_at: null,
      cancel_reason: null,
      updated_at: new Date(),
    },
    revision: {
      client_id: clientId,
      order_id: order.id,
      revision: 1,
      document: raw,
      checksum,
      source: 'import',
    },
  }
}
