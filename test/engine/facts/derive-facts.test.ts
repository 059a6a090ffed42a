import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deriveFacts } from '../../../engine/src/facts/derive-facts.js'
import { fromMinor } from '../../../engine/src/money/money.js'
import { parseOrder } from '../../../engine/src/order/parse-order.js'
import type { PolicyDocument } from '../../../engine/src/policy/policy.types.js'
import { sampleOrder } from '../order/sample-order.js'
import { catalogOf, sampleData, samplePolicy } from './fixtures.js'

describe('deriveFacts', () => {
  it('derives the example order under the example policy', () => {
    const order = sampleOrder()
    const policy = samplePolicy()
    const data = sampleData()
    const facts = deriveFacts(order, policy, data)
    expect(facts.order).toBe(order)
    expect(facts.lists).toEqual({ restrictedCountries: ['KP', 'IR', 'SY', 'CU'] })
    expect(facts.velocity).toEqual(data.velocity)
    expect(facts.velocity).not.toBe(data.velocity)
    expect(facts.totals.expected).toBe(48.18)
    expect(facts.shipping.estimatedDelivery).toEqual({ earliest: '2026-11-25', latest: '2026-11-30' })
  })

  it('gives an empty lists fact when the policy has no lists', () => {
    const policy = samplePolicy()
    delete policy.lists
    expect(deriveFacts(sampleOrder(), policy, sampleData()).lists).toEqual({})
  })

  it('is deterministic: the wall clock and the `now` option change nothing', () => {
    const order = sampleOrder()
    const policy = samplePolicy()
    const first = deriveFacts(order, policy, sampleData())
    const again = deriveFacts(order, policy, sampleData(), { now: new Date('2099-01-01T00:00:00Z') })
    expect(again).toEqual(first)
  })

  it('does not let one policy’s cached settings leak into another', () => {
    const order = sampleOrder()
    const ny = deriveFacts(order, samplePolicy(), sampleData()).shipping
    const other = samplePolicy({
      shippingMethods: [{ code: 'standard', carrier: 'DHL', transitDays: { min: 1, max: 1 } }],
    })
    const dhl = deriveFacts(order, other, sampleData()).shipping
    expect([ny.carrier, dhl.carrier]).toEqual(['UPS', 'DHL'])
    expect(dhl.estimatedDelivery).toEqual({ earliest: '2026-11-23', latest: '2026-11-23' })
  })

  it('falls back to UTC for a timezone the runtime does not know rather than throwing', () => {
    // 14:03 in UTC is past the 14:00 cut-off (09:03 in New York would not be): ships Mon 23.
    const facts = deriveFacts(sampleOrder(), samplePolicy({ timezone: 'Mars/Olympus_Mons' }), sampleData())
    expect(facts.shipping.estimatedDelivery).toEqual({ earliest: '2026-11-27', latest: '2026-12-01' })
  })
})

const currencies = fc.constantFrom('USD', 'JPY', 'KWD', 'EUR')
const countries = fc.constantFrom('US', 'GB', 'DE', 'JP', 'HK', 'AE', 'AQ', 'FR', 'CA', 'BR')
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const words = fc.string({ maxLength: 12 })

const address = fc.record(
  {
    name: words,
    line1: words,
    line2: words,
    city: words,
    region: words,
    postalCode: fc.oneof(words, fc.constantFrom('10001', 'SW1A 1AA', '100-0001')),
    country: countries,
  },
  { requiredKeys: ['country'] },
)

