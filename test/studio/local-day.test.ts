import { afterEach, describe, expect, it } from 'vitest'
import { formatDate, localDayStart } from '../../studio/src/lib/format.js'

// The decisions filter's days are the browser's, as the table's times are (formatDate).
describe('localDayStart', () => {
  const original = process.env.TZ
  afterEach(() => {
    process.env.TZ = original
  })

  it("gives a day's bounds in the browser's zone, DST days included", () => {
    process.env.TZ = 'America/New_York'
    expect(localDayStart('2026-11-27')).toBe('2026-11-27T05:00:00.000Z')
    expect(localDayStart('2026-11-27', true)).toBe('2026-11-28T05:00:00.000Z')
    // 2026-03-08 has 23 hours in New York, 2026-11-01 has 25.
    expect(localDayStart('2026-03-08')).toBe('2026-03-08T05:00:00.000Z')
    expect(localDayStart('2026-03-08', true)).toBe('2026-03-09T04:00:00.000Z')
    expect(localDayStart('2026-11-01', true)).toBe('2026-11-02T05:00:00.000Z')
    // An evening decision shown on the 27th falls within the 27th's bounds.
    const evening = '2026-11-28T01:26:00.000Z'
    expect(formatDate(evening)).toBe('2026-11-27 20:26')
    expect(evening >= localDayStart('2026-11-27')! && evening < localDayStart('2026-11-27', true)!).toBe(true)
  })

  it('is undefined for an empty or malformed date', () => {
    expect(localDayStart('')).toBeUndefined()
    expect(localDayStart('2026-13')).toBeUndefined()
  })
})
