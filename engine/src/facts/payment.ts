import { decimalPlaces, fromScaled, toScaled, toScaledBig } from '../money/decimal.js'
import type { Order } from '../order/order.types.js'
import type { AvsMatch, CvvMatch, PaymentFact } from './facts.types.js'

const AVS: Record<string, AvsMatch> = {
  Y: 'full',
  X: 'full',
  D: 'full',
  F: 'full',
  M: 'full',
  A: 'partial',
  B: 'partial',
  P: 'partial',
  W: 'partial',
  Z: 'partial',
  N: 'none',
}

/** AVS code → match (policies.md); codes compare trimmed and case-insensitive. */
export function avsMatch(code: string | undefined): AvsMatch {
  // A one-letter hit is already trimmed and upper-case (Object.prototype has no one-letter keys).
  const direct = code?.length === 1 ? AVS[code] : undefined
  return direct ?? ((code !== undefined && AVS[code.trim().toUpperCase()]) || 'unavailable')
}

/** CVV code → match (policies.md); codes compare trimmed and case-insensitive. */
export function cvvMatch(code: string | undefined): CvvMatch {
  const normalized = code === 'M' || code === 'N' ? code : code?.trim().toUpperCase()
  return normalized === 'M' ? 'match' : normalized === 'N' ? 'mismatch' : 'unavailable'
}

/**
 * |authorizedAmount − total| in units. Exact at the order currency's exponent, or finer when the
 * payment currency has more decimals (KWD authorisation of a USD order): never rounded.
 */
function amountMismatch(order: Order, exponent: number): number | null {
  const authorized = order.payment.authorizedAmount
  if (authorized === undefined) return null
  const a6 = toScaled(authorized, Math.max(exponent, 6))
  const b6 = toScaled(order.total, Math.max(exponent, 6))
  if (a6 !== null && b6 !== null) return fromScaled(Math.abs(a6 - b6), Math.max(exponent, 6))
  const scale = Math.max(exponent, decimalPlaces(authorized), decimalPlaces(order.total))
  const a = toScaledBig(authorized, scale) ?? 0n
  const b = toScaledBig(order.total, scale) ?? 0n
  return fromScaled(a > b ? a - b : b - a, scale)
}

/** `payment` (policies.md). Comparison facts are false when either side is missing. */
export function derivePayment(order: Order, exponent: number): PaymentFact {
  const { payment } = order
  const cardCountry = payment.card?.country
  const billingCountry = order.billingAddress?.country
  return {
    authorized: payment.status === 'authorized' || payment.status === 'captured',
    amountMismatch: amountMismatch(order, exponent),
    currencyMismatch: payment.currency !== undefined && payment.currency !== order.currency,
    avsMatch: avsMatch(payment.avsResult),
    cvvMatch: cvvMatch(payment.cvvResult),
    cardCountryMismatch: !!cardCountry && !!billingCountry && cardCountry !== billingCountry,
    threeDSecure: payment.threeDSecure ?? null,
  }
}