const validOrder = currencies.chain((currency) => {
  const money = fc.integer({ min: 0, max: 1e9 }).map((minor) => fromMinor(minor, currency))
  return fc.record(
    {
      id: fc.string({ minLength: 1, maxLength: 20 }).filter((id) => id !== '.' && id !== '..'),
      createdAt: fc
        .date({
          min: new Date('1971-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString()),
      currency: fc.constant(currency),
      customer: fc.record(
        {
          email: fc.oneof(fc.emailAddress(), words),
          name: words,
          phone: fc.oneof(words, fc.constantFrom('+1 212 555 0100', '030 12345678')),
          ip: fc.ipV4(),
          accountCreatedAt: fc.constantFrom('2020-01-01T00:00:00Z', '2030-06-01T12:00:00+05:30'),
        },
        { requiredKeys: ['email'] },
      ),
      billingAddress: maybe(address),
      shippingAddress: address,
      items: fc.array(
        fc.record(
          {
            sku: fc.constantFrom('A', 'B', 'C', 'D'),
            quantity: fc.integer({ min: 1, max: 10_000 }),
            unitPrice: money,
            category: words,
          },
          { requiredKeys: ['sku', 'quantity', 'unitPrice'] },
        ),
        { minLength: 1, maxLength: 5 },
      ),
      shipping: fc.record(
        { method: fc.constantFrom('standard', 'express', 'drone'), price: money },
        { requiredKeys: ['method'] },
      ),
      discount: money,
      tax: money,
      total: money,
      payment: fc.record(
        {
          method: fc.constantFrom('card', 'paypal', 'wallet', 'bank_transfer', 'cod', 'other'),
          status: fc.constantFrom('authorized', 'captured', 'pending', 'failed', 'none'),
          authorizedAmount: money,
          card: fc.record({
            bin: fc.constantFrom('411111', '55555555'),
            last4: fc.constantFrom('1111', '0004'),
            country: countries,
          }),
          avsResult: fc.constantFrom('Y', 'A', 'N', 'U', 'zz'),
          cvvResult: fc.constantFrom('M', 'N', 'P'),
          threeDSecure: fc.constantFrom('authenticated', 'attempted', 'failed', 'not_enrolled', 'none'),
        },
        { requiredKeys: ['method', 'status'] },
      ),
    },
    {
      requiredKeys: [
        'id',
        'createdAt',
        'currency',
        'customer',
        'shippingAddress',
        'items',
        'shipping',
        'total',
        'payment',
      ],
    },
  )
})

const policy: fc.Arbitrary<PolicyDocument> = fc
  .record({
    timezone: maybe(
      fc.constantFrom('America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC', 'Not/AZone'),
    ),
    holidays: maybe(
      fc.record({
        country: fc.constantFrom('US', 'DE', 'JP', 'QQ'),
        region: maybe(fc.constantFrom('NY', 'BY', 'XX')),
      }),
    ),
    amountTolerance: maybe(fc.constantFrom(0, 0.01, 0.5)),
    min: fc.integer({ min: 0, max: 10 }),
    spread: fc.integer({ min: 0, max: 10 }),
    cutoff: maybe(fc.constantFrom('00:00', '14:00', '23:59')),
  })
  .map(({ min, spread, cutoff, ...settings }) =>
    samplePolicy({
      ...settings,
      shippingMethods: [
        { code: 'standard', transitDays: { min, max: min + spread }, ...(cutoff ? { cutoff } : {}) },
      ],
    }),
  )

describe('deriveFacts properties', () => {
  it('never throws for a schema-valid order, and its facts are consistent', () => {
    const catalog = catalogOf([
      { sku: 'A', price: 1, currency: 'USD', stock: 5 },
      { sku: 'B', price: 1.5, currency: 'JPY', stock: 0 },
    ])
    fc.assert(
      fc.property(validOrder, policy, fc.boolean(), (input, doc, withCatalog) => {
        const parsed = parseOrder(input)
        expect(parsed.ok).toBe(true)
        if (!parsed.ok) return
        const facts = deriveFacts(parsed.order, doc, sampleData({ catalog: withCatalog ? catalog : null }))
        expect(facts.totals.mismatch).toBeGreaterThanOrEqual(0)
        expect(facts.items.count).toBe(input.items.length)
        const estimate = facts.shipping.estimatedDelivery
        if (estimate) expect(estimate.earliest <= estimate.latest).toBe(true)
        expect(JSON.parse(JSON.stringify(facts))).toEqual(facts)
      }),
      { numRuns: 300 },
    )
  })
})
