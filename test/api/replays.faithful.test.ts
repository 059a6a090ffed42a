import { describe, expect, it } from 'vitest'
import { useHarness } from '../support/harness.js'
import {
  acmeCatalog,
  acmeSampleOrders,
  evaluate,
  importOrders,
  replayHarness,
  replayOrders,
  runReplay,
  setupClient,
  variant,
} from './replays-support.js'

const h = useHarness()

type Json = any

/**
 * The acme samples (every outcome: blocked e-mail from a managed list, out-of-stock from the
 * catalog, delivery cut-offs and holidays, …) plus bursts that trip the e-mail and IP velocity
 * rules, some of them on the window edges.
 */
function history(): Json[] {
  const samples = acmeSampleOrders()
  const burstTemplate = samples.find((o) => o.id === 'A-1008')
  const burst = [0, 10, 20, 30, 40, 60, 61].map((min, i) =>
    variant(
      burstTemplate,
      `BURST-${i}`,
      new Date(Date.parse('2026-11-21T08:00:00Z') + min * 60_000).toISOString(),
      {
        customer: { email: i < 4 ? 'burst.buyer@example.org' : `burst${i}@example.org`, ip: '192.0.2.99' },
      },
    ),
  )
  return [...samples, ...burst].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
}

describe('replaying the live version over orders evaluated live', () => {
  it.each([100, 3])(
    'reproduces every stored decision exactly (chunks of %i), whatever the data is now',
    async (chunkSize) => {
      const app = replayHarness(h, { replayChunkSize: chunkSize })
      const { clientId, keys, liveVersion } = await setupClient(app)
      const orders = history()
      const decisions = new Map<string, Json>()
      for (const order of orders)
        decisions.set(order.id, await evaluate(app, clientId, keys.integrator, order))
      const outcomes = new Set([...decisions.values()].map((d) => d.outcome))
      expect(outcomes).toEqual(new Set(['approve', 'review', 'hold', 'decline']))
      expect(
        [...decisions.values()].some((d) => d.reasons.some((r: Json) => r.ruleId === 'fraud.ip-velocity')),
      ).toBe(true)

      // The client's data moves on: the blocked e-mail is unblocked, stock arrives, a new IP is blocked.
      const unblocked = await app.request(
        'DELETE',
        `/v1/clients/${clientId}/lists/blocked-emails/items/chargeback.king@mailinator.com`,
        {
          key: keys.analyst,
        },
      )
      expect(unblocked.status).toBeLessThan(300)
      const restocked = acmeCatalog().map((item: Json) => ({ ...item, stock: 10_000 }))
      expect(
        (await app.request('PUT', `/v1/clients/${clientId}/catalog`, { key: keys.admin, body: restocked }))
          .status,
      ).toBe(200)
      await app.request('POST', `/v1/clients/${clientId}/lists/blocked-ips/items`, {
        key: keys.analyst,
        body: { items: ['192.0.2.99'] },
      })

      const replay = await runReplay(app, clientId, keys.analyst, { candidate: { version: liveVersion } })
      expect(replay.error).toBeNull()
      expect(replay.summary).toMatchObject({
        total: orders.length,
        changedOrders: 0,
        sources: { storedFacts: orders.length, currentData: 0 },
      })
      expect(replay.summary.transitions.every((t: Json) => t.from === t.to)).toBe(true)
      const rows = await replayOrders(app, clientId, keys.auditor, replay.replayId)
      expect(rows.size).toBe(orders.length)
      for (const [orderId, stored] of decisions) {
        const row = rows.get(orderId)
        const expected = {
          outcome: stored.outcome,
          score: stored.score,
          reasons: stored.reasons,
          errors: stored.errors,
        }
        expect({ orderId, ...row.baseline }).toEqual({ orderId, ...expected })
        expect({ orderId, ...row.candidate }).toEqual({ orderId, ...expected })
        expect(row.source).toBe('storedFacts')
      }
    },
  )

  it('uses the current data for orders that were only imported, and says so', async () => {
    const { clientId, keys, liveVersion } = await setupClient(h)
    const blockedTemplate = acmeSampleOrders().find(
      (o) => o.customer.email === 'chargeback.king@mailinator.com',
    )
    const live = variant(blockedTemplate, 'LIVE-1', '2026-11-01T10:00:00Z')
    const imported = variant(blockedTemplate, 'IMPORTED-1', '2026-11-01T11:00:00Z')
    expect((await evaluate(h, clientId, keys.integrator, live)).outcome).toBe('decline')
    await importOrders(h, clientId, keys.integrator, [{ order: imported }])
    await h.request(
      'DELETE',
      `/v1/clients/${clientId}/lists/blocked-emails/items/chargeback.king@mailinator.com`,
      {
        key: keys.analyst,
      },
    )
    const replay = await runReplay(h, clientId, keys.analyst, { candidate: { version: liveVersion } })
    expect(replay.summary.sources).toEqual({ storedFacts: 1, currentData: 1 })
    const rows = await replayOrders(h, clientId, keys.auditor, replay.replayId)
    expect(rows.get('LIVE-1').candidate.reasons.map((r: Json) => r.ruleId)).toContain('fraud.blocked-email')
    expect(rows.get('IMPORTED-1').candidate.reasons.map((r: Json) => r.ruleId)).not.toContain(
      'fraud.blocked-email',
    )
    expect(rows.get('IMPORTED-1').source).toBe('currentData')
  })
})
