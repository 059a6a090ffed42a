import { describe, expect, it } from 'vitest'
import { createMetrics } from '../../api/src/observability/metrics.js'
import { apiSideStats, parseMetrics as parse } from '../../bench/support/api-metrics.js'

// bench:api reports what the API itself saw during the open loop (GC pauses, server-side latency)
// from two scrapes of its /metrics; the deltas must be read from the API's real exposition format.
describe('bench API-side stats', () => {
  it('counts evaluate requests answered within 10 ms between two scrapes', async () => {
    const metrics = createMetrics()
    const route = '/v1/clients/:clientId/orders/evaluate'
    metrics.recordRequest('POST', route, 200, 3)
    const before = parse(await metrics.render())
    metrics.recordRequest('POST', route, 200, 4)
    metrics.recordRequest('POST', route, 200, 9.9)
    metrics.recordRequest('POST', route, 200, 40)
    metrics.recordRequest('GET', '/v1/clients/:clientId/decisions', 200, 1)
    const stats = apiSideStats(before, parse(await metrics.render()))
    expect(stats.evaluated).toBe(3)
    expect(stats.serverWithin10ms).toBeCloseTo(2 / 3)
    expect(stats.gc).toEqual([])
  })

  it('reads GC pauses by kind', () => {
    const before = parse(
      'verdict_nodejs_gc_duration_seconds_sum{kind="minor"} 0.5\nverdict_nodejs_gc_duration_seconds_count{kind="minor"} 10\n',
    )
    const after = parse(
      'verdict_nodejs_gc_duration_seconds_sum{kind="minor"} 0.56\nverdict_nodejs_gc_duration_seconds_count{kind="minor"} 13\nverdict_nodejs_gc_duration_seconds_sum{kind="major"} 0.01\nverdict_nodejs_gc_duration_seconds_count{kind="major"} 1\n',
    )
    const gc = apiSideStats(before, after).gc
    expect(gc.map((g) => [g.kind, g.count, Math.round(g.totalMs)])).toEqual([
      ['minor', 3, 60],
      ['major', 1, 10],
    ])
  })
})
