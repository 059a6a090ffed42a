import { describe, expect, it } from 'vitest'
import { weekendOf } from '../../../engine/src/facts/calendar.js'
import { deriveFacts } from '../../../engine/src/facts/derive-facts.js'
import { isCountryCode } from '../../../engine/src/order/country-codes.js'
import { sampleOrder } from '../order/sample-order.js'
import { sampleData, samplePolicy } from './fixtures.js'

// CLDR's week data as this runtime's ICU ships it (Intl.Locale#weekInfo, a getter in Node 20 and a
// method later).
function cldrWeekend(country: string): number[] {
  const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & {
    weekInfo?: { weekend: number[] }
    getWeekInfo?: () => { weekend: number[] }
  }
  return [...(locale.getWeekInfo?.() ?? locale.weekInfo)!.weekend]
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const countries = [...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b)).filter(isCountryCode)

describe('weekends', () => {
  it("are each country's weekend in CLDR's week data", () => {
    expect(countries).toHaveLength(249)
    expect(Object.fromEntries(countries.map((c) => [c, weekendOf(c)]))).toEqual(
      Object.fromEntries(countries.map((c) => [c, cldrWeekend(c)])),
    )
  })

  const estimate = (createdAt: string, country: string | undefined) => {
    const order = sampleOrder({ createdAt, shipping: { method: 'standard', price: 5 } })
    const policy = samplePolicy({ timezone: 'UTC', holidays: country ? { country } : undefined })
    return deriveFacts(order, policy, sampleData()).shipping.estimatedDelivery
  }

  it("follow the holiday calendar's country in the delivery estimate", () => {
    // Sunday 2026-11-22 at 10:00 UTC, before the 14:00 cut-off; standard is 3–5 business days.
    // Israel works on Sunday and rests on Friday and Saturday: ships 22 → 23, 24, 25 | 26, 29.
    expect(estimate('2026-11-22T10:00:00Z', 'IL')).toEqual({ earliest: '2026-11-25', latest: '2026-11-29' })
    // Without a calendar, Saturday and Sunday: ships Monday 23 → 24, 25, 26 | 27, 30.
    expect(estimate('2026-11-22T10:00:00Z', undefined)).toEqual({
      earliest: '2026-11-26',
      latest: '2026-11-30',
    })
    // India rests on Sunday alone: a Saturday order before the cut-off ships that day.
    // Sat 2026-11-21 → 23, 24, 25 | 26, 27.
    expect(estimate('2026-11-21T10:00:00Z', 'IN')).toEqual({ earliest: '2026-11-25', latest: '2026-11-27' })
    expect(estimate('2026-11-21T10:00:00Z', 'GB')).toEqual({ earliest: '2026-11-26', latest: '2026-11-30' })
  })
})
