import { describe, expect, it } from 'vitest'
import type { Order } from '../../api/src/engine.js'
import { queryClientData } from '../../api/src/evaluations/postgres-provider.js'
import { createClientWithKeys, orderFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

// Concurrent evaluations share one data statement (GroupBatcher); a batch must answer each order
// exactly what the one-order statement answers.
const h = useHarness()

describe('data facts read in batches', () => {
  it('answers every order of a concurrent batch as the one-order statement does', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    const base = Date.parse('2026-03-02T10:00:00Z')
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString()
    const customer = (i: number) => ({
      ...(orderFactory().customer as object),
      email: `Shopper${i % 3}@Example.com`,
    })
    // A history: three shoppers, orders spread over two days.
    for (let i = 0; i < 12; i++) {
      const res = await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
        key: keys.integrator,
        body: orderFactory({ id: `hist-${i}`, createdAt: at(i * 240), customer: customer(i) }),
      })
      expect(res.status).toBe(200)
    }
    const probes = Array.from({ length: 10 }, (_, i) =>
      orderFactory({
        id: i === 0 ? 'hist-3' : `probe-${i}`,
        createdAt: at(i * 300 + 30),
        customer: customer(i),
      }),
    ) as unknown as Order[]
    const alone = []
    for (const order of probes) alone.push(await queryClientData(h.db, clientId, order, null))
    const together = await Promise.all(probes.map((order) => queryClientData(h.db, clientId, order, null)))
    expect(together).toEqual(alone)
    // The probes see the history: velocity counts, a first order and the stored state of hist-3.
    expect(alone.some((row) => row.by_email.ordersByEmail24h > 0)).toBe(true)
    expect(alone.some((row) => row.is_first_order)).toBe(false)
    expect(alone[0]?.existing?.revision).toBe(1)
    expect(alone[1]?.existing).toBeNull()
    expect(alone.every((row) => row.live_version === 1 && row.key_valid)).toBe(true)
  })
})
