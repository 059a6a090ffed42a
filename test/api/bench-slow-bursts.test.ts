import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatSlowBursts, slowBursts } from '../../bench/support/slow-bursts.js'

// bench:api's open-loop tail summary: which requests were over 10 ms and how they cluster.
describe('slow bursts of an open loop', () => {
  it('groups slow requests no more than `gap` apart and measures the largest group', () => {
    const latencies = new Array(100).fill(2)
    for (const i of [3, 5, 9]) latencies[i] = 12 // one burst: 3, 5 (2 apart), 9 (4 apart)
    for (let i = 40; i < 60; i++) latencies[i] = 35 // a stall: 20 consecutive
    latencies[80] = 10 // at the limit: not slow
    latencies[90] = 10.5
    const s = slowBursts(latencies, 2)
    expect(s).toEqual({ slow: 24, bursts: 3, largest: { slow: 20, spanMs: 38 }, inSmallBursts: 4 })
    expect(formatSlowBursts(s)).toBe(
      '24 requests over 10 ms in 3 bursts (4 in bursts of ≤ 9); largest 20 within 38 ms',
    )
  })

  it('splits requests more than `gap` apart', () => {
    const latencies = new Array(20).fill(1)
    latencies[0] = 20
    latencies[6] = 20 // 6 apart
    expect(slowBursts(latencies, 2).bursts).toBe(2)
  })

  it('reports a clean run as such', () => {
    const s = slowBursts(new Float64Array(50).fill(3), 2)
    expect(s).toEqual({ slow: 0, bursts: 0, largest: null, inSmallBursts: 0 })
    expect(formatSlowBursts(s)).toBe('no request over 10 ms')
  })

  it('counts every slow request exactly once, in bursts no larger than the whole', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { maxLength: 300 }), (ls) => {
        const s = slowBursts(ls, 2)
        expect(s.slow).toBe(ls.filter((l) => l > 10).length)
        expect(s.bursts).toBeLessThanOrEqual(s.slow)
        expect(s.inSmallBursts).toBeLessThanOrEqual(s.slow)
        if (s.largest) expect(s.largest.slow).toBeLessThanOrEqual(s.slow)
        else expect(s.slow).toBe(0)
      }),
    )
  })
})
