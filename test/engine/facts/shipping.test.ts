import { describe, expect, it } from 'vitest'
import { deriveFacts } from '../../../engine/src/facts/derive-facts.js'
import type { PolicySettings } from '../../../engine/src/policy/policy.types.js'
import { sampleOrder } from '../order/sample-order.js'
import { sampleData, samplePolicy } from './fixtures.js'

function shippingFact(
  createdAt: string,
  method = 'standard',
  settings: Partial<PolicySettings> = {},
  country = 'US',
) {
  const order = sampleOrder({ createdAt, shipping: { method, price: 5 } })
  order.shippingAddress.country = country
  return deriveFacts(order, samplePolicy(settings), sampleData()).shipping
}

const estimate = (...args: Parameters<typeof shippingFact>) => shippingFact(...args).estimatedDelivery

// Policy: America/New_York, US public holidays; standard = UPS 3–5 business days, cut-off 14:00.
describe('shipping fact: delivery estimate', () => {
  it('ships the same day before the cut-off and skips Thanksgiving (2026-11-26)', () => {
    // Friday 09:03 in New York: ships Fri 20 → +3 = Wed 25; +5 = 23, 24, 25, (26), 27, 30.
    expect(estimate('2026-11-20T14:03:00Z')).toEqual({ earliest: '2026-11-25', latest: '2026-11-30' })
  })

  it('ships the next business day at the cut-off itself, not one second before', () => {
    expect(estimate('2026-11-20T18:59:59Z')).toEqual({ earliest: '2026-11-25', latest: '2026-11-30' })
    // 14:00:00 local: ships Mon 23 → 24, 25, 27 | 30, Dec 1.
    expect(estimate('2026-11-20T19:00:00Z')).toEqual({ earliest: '2026-11-27', latest: '2026-12-01' })
  })

  it('has no estimate when the window would end after 9999-12-31, a day no YYYY-MM-DD names', () => {
    expect(estimate('9999-12-31T12:00:00Z')).toBeNull()
    const late = estimate('9999-12-01T12:00:00Z')
    expect(late?.earliest).toMatch(/^9999-12-\d\d$/)
    expect(late?.latest).toMatch(/^9999-12-\d\d$/)
  })

  it('ships a weekend order on Monday', () => {
    expect(estimate('2026-11-21T15:00:00Z')).toEqual({ earliest: '2026-11-27', latest: '2026-12-01' })
    expect(estimate('2026-11-22T23:59:00-05:00')).toEqual({ earliest: '2026-11-27', latest: '2026-12-01' })
  })

  it('ships an order placed on the holiday itself the next business day', () => {
    // Thanksgiving 09:00: ships Fri 27 → Nov 30, Dec 1, Dec 2 | Dec 3, Dec 4.
    expect(estimate('2026-11-26T14:00:00Z')).toEqual({ earliest: '2026-12-02', latest: '2026-12-04' })
  })

  it('counts Thanksgiving as a business day when the policy names no holiday calendar', () => {
    expect(estimate('2026-11-20T14:03:00Z', 'standard', { holidays: undefined })).toEqual({
      earliest: '2026-11-25',
      latest: '2026-11-27',
    })
  })

  it('reads the local time in the policy timezone, not UTC', () => {
    // 18:30Z is 13:30 in New York (before the cut-off) but 18:30 in UTC (after it).
    expect(estimate('2026-11-20T18:30:00Z')).toEqual({ earliest: '2026-11-25', latest: '2026-11-30' })
    expect(estimate('2026-11-20T18:30:00Z', 'standard', { timezone: undefined })).toEqual({
      earliest: '2026-11-27',
      latest: '2026-12-01',
    })
  })

  it('follows daylight saving time (New York is UTC−4 from 2026-03-08)', () => {
    // Mon 9 March 18:30Z = 14:30 EDT, after the cut-off: ships Tue 10 → 11, 12, 13 | 16, 17.
    expect(estimate('2026-03-09T18:30:00Z')).toEqual({ earliest: '2026-03-13', latest: '2026-03-17' })
  })

  it('uses the calendar of another country and timezone (Tokyo, Labour Thanksgiving Day 2026-11-23)', () => {
    const tokyo = { timezone: 'Asia/Tokyo', holidays: { country: 'JP' } }
    // 06:00Z = 15:00 Friday in Tokyo, after the cut-off; Mon 23 is a holiday: ships Tue 24.
    expect(estimate('2026-11-20T06:00:00Z', 'standard', tokyo)).toEqual({
      earliest: '2026-11-27',
      latest: '2026-12-01',
    })
    // The same instant in UTC is 06:00 Friday: ships that day, no holidays.
    expect(estimate('2026-11-20T06:00:00Z', 'standard', { timezone: 'UTC', holidays: undefined })).toEqual({
      earliest: '2026-11-25',
      latest: '2026-11-27',
    })
  })

  it('uses a regional calendar (New York: Lincoln’s Birthday, 2026-02-12), written NY or US-NY', () => {
    // Wed 11 Feb: ships that day. US: 12, 13, (16 Presidents Day), 17. NY adds 12 as a holiday: 13, 17, 18.
    expect(estimate('2026-02-11T15:00:00Z')?.earliest).toBe('2026-02-17')
    for (const region of ['NY', 'US-NY']) {
      expect(
        estimate('2026-02-11T15:00:00Z', 'standard', { holidays: { country: 'US', region } })?.earliest,
      ).toBe('2026-02-18')
    }
  })

  it('crosses a year end into the next calendar (New Year’s Day, then a weekend)', () => {
    // Express, Thu 31 Dec 10:00: ships that day → (Jan 1), (2–3 weekend), Mon 4 | Tue 5.
    expect(estimate('2026-12-31T15:00:00Z', 'express')).toEqual({
      earliest: '2027-01-04',
      latest: '2027-01-05',
    })
  })

  it('ships any time of a business day when the method has no cut-off, and 0 transit days means the ship date', () => {
    const settings = {
      shippingMethods: [{ code: 'courier', transitDays: { min: 0, max: 1 } }],
    }
    expect(estimate('2026-11-20T23:30:00-05:00', 'courier', settings)).toEqual({
      earliest: '2026-11-20',
      latest: '2026-11-23',
    })
  })
})

describe('shipping fact: method', () => {
  it('describes a known method available for the destination', () => {
    const fact = shippingFact('2026-11-20T14:03:00Z')
    expect({ ...fact, estimatedDelivery: undefined }).toEqual({
      method: 'standard',
      methodKnown: true,
      methodAvailable: true,
      carrier: 'UPS',
      estimatedDelivery: undefined,
    })
  })

  it('knows but does not offer express to Canada', () => {
    const fact = shippingFact('2026-11-20T14:03:00Z', 'express', {}, 'CA')
    expect([fact.methodKnown, fact.methodAvailable, fact.carrier]).toEqual([true, false, 'FedEx'])
  })

  it('offers a method without a country list everywhere, with a null carrier when none is named', () => {
    const fact = shippingFact(
      '2026-11-20T14:03:00Z',
      'any',
      { shippingMethods: [{ code: 'any', transitDays: { min: 1, max: 1 } }] },
      'JP',
    )
    expect([fact.methodAvailable, fact.carrier]).toEqual([true, null])
  })

  it('treats an unknown method as a fact, not an error', () => {
    expect(shippingFact('2026-11-20T14:03:00Z', 'drone')).toEqual({
      method: 'drone',
      methodKnown: false,
      methodAvailable: false,
      carrier: null,
      estimatedDelivery: null,
    })
  })
})
