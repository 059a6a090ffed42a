import { describe, expect, it } from 'vitest'
import { createMetrics } from '../../api/src/observability/metrics.js'
import { apiSideStats, batchStats, parseMetrics as parse } from '../../bench/support/api-metrics.js'

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

  it('tells from the batch metrics how many requests waited for and sat in each statement', async () => {
    const metrics = createMetrics()
    metrics.recordBatch('evaluate_read', { items: 1, waitedMs: 0, runMs: 1000 })
    const before = parse(await metrics.render())
    // Over 10 s: two reads of 4 orders, 2 s each, the 8 orders having waited 6 s in all; one write of 2.
    metrics.recordBatch('evaluate_read', { items: 4, waitedMs: 2000, runMs: 2000 })
    metrics.recordBatch('evaluate_read', { items: 4, waitedMs: 4000, runMs: 2000 })
    metrics.recordBatch('evaluate_write', { items: 2, waitedMs: 0, runMs: 500 })
    const stats = batchStats(before, parse(await metrics.render()), 10)
    expect(stats).toEqual([
      { statement: 'evaluate_read', batches: 2, items: 8, meanBatchMs: 2000, waiting: 0.6, running: 1.6 },
      { statement: 'evaluate_write', batches: 1, items: 2, meanBatchMs: 500, waiting: 0, running: 0.1 },
    ])
  })
})
