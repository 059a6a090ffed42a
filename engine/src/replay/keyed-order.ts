import { toScaled } from '../money/decimal.js'
import type { Order } from '../order/order.types.js'
import { AMOUNT_SCALE, type KeyedOrder } from './velocity-counters.js'

// Same normalisation as the live velocity facts (policies.md): e-mails trimmed and case-insensitive,
// a card is bin + last4, and a missing or blank key is null so it is never grouped.
function emailKey(email: unknown): string | null {
  if (typeof email !== 'string') return null
  const key = email.trim().toLowerCase()
  return key === '' ? null : key
}

function ipKey(ip: unknown): string | null {
  if (typeof ip !== 'string') return null
  const key = ip.trim()
  return key === '' ? null : key
}

function cardKeyOf(card: Order['payment']['card']): string | null {
  if (!card || typeof card.bin !== 'string' || typeof card.last4 !== 'string') return null
  return `${card.bin}${card.last4}`
}

/** Epoch milliseconds of an RFC 3339 timestamp (offsets honoured: compared as instants). */
export function instantMs(createdAt: string): number {
  const ms = Date.parse(createdAt)
  if (Number.isNaN(ms)) throw new RangeError(`Not an RFC 3339 timestamp: ${createdAt}`)
  return ms
}

/**
 * Reduces an order to the keys and amount the velocity windows need.
 * @example keyOrder(order) // { at: 1764000000000, email: 'ann@example.com', ip: null, card: '4111111111', ... }
 */
export function keyOrder(order: Order): KeyedOrder {
  const amount = toScaled(order.total, AMOUNT_SCALE)
  if (amount === null) throw new RangeError(`Order ${order.id}: total is not an exact amount`)
  return {
    at: instantMs(order.createdAt),
    email: emailKey(order.customer?.email),
    ip: ipKey(order.customer?.ip),
    card: cardKeyOf(order.payment?.card),
    amount,
    amountScale: AMOUNT_SCALE,
  }
}
