import { decimalPlaces, fromScaled, toScaled, toScaledBig } from '../money/decimal.js'
import type { Order } from '../order/order.types.js'
import type { TotalsFact } from './facts.types.js'

interface Terms {
  /** [amount, quantity] per item line. */
  lines: [number, number][]
  shipping: number
  tax: number
  discount: number
  declared: number
}

function termsOf(order: Order): Terms {
  return {
    lines: order.items.map((item) => [item.unitPrice, item.quantity]),
    shipping: order.shipping.price ?? 0,
    tax: order.tax ?? 0,
    discount: order.discount ?? 0,
    declared: order.total,
  }
}

function fact(
  subtotal: number | bigint,
  expected: number | bigint,
  declared: number | bigint,
  scale: number,
) {
  const mismatch =
    typeof expected === 'number' && typeof declared === 'number'
      ? Math.abs(expected - declared)
      : expected > declared
        ? BigInt(expected) - BigInt(declared)
        : BigInt(declared) - BigInt(expected)
  return {
    itemsSubtotal: fromScaled(subtotal, scale),
    expected: fromScaled(expected, scale),
    declared: fromScaled(declared, scale),
    mismatch: fromScaled(mismatch, scale),
  }
}

/** Integer minor units of a valid order; `null` when a value leaves the safe-integer range. */
function fastPath(order: Order, scale: number): TotalsFact | null {
  // Reads the order directly (no Terms): this runs for every order, the slow path almost never.
  let subtotal = 0
  for (const item of order.items) {
    const minor = toScaled(item.unitPrice, scale)
    if (minor === null) return null
    subtotal += minor * item.quantity
  }
  const shipping = toScaled(order.shipping.price ?? 0, scale)
  const tax = toScaled(order.tax ?? 0, scale)
  const discount = toScaled(order.discount ?? 0, scale)
  const declared = toScaled(order.total, scale)
  if (shipping === null || tax === null || discount === null || declared === null) return null
  const expected = subtotal + shipping + tax - discount
  if (
    !Number.isSafeInteger(subtotal) ||
    !Number.isSafeInteger(expected) ||
    !Number.isSafeInteger(expected - declared)
  ) {
    return null
  }
  return fact(subtotal, expected, declared, scale)
}

/** BigInt at a scale fine enough for every amount, so even an order the schema would refuse is exact. */
function slowPath(t: Terms, exponent: number): TotalsFact {
  const amounts = [t.shipping, t.tax, t.discount, t.declared, ...t.lines.map(([price]) => price)]
  const scale = Math.max(exponent, ...amounts.map(decimalPlaces))
  const big = (amount: number) => toScaledBig(amount, scale) ?? 0n
  let subtotal = 0n
  for (const [price, quantity] of t.lines) {
    subtotal += big(price) * (Number.isSafeInteger(quantity) ? BigInt(quantity) : 0n)
  }
  const expected = subtotal + big(t.shipping) + big(t.tax) - big(t.discount)
  return fact(subtotal, expected, big(t.declared), scale)
}

/**
 * `totals` (policies.md): Σ quantity × unitPrice, + shipping.price + tax − discount, against the
 * declared total, exactly in minor units of the order currency and returned in units.
 */
export function deriveTotals(order: Order, exponent: number): TotalsFact {
  return fastPath(order, exponent) ?? slowPath(termsOf(order), exponent)
}
