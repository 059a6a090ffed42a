import { fromScaled, toScaled, toScaledBig } from '../money/decimal.js'
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
 * |authorizedAmount − total| in units, exact in minor units of the order currency (policies.md: also
 * when the payment currency differs). parseOrder holds both amounts to that exponent.
 */
function amountMismatch(order: Order, exponent: number): number | null {
  const authorized = order.payment.authorizedAmount
  if (authorized === undefined) return null
  const a = toScaled(authorized, exponent)
  const b = toScaled(order.total, exponent)
  if (a !== null && b !== null && Number.isSafeInteger(a - b)) return fromScaled(Math.abs(a - b), exponent)
  const big = (toScaledBig(authorized, exponent) ?? 0n) - (toScaledBig(order.total, exponent) ?? 0n)
  return fromScaled(big < 0n ? -big : big, exponent)
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
