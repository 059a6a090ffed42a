import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseOrder } from '../../../engine/src/order/parse-order.js'
import { sampleOrder } from './sample-order.js'

type Patch = (order: Record<string, any>) => void

function issuesFor(patch: Patch) {
  const order: Record<string, any> = structuredClone(sampleOrder())
  patch(order)
  const result = parseOrder(order)
  if (result.ok) throw new Error('expected the order to be refused')
  return result
}

describe('parseOrder', () => {
  it('accepts the orders.md example and keeps extra fields at every level', () => {
    const input = structuredClone(sampleOrder()) as Record<string, any>
    input.promoCode = 'BF26'
    input.customer.loyaltyTier = 'gold'
    input.items[0].giftWrap = true
    input.payment.gateway = { name: 'adyen' }
    const result = parseOrder(input)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.order).toEqual(input)
    expect(result.order.promoCode).toBe('BF26')
  })

  it.each([
    ['offset', '2026-11-20T16:03:00+02:00'],
    ['negative offset', '2026-11-20T09:03:00-05:00'],
    ['fractional seconds', '2026-11-20T14:03:00.123456Z'],
    ['lower-case t and z', '2026-11-20t14:03:00z'],
  ])('accepts a createdAt with %s', (_label, createdAt) => {
    expect(parseOrder(sampleOrder({ createdAt })).ok).toBe(true)
  })

  it.each<[string, Patch, string, string]>([
    ['missing id', (o) => delete o.id, 'id', 'is required'],
    ['empty id', (o) => (o.id = ''), 'id', 'must not be empty'],
    ['id over 128 chars', (o) => (o.id = 'x'.repeat(129)), 'id', 'must be at most 128 characters'],
    ['timestamp without zone', (o) => (o.createdAt = '2026-11-20T14:03:00'), 'createdAt', 'RFC 3339'],
    ['date only', (o) => (o.createdAt = '2026-11-20'), 'createdAt', 'RFC 3339'],
    ['impossible date', (o) => (o.createdAt = '2026-02-30T10:00:00Z'), 'createdAt', 'RFC 3339'],
    [
      'bad accountCreatedAt',
      (o) => (o.customer.accountCreatedAt = 'yesterday'),
      'customer.accountCreatedAt',
      'RFC 3339',
    ],
    ['lower-case currency', (o) => (o.currency = 'usd'), 'currency', 'ISO 4217'],
    ['unknown currency', (o) => (o.currency = 'ABC'), 'currency', 'ISO 4217'],
    ['missing email', (o) => delete o.customer.email, 'customer.email', 'is required'],
    ['alpha-3 country', (o) => (o.shippingAddress.country = 'USA'), 'shippingAddress.country', 'ISO 3166-1'],
    ['unassigned country', (o) => (o.billingAddress.country = 'ZZ'), 'billingAddress.country', 'ISO 3166-1'],
    ['missing shipping address', (o) => delete o.shippingAddress, 'shippingAddress', 'is required'],
    ['no items', (o) => (o.items = []), 'items', 'at least one item'],
    ['fractional quantity', (o) => (o.items[0].quantity = 1.5), 'items[0].quantity', 'integer ≥ 1'],
    ['zero quantity', (o) => (o.items[0].quantity = 0), 'items[0].quantity', 'integer ≥ 1'],
    ['missing unitPrice', (o) => delete o.items[0].unitPrice, 'items[0].unitPrice', 'is required'],
    ['string unitPrice', (o) => (o.items[0].unitPrice = '19.99'), 'items[0].unitPrice', 'decimal amount'],
    ['missing shipping method', (o) => delete o.shipping.method, 'shipping.method', 'is required'],
    ['negative discount', (o) => (o.discount = -1), 'discount', 'must not be negative'],
    ['unknown payment method', (o) => (o.payment.method = 'crypto'), 'payment.method', 'one of card, paypal'],
    ['unknown payment status', (o) => (o.payment.status = 'ok'), 'payment.status', 'one of authorized'],
    ['5-digit bin', (o) => (o.payment.card.bin = '41111'), 'payment.card.bin', '6–8 digits'],
    ['9-digit bin', (o) => (o.payment.card.bin = '411111111'), 'payment.card.bin', '6–8 digits'],
    ['3-digit last4', (o) => (o.payment.card.last4 = '111'), 'payment.card.last4', '4 digits'],
    [
      'bad 3DS value',
      (o) => (o.payment.threeDSecure = 'yes'),
      'payment.threeDSecure',
      'one of authenticated',
    ],
    ['USD with 3 decimals', (o) => (o.total = 48.185), 'total', 'at most 2 decimals for USD'],
    ['USD tax with 3 decimals', (o) => (o.tax = 3.205), 'tax', 'at most 2 decimals for USD'],
    ['USD shipping price', (o) => (o.shipping.price = 5.001), 'shipping.price', 'at most 2 decimals'],
    ['USD unit price', (o) => (o.items[0].unitPrice = 19.999), 'items[0].unitPrice', 'at most 2 decimals'],
    ['tiny fraction', (o) => (o.total = 1e-7), 'total', 'at most 2 decimals'],
    [
      'JPY with decimals',
      (o) =>
        Object.assign(o, { currency: 'JPY', total: 1200.5, tax: 0, shipping: { method: 'x', price: 0 } }),
      'total',
      'JPY has no decimals',
    ],
    [
      // orders.md: money is in the order's currency, the authorised amount too
      'authorizedAmount with more decimals than the order currency, whatever the payment currency',
      (o) => Object.assign(o.payment, { currency: 'KWD', authorizedAmount: 48.185 }),
      'payment.authorizedAmount',
      'at most 2 decimals for USD',
    ],
    [
      'authorizedAmount with more decimals than the order currency, without a payment currency',
      (o) => {
        delete o.payment.currency
        o.payment.authorizedAmount = 48.181
      },
      'payment.authorizedAmount',
      'at most 2 decimals for USD',
    ],
    ['amount beyond exact range', (o) => (o.total = 1e17), 'total', 'too large'],
    [
      // each amount is exact, their sum in minor units is not (totals facts would drift)
      'items whose quantity × unitPrice cannot be summed exactly',
      (o) => Object.assign(o.items[0], { quantity: Number.MAX_SAFE_INTEGER, unitPrice: 99999.99 }),
      'items',
      'more than can be computed exactly',
    ],
    [
      'a total whose difference with the expected total cannot be computed exactly',
      (o) => {
        o.items = [{ sku: 'A', quantity: 1, unitPrice: 0 }]
        Object.assign(o, { tax: 0, discount: 90071992547409.91, total: 90071992547409.91 })
        o.shipping.price = 0
      },
      'items',
      'more than can be computed exactly',
    ],
  ])('refuses %s naming the field', (_label, patch, path, message) => {
    const result = issuesFor(patch)
    expect(result.code).toBe('invalid_order')
    const issue = result.issues.find((i) => i.path === path)
    expect(issue?.message).toContain(message)
  })

  it('accepts amounts at the exponent of each currency', () => {
    expect(parseOrder(sampleOrder({ currency: 'KWD', total: 1.005, tax: 0.125 })).ok).toBe(true)
    expect(parseOrder(sampleOrder({ currency: 'KWD', total: 1.0005 })).ok).toBe(false)
    const jpy = sampleOrder({ currency: 'JPY', total: 4200, tax: 0, shipping: { method: 's', price: 500 } })
    jpy.items[0]!.unitPrice = 1850
    jpy.payment = { method: 'card', status: 'authorized', authorizedAmount: 4200, currency: 'JPY' }
    expect(parseOrder(jpy).ok).toBe(true)
    // The authorised amount is read in the order currency (USD, 2 decimals), not the payment's.
    const payInJpy = sampleOrder()
    payInJpy.payment = { ...payInJpy.payment, currency: 'JPY', authorizedAmount: 48.18 }
    expect(parseOrder(payInJpy).ok).toBe(true)
  })

  it('reports every problem at once, decimals included', () => {
    const result = issuesFor((o) => {
      o.total = 48.185
      o.items[0].quantity = 0.5
      o.payment.method = 'foo'
      delete o.customer.email
    })
    expect(result.issues.map((i) => i.path).sort()).toEqual(
      ['customer.email', 'items[0].quantity', 'payment.method', 'total'].sort(),
    )
  })

  it('refuses the ids "." and "..", which no …/orders/{orderId} path can name', () => {
    for (const id of ['.', '..']) {
      expect(issuesFor((o) => (o.id = id)).issues).toEqual([
        { path: 'id', message: 'cannot be "." or "..": …/orders/{orderId} could not name it' },
      ])
    }
    for (const id of ['...', '.a', 'a..b']) expect(parseOrder({ ...sampleOrder(), id }).ok).toBe(true)
  })

  it('names the root when the input is not an object', () => {
    for (const input of [null, 42, 'order', [], undefined]) {
      const result = parseOrder(input)
      expect(result).toEqual({
        ok: false,
        code: 'invalid_order',
        issues: [{ path: '$', message: 'must be an order object' }],
      })
    }
  })

  it('refuses a card number anywhere before looking at the schema, without its digits', () => {
    const result = parseOrder({ note: 'card 4111 1111 1111 1111 exp 12/29', id: '' })
    expect(result).toMatchObject({ ok: false, code: 'pan_detected', issues: [{ path: 'note' }] })
    expect(JSON.stringify(result)).not.toMatch(/4111/)
    const nested = structuredClone(sampleOrder()) as Record<string, any>
    nested.items[0].attributes.engraving = '5500-0000-0000-0004'
    expect(parseOrder(nested)).toMatchObject({
      code: 'pan_detected',
      issues: [{ path: 'items[0].attributes.engraving' }],
    })
  })

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseOrder(value)
        expect(typeof result.ok).toBe('boolean')
      }),
      { numRuns: 500 },
    )
  })

  it('never throws on near-orders with random field values', () => {
    const fields = [
      'id',
      'createdAt',
      'currency',
      'customer',
      'items',
      'shipping',
      'total',
      'payment',
      'discount',
    ]
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue(), (field, value) => {
        const order = { ...sampleOrder(), [field]: value }
        const result = parseOrder(order)
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0)
      }),
      { numRuns: 500 },
    )
  })

  it('never throws on cyclic or hostile objects', () => {
    const cyclic: Record<string, unknown> = { ...sampleOrder() }
    cyclic.self = cyclic
    expect(parseOrder(cyclic).ok).toBe(true)
    const hostile = Object.defineProperty({}, 'id', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    expect(parseOrder(hostile).ok).toBe(false)
  })
})
