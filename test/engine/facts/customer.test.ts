import { describe, expect, it } from 'vitest'
import { deriveFacts } from '../../../engine/src/facts/derive-facts.js'
import type { Order } from '../../../engine/src/order/order.types.js'
import { sampleOrder } from '../order/sample-order.js'
import { sampleData, samplePolicy } from './fixtures.js'

function customerFact(patch: (order: Order) => void = () => {}, isFirstOrder = false) {
  const order = sampleOrder()
  patch(order)
  return deriveFacts(order, samplePolicy(), sampleData({ isFirstOrder })).customer
}

describe('customer fact', () => {
  it('reads the orders.md example', () => {
    expect(customerFact()).toEqual({
      emailValid: true,
      emailDomain: 'example.com',
      phoneValid: true,
      nameMatchesBilling: true,
      accountAgeDays: 657,
      isFirstOrder: false,
    })
    expect(customerFact(undefined, true).isFirstOrder).toBe(true)
  })

  it.each([
    ['jane.doe@example.com', true],
    ['  Jane.Doe+shop@Example.CO.UK ', true],
    ["o'brien@example.ie", true],
    ['jane@', false],
    ['@example.com', false],
    ['jane@localhost', false],
    ['jane@example.c', false],
    ['jane..doe@example.com', false],
    ['jane doe@example.com', false],
    [`${'x'.repeat(65)}@example.com`, false],
    [`jane@${'a'.repeat(250)}.com`, false],
    ['', false],
  ])('emailValid(%j) is %s', (email, valid) => {
    expect(customerFact((o) => (o.customer.email = email)).emailValid).toBe(valid)
  })

  it.each([
    [' Jane@Sub.Example.COM ', 'sub.example.com'],
    ['a@b@Evil.com', 'evil.com'],
    ['no-at-sign', ''],
  ])('emailDomain of %j is %j', (email, domain) => {
    expect(customerFact((o) => (o.customer.email = email)).emailDomain).toBe(domain)
  })

  it.each<[string, string | undefined, string, boolean]>([
    ['international format', '+1 212 555 0100', 'US', true],
    ['national format in the billing country', '(212) 555-0100', 'US', true],
    ['a US national number read as British', '(212) 555-0100', 'GB', false],
    ['a German national number', '030 12345678', 'DE', true],
    ['too short', '12345', 'US', false],
    ['an unassigned US area code', '+1 099 555 0100', 'US', false],
    ['missing', undefined, 'US', false],
  ])('phoneValid: %s', (_label, phone, billingCountry, valid) => {
    const fact = customerFact((o) => {
      o.customer.phone = phone
      o.billingAddress!.country = billingCountry
    })
    expect(fact.phoneValid).toBe(valid)
  })

  it('reads a national phone number with the shipping country when there is no billing address', () => {
    const fact = customerFact((o) => {
      delete o.billingAddress
      o.customer.phone = '030 12345678'
      o.shippingAddress.country = 'DE'
    })
    expect(fact.phoneValid).toBe(true)
  })

  it.each<[string | undefined, string | undefined, boolean]>([
    ['Jane Doe', 'Jane Doe', true],
    ['JANE  doe', 'Jane Doe', true],
    ['Jane Doe', ' jane\tdoe ', true],
    ['Jane Doe', 'John Doe', false],
    ['Jane Doe', undefined, false],
    [undefined, 'Jane Doe', false],
    [' ', ' ', false],
  ])('nameMatchesBilling(%j, %j) is %s', (name, billingName, match) => {
    const fact = customerFact((o) => {
      o.customer.name = name
      o.billingAddress!.name = billingName
    })
    expect(fact.nameMatchesBilling).toBe(match)
  })

  it.each<[string | undefined, number | null]>([
    ['2026-11-19T14:03:00Z', 1],
    ['2026-11-19T14:03:00.001Z', 0],
    ['2026-11-19T15:03:00+01:00', 1],
    ['2026-11-20T14:03:00Z', 0],
    ['2026-11-21T00:00:00Z', 0],
    ['2026-11-22T14:03:00Z', -2],
    [undefined, null],
  ])('accountAgeDays for an account created %s is %s', (accountCreatedAt, days) => {
    expect(customerFact((o) => (o.customer.accountCreatedAt = accountCreatedAt)).accountAgeDays).toBe(days)
  })

  it('measures account age against the order, not the wall clock', () => {
    const order = sampleOrder()
    const later = deriveFacts(order, samplePolicy(), sampleData(), { now: new Date('2030-01-01T00:00:00Z') })
    expect(later.customer.accountAgeDays).toBe(657)
  })
})
