import { fromScaled, toScaled } from '../money/decimal.js'
import type { Order } from '../order/order.types.js'
import { parseInstant } from '../order/timestamp.js'
import type { VelocityFact } from './facts.types.js'
import { canonicalIpv6 } from './ip.js'

/**
 * The velocity definitions of policies.md as pure functions, so that the API's SQL, replay's
 * sliding windows and the memory provider count exactly the same things.
 */
export const VELOCITY_WINDOWS = {
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
} as const

/** E-mails compare trimmed and case-insensitive; `null` (never grouped) when blank. */
export function normalizeEmail(email: string | undefined | null): string | null {
  const normalized = email?.trim().toLowerCase() ?? ''
  return normalized === '' ? null : normalized
}

/**
 * IPs compare trimmed and case-insensitive, and an IPv6 address in its RFC 5952 form (one address
 * has many spellings: `2001:DB8:0:0::1`, `2001:db8::1`); `null` when absent or blank.
 */
export function normalizeIp(ip: string | undefined | null): string | null {
  const normalized = ip?.trim().toLowerCase() ?? ''
  if (normalized === '') return null
  return canonicalIpv6(normalized) ?? normalized
}

/** A card is `bin + last4`; `null` when the order has no card. */
export function cardKey(card: { bin?: string; last4?: string } | undefined | null): string | null {
  return card?.bin && card.last4 ? `${card.bin}${card.last4}` : null
}

/** True when `at` lies in `[now − window, now)`: exactly one window before counts, `now` itself not. */
export function inWindow(at: number, now: number, window: number): boolean {
  return at >= now - window && at < now
}

/** An earlier order reduced to what velocity compares. */
export interface VelocityEntry {
  id: string
  at: number
  email: string | null
  ip: string | null
  card: string | null
  currency: string
  total: number
}

export function velocityEntry(order: Order): VelocityEntry | null {
  const at = parseInstant(order.createdAt)
  if (at === null) return null
  return {
    id: order.id,
    at,
    email: normalizeEmail(order.customer?.email),
    ip: normalizeIp(order.customer?.ip),
    card: cardKey(order.payment?.card),
    currency: order.currency,
    total: order.total,
  }
}

export const ZERO_VELOCITY: VelocityFact = {
  ordersByEmail1h: 0,
  ordersByEmail24h: 0,
  ordersByIp1h: 0,
  ordersByIp24h: 0,
  ordersByCard24h: 0,
  distinctCardsByEmail7d: 0,
  distinctEmailsByCard7d: 0,
  amountByEmail24h: 0,
}

/**
 * Velocity of `order` over `history` (the client's other orders, any outcome). Orders with this
 * order's id are skipped. `amountByEmail24h` sums the totals of same-currency orders only, in
 * minor units of the order currency (there are no exchange rates here); other-currency orders
 * still count in `ordersByEmail24h`.
 */
export function computeVelocity(
  order: Order,
  history: Iterable<VelocityEntry>,
  exponent: number,
): VelocityFact {
  const self = velocityEntry(order)
  if (!self) return { ...ZERO_VELOCITY }
  const { hour, day, week } = VELOCITY_WINDOWS
  const v = { ...ZERO_VELOCITY }
  let amountMinor = 0
  const cardsByEmail = new Set<string>()
  const emailsByCard = new Set<string>()
  for (const other of history) {
    if (other.id === self.id || !inWindow(other.at, self.at, week)) continue
    const sameEmail = self.email !== null && other.email === self.email
    const sameIp = self.ip !== null && other.ip === self.ip
    const sameCard = self.card !== null && other.card === self.card
    if (sameEmail && other.card !== null) cardsByEmail.add(other.card)
    if (sameCard && other.email !== null) emailsByCard.add(other.email)
    if (!inWindow(other.at, self.at, day)) continue
    const lastHour = inWindow(other.at, self.at, hour)
    if (sameEmail) {
      v.ordersByEmail24h++
      if (lastHour) v.ordersByEmail1h++
      if (other.currency === self.currency) amountMinor += toScaled(other.total, exponent) ?? 0
    }
    if (sameIp) {
      v.ordersByIp24h++
      if (lastHour) v.ordersByIp1h++
    }
    if (sameCard) v.ordersByCard24h++
  }
  v.distinctCardsByEmail7d = cardsByEmail.size
  v.distinctEmailsByCard7d = emailsByCard.size
  v.amountByEmail24h = fromScaled(amountMinor, exponent)
  return v
}

/** `isFirstOrder`: no order with this e-mail strictly before this one (imports count, any age). */
export function computeIsFirstOrder(order: Order, history: Iterable<VelocityEntry>): boolean {
  const self = velocityEntry(order)
  if (!self || self.email === null) return true
  for (const other of history) {
    if (other.id !== self.id && other.email === self.email && other.at < self.at) return false
  }
  return true
}
