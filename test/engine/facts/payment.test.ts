import { describe, expect, it } from 'vitest'
import { deriveFacts } from '../../../engine/src/facts/derive-facts.js'
import type { Order } from '../../../engine/src/order/order.types.js'
import { sampleOrder } from '../order/sample-order.js'
import { sampleData, samplePolicy } from './fixtures.js'

function paymentFact(patch: (order: Order) => void = () => {}) {
  const order = sampleOrder()
  patch(order)
  return deriveFacts(order, samplePolicy(), sampleData()).payment
}

describe('payment fact', () => {
  it('reads the orders.md example', () => {
    expect(paymentFact()).toEqual({
      authorized: true,
      amountMismatch: 0,
      currencyMismatch: false,
      avsMatch: 'full',
      cvvMatch: 'match',
      cardCountryMismatch: false,
      threeDSecure: 'authenticated',
    })
  })

  it.each([
    ['authorized', true],
    ['captured', true],
    ['pending', false],
    ['failed', false],
    ['none', false],
  ] as const)('status %s → authorized %s', (status, authorized) => {
    expect(paymentFact((o) => (o.payment.status = status)).authorized).toBe(authorized)
  })

  it.each<[string | undefined, string]>([
    ...'YXDFM'.split('').map((code): [string, string] => [code, 'full']),
    ...'ABPWZ'.split('').map((code): [string, string] => [code, 'partial']),
    ['N', 'none'],
    ['y', 'full'],
    ['U', 'unavailable'],
    ['R', 'unavailable'],
    ['', 'unavailable'],
    [undefined, 'unavailable'],
  ])('AVS %s → %s', (code, match) => {
    expect(paymentFact((o) => (o.payment.avsResult = code)).avsMatch).toBe(match)
  })

  it.each<[string | undefined, string]>([
    ['M', 'match'],
    ['N', 'mismatch'],
    ['P', 'unavailable'],
    ['U', 'unavailable'],
    [undefined, 'unavailable'],
  ])('CVV %s → %s', (code, match) => {
    expect(paymentFact((o) => (o.payment.cvvResult = code)).cvvMatch).toBe(match)
  })

  it('measures the authorised amount against the total exactly, null without one', () => {
    expect(paymentFact((o) => (o.payment.authorizedAmount = 48.08)).amountMismatch).toBe(0.1)
    expect(paymentFact((o) => (o.payment.authorizedAmount = 48.48)).amountMismatch).toBe(0.3)
    expect(paymentFact((o) => delete o.payment.authorizedAmount).amountMismatch).toBeNull()
  })

  it('measures in the order currency when the payment currency differs (policies.md), flagging it', () => {
    const fact = paymentFact((o) => Object.assign(o.payment, { currency: 'JPY', authorizedAmount: 48.08 }))
    expect(fact.currencyMismatch).toBe(true)
    expect(fact.amountMismatch).toBe(0.1)
    const same = paymentFact((o) => Object.assign(o.payment, { currency: 'EUR', authorizedAmount: 48.18 }))
    expect([same.currencyMismatch, same.amountMismatch]).toEqual([true, 0])
  })

  it('is false for comparisons with a missing side', () => {
    expect(paymentFact((o) => delete o.payment.currency).currencyMismatch).toBe(false)
    expect(paymentFact((o) => delete o.payment.card).cardCountryMismatch).toBe(false)
    expect(paymentFact((o) => delete o.payment.card!.country).cardCountryMismatch).toBe(false)
    expect(paymentFact((o) => delete o.billingAddress).cardCountryMismatch).toBe(false)
    expect(paymentFact((o) => (o.payment.card!.country = 'GB')).cardCountryMismatch).toBe(true)
    expect(paymentFact((o) => delete o.payment.threeDSecure).threeDSecure).toBeNull()
  })
})
