import { cardKey, normalizeEmail, normalizeIp } from '../facts/velocity.js'
import { toScaled } from '../money/decimal.js'
import type { Order } from '../order/order.types.js'
import { parseInstant } from '../order/timestamp.js'
import { AMOUNT_SCALE, type KeyedOrder } from './velocity-counters.js'

/**
 * Epoch milliseconds of an RFC 3339 timestamp, compared as instants with parseInstant's resolution
 * (finer fractions truncated, as everywhere else in Verdict).
 */
export function instantMs(createdAt: string): number {
  const ms = parseInstant(createdAt)
  if (ms === null) throw new RangeError(`Not an RFC 3339 timestamp: ${createdAt}`)
  return ms
}

/**
 * Reduces an order to the keys and amount the velocity windows need, normalised exactly as the live
 * velocity facts are (normalizeEmail, normalizeIp, cardKey: a blank key is null and never grouped).
 * @example keyOrder(order) // { at: 1764000000000, email: 'ann@example.com', ip: null, card: '4111111111', ... }
 */
export function keyOrder(order: Order): KeyedOrder {
  const amount = toScaled(order.total, AMOUNT_SCALE)
  if (amount === null) throw new RangeError(`Order ${order.id}: total is not an exact amount`)
  return {
    at: instantMs(order.createdAt),
    email: normalizeEmail(order.customer?.email),
    ip: normalizeIp(order.customer?.ip),
    card: cardKey(order.payment?.card),
    currency: order.currency,
    amount,
    amountScale: AMOUNT_SCALE,
  }
}
