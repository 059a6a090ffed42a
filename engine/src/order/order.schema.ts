import { z } from 'zod'
import { CURRENCY_CODES, currencyExponent, isCurrencyCode } from '../money/currency.js'
import { toScaled } from '../money/decimal.js'
import { COUNTRY_CODE_LIST, isCountryCode } from './country-codes.js'
import type { Order } from './order.types.js'
import { isRfc3339 } from './timestamp.js'

/**
 * The order schema (../shared/product/orders.md), the one definition of a valid order. Objects are
 * loose: extra fields are kept. Money checks that need the currency (decimals) run in a refinement
 * over the whole order so that all problems are reported at once.
 *
 * Money is in the order's currency (orders.md), `payment.authorizedAmount` included: policies.md
 * computes `amountMismatch` with the order currency's exponent "also when the payment currency
 * differs". Choices the contract leaves open: money fields must be ≥ 0 (discounts have their own
 * field); AVS/CVV codes are any short string, since gateways send more than the mapped letters
 * (they map to `unavailable`).
 */
const required = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${expected}`

const text = (expected = 'a string') => z.string({ error: required(expected) })

const nonEmpty = (max = 1024) =>
  z
    .string({ error: required('a non-empty string') })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })

// The .meta() calls only describe, in the generated JSON Schema (the API's OpenAPI document), what
// the refinements check: a refinement has no JSON Schema of its own.
const timestamp = z
  .string({ error: required('an RFC 3339 timestamp') })
  .refine(isRfc3339, {
    error: 'must be an RFC 3339 timestamp with Z or an offset, e.g. 2026-11-20T14:03:00Z',
  })
  .meta({ format: 'date-time' })

const currency = z
  .string({ error: required('an ISO 4217 currency code') })
  .refine(isCurrencyCode, { error: 'must be an ISO 4217 currency code in upper case, e.g. USD' })
  .meta({ enum: [...CURRENCY_CODES], description: 'an ISO 4217 currency code, e.g. USD' })

const country = z
  .string({ error: required('an ISO 3166-1 alpha-2 country code') })
  .refine(isCountryCode, { error: 'must be an ISO 3166-1 alpha-2 country code in upper case, e.g. US' })
  .meta({ enum: [...COUNTRY_CODE_LIST], description: 'an ISO 3166-1 alpha-2 country code, e.g. US' })

const money = z
  .number({ error: required('a decimal amount, e.g. 48.18') })
  .min(0, { error: 'must not be negative' })
  .meta({
    description: "an amount in the order's currency, with at most its decimals (2 for USD, 0 for JPY)",
  })

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: required(`one of ${values.join(', ')}`) })

const address = z.looseObject(
  {
    name: text().optional(),
    line1: text().optional(),
    line2: text().optional(),
    city: text().optional(),
    region: text().optional(),
    postalCode: text().optional(),
    country,
  },
  { error: required('an address object') },
)

const item = z.looseObject(
  {
    sku: nonEmpty(256),
    name: text().optional(),
    quantity: z
      .number({ error: required('an integer ≥ 1') })
      // Not .int(): its issue aborts the order-level refinement, which would then hide decimals errors.
      .refine((n) => Number.isSafeInteger(n) && n >= 1, { error: 'must be an integer ≥ 1' })
      .meta({ type: 'integer', minimum: 1 }),
    unitPrice: money,
    category: text().optional(),
    attributes: z.record(z.string(), z.unknown(), { error: required('an object') }).optional(),
  },
  { error: required('an item object') },
)

const card = z.looseObject(
  {
    bin: z
      .string({ error: required('a string of 6–8 digits') })
      .regex(/^\d{6,8}$/, { error: 'must be 6–8 digits' }),
    last4: z
      .string({ error: required('a string of 4 digits') })
      .regex(/^\d{4}$/, { error: 'must be 4 digits' }),
    brand: text().optional(),
    country: country.optional(),
  },
  { error: required('a card object {bin, last4, brand?, country?}') },
)

const gatewayCode = z
  .string({ error: required('a gateway result code') })
  .max(16, { error: 'must be at most 16 characters' })

/**
 * An order id is a path segment of `…/orders/{orderId}` (modify, cancel): `.` and `..` never reach
 * it (URLs resolve them), so an order with such an id could be evaluated but never changed.
 */
export const isAddressableId = (id: string) => id !== '.' && id !== '..'

const baseSchema = z.looseObject(
  {
    id: nonEmpty(128)
      .refine(isAddressableId, { error: 'cannot be "." or "..": …/orders/{orderId} could not name it' })
      .meta({ not: { enum: ['.', '..'] } }),
    createdAt: timestamp,
    channel: text().optional(),
    currency,
    customer: z.looseObject(
      {
        id: text().optional(),
        name: text().optional(),
        email: text(),
        phone: text().optional(),
        ip: text().optional(),
        accountCreatedAt: timestamp.optional(),
      },
      { error: required('a customer object') },
    ),
    billingAddress: address.optional(),
    shippingAddress: address,
    items: z
      .array(item, { error: required('an array of items') })
      .min(1, { error: 'must have at least one item' }),
    shipping: z.looseObject(
      { method: nonEmpty(128), price: money.optional() },
      { error: required('a shipping object') },
    ),
    discount: money.optional(),
    tax: money.optional(),
    total: money,
    payment: z.looseObject(
      {
        method: oneOf(['card', 'paypal', 'wallet', 'bank_transfer', 'cod', 'other']),
        status: oneOf(['authorized', 'captured', 'pending', 'failed', 'none']),
        authorizedAmount: money.optional(),
        currency: currency.optional(),
        card: card.optional(),
        avsResult: gatewayCode.optional(),
        cvvResult: gatewayCode.optional(),
        threeDSecure: oneOf(['authenticated', 'attempted', 'failed', 'not_enrolled', 'none']).optional(),
      },
      { error: required('a payment object') },
    ),
  },
  { error: 'must be an order object' },
)

type Path = (string | number)[]

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

/** [path, amount, currency] for every money field whose currency is known. */
export function moneyFields(order: Record<string, unknown>): [Path, unknown, string][] {
  const fields: [Path, unknown, string][] = []
  const orderCurrency = isCurrencyCode(order.currency) ? order.currency : null
  if (orderCurrency) {
    for (const key of ['total', 'discount', 'tax']) fields.push([[key], order[key], orderCurrency])
    fields.push([['shipping', 'price'], asRecord(order.shipping)?.price, orderCurrency])
    if (Array.isArray(order.items)) {
      order.items.forEach((line, i) => {
        fields.push([['items', i, 'unitPrice'], asRecord(line)?.unitPrice, orderCurrency])
      })
    }
    const payment = asRecord(order.payment)
    if (payment) fields.push([['payment', 'authorizedAmount'], payment.authorizedAmount, orderCurrency])
  }
  return fields
}

export function decimalsMessage(currencyCode: string, exponent: number): string {
  return exponent === 0
    ? `must be a whole amount: ${currencyCode} has no decimals`
    : `must have at most ${exponent} decimal${exponent === 1 ? '' : 's'} for ${currencyCode}`
}

/**
 * Reports every money field with more decimals than its currency allows (or too large to be
 * computed exactly). Shared by the schema's refinement and the fast path (fast-order.ts).
 */
export function moneyIssues(
  order: Record<string, unknown>,
  addIssue: (issue: { path: Path; message: string }) => void,
): void {
  let fieldIssues = 0
  for (const [path, amount, currencyCode] of moneyFields(order)) {
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) continue
    const exponent = currencyExponent(currencyCode) ?? 0
    if (toScaled(amount, exponent) !== null) continue
    const tooLarge = toScaled(Math.round(amount), exponent) === null
    fieldIssues++
    addIssue({
      path,
      message: tooLarge ? 'is too large to be computed exactly' : decimalsMessage(currencyCode, exponent),
    })
  }
  if (fieldIssues === 0 && !sumsAreExact(order)) {
    addIssue({
      path: ['items'],
      message: 'the amounts of the order add up to more than can be computed exactly',
    })
  }
}

/**
 * Whether Σ(quantity × unitPrice), + shipping.price + tax − discount, and its difference with
 * `total` stay safe integers in minor units, so the totals facts are exact (orders.md: "all
 * arithmetic on money is exact"); each amount alone may be, and a quantity of 2^53 − 1 still
 * overflow. Non-negative safe integers add and multiply exactly while the result stays ≤ 2^53 − 1.
 * Invalid fields are left to their own checks (true).
 */
function sumsAreExact(order: Record<string, unknown>): boolean {
  if (!isCurrencyCode(order.currency) || !Array.isArray(order.items)) return true
  const exponent = currencyExponent(order.currency) ?? 0
  const minor = (amount: unknown) =>
    amount === undefined ? 0 : typeof amount === 'number' && amount >= 0 ? toScaled(amount, exponent) : null
  let subtotal = 0
  for (const line of order.items) {
    const item = asRecord(line)
    const price = minor(item?.unitPrice)
    const quantity = item?.quantity
    if (price === null || typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 0)
      return true
    subtotal += price * quantity
    if (!Number.isSafeInteger(subtotal)) return false
  }
  const shipping = minor(asRecord(order.shipping)?.price)
  const tax = minor(order.tax)
  const discount = minor(order.discount)
  const declared = minor(order.total)
  if (shipping === null || tax === null || discount === null || declared === null) return true
  const gross = subtotal + shipping + tax
  return Number.isSafeInteger(gross) && Number.isSafeInteger(gross - discount - declared)
}

/** The order schema: structure, enums, formats and per-currency decimals. */
export const orderSchema = baseSchema.superRefine(
  (value, ctx) => {
    const order = asRecord(value)
    if (!order) return
    moneyIssues(order, ({ path, message }) => ctx.addIssue({ code: 'custom', path, message }))
  },
  { when: (payload) => asRecord(payload.value) !== null },
) as unknown as z.ZodType<Order>
