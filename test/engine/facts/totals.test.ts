import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deriveFacts } from '../../../engine/src/facts/derive-facts.js'
import type { Order } from '../../../engine/src/order/order.types.js'
import { sampleOrder } from '../order/sample-order.js'
import { sampleData, samplePolicy } from './fixtures.js'

const totalsOf = (order: Order) => deriveFacts(order, samplePolicy(), sampleData()).totals

describe('totals fact', () => {
  it('matches the orders.md example: 2 × 19.99 + 5.00 + 3.20 − 0 = 48.18', () => {
    expect(totalsOf(sampleOrder())).toEqual({
      itemsSubtotal: 39.98,
      expected: 48.18,
      declared: 48.18,
      mismatch: 0,
    })
  })

  it('is exact where floating point drifts (0.1 + 0.2 against a declared 0.3)', () => {
    const order = sampleOrder({
      items: [
        { sku: 'a', quantity: 1, unitPrice: 0.1 },
        { sku: 'b', quantity: 1, unitPrice: 0.2 },
      ],
      shipping: { method: 'standard' },
      tax: undefined,
      discount: undefined,
      total: 0.3,
    })
    expect(totalsOf(order)).toEqual({ itemsSubtotal: 0.3, expected: 0.3, declared: 0.3, mismatch: 0 })
  })

  it('reports a one-cent mismatch as 0.01, and subtracts the discount', () => {
    const order = sampleOrder({ discount: 10, total: 38.17 })
    expect(totalsOf(order)).toEqual({
      itemsSubtotal: 39.98,
      expected: 38.18,
      declared: 38.17,
      mismatch: 0.01,
    })
  })

  it('uses JPY without decimals and KWD with three', () => {
    const jpy = sampleOrder({
      currency: 'JPY',
      items: [{ sku: 'a', quantity: 3, unitPrice: 1850 }],
      shipping: { method: 'standard', price: 500 },
      tax: 605,
      discount: 100,
      total: 6555,
    })
    expect(totalsOf(jpy)).toEqual({ itemsSubtotal: 5550, expected: 6555, declared: 6555, mismatch: 0 })
    const kwd = sampleOrder({
      currency: 'KWD',
      items: [{ sku: 'a', quantity: 3, unitPrice: 1.005 }],
      shipping: { method: 'standard', price: 0.25 },
      tax: 0.001,
      discount: 0,
      total: 3.265,
    })
    expect(totalsOf(kwd)).toEqual({ itemsSubtotal: 3.015, expected: 3.266, declared: 3.265, mismatch: 0.001 })
  })

  it('stays exact beyond the safe-integer range of minor units', () => {
    const order = sampleOrder({
      items: [{ sku: 'a', quantity: 9_000_000, unitPrice: 12_345_678.91 }],
      shipping: { method: 'standard', price: 0 },
      tax: 0,
      discount: 0,
      total: 1,
    })
    const totals = totalsOf(order)
    expect(totals.itemsSubtotal).toBe(Number('111111110190000'))
    expect(totals.mismatch).toBe(Number('111111110189999'))
  })

  it('equals an independent BigInt computation for random orders (property)', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 })
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 1000 }), cents), { minLength: 1, maxLength: 8 }),
        cents,
        cents,
        cents,
        cents,
        (lines, shipping, tax, discount, declared) => {
          const order = sampleOrder({
            items: lines.map(([quantity, price], i) => ({ sku: `s${i}`, quantity, unitPrice: price / 100 })),
            shipping: { method: 'standard', price: shipping / 100 },
            tax: tax / 100,
            discount: discount / 100,
            total: declared / 100,
          })
          const subtotal = lines.reduce((sum, [q, p]) => sum + BigInt(q) * BigInt(p), 0n)
          const expected = subtotal + BigInt(shipping) + BigInt(tax) - BigInt(discount)
          const diff = expected > BigInt(declared) ? expected - BigInt(declared) : BigInt(declared) - expected
          const units = (minor: bigint) => {
            const sign = minor < 0n ? '-' : ''
            const text = (minor < 0n ? -minor : minor).toString().padStart(3, '0')
            return Number(`${sign}${text.slice(0, -2)}.${text.slice(-2)}`)
          }
          expect(totalsOf(order)).toEqual({
            itemsSubtotal: units(subtotal),
            expected: units(expected),
            declared: units(BigInt(declared)),
            mismatch: units(diff),
          })
        },
      ),
      { numRuns: 300 },
    )
  })
})
