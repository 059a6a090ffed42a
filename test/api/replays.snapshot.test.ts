import { describe, expect, it } from 'vitest'
import { runChunk } from '../../api/src/replays/chunk-runner.js'
import { useHarness } from '../support/harness.js'
import {
  acmePolicy,
  acmeSampleOrders,
  importOrders,
  replayHarness,
  replayOrders,
  runReplay,
  saveVersion,
  setupClient,
  variant,
} from './replays-support.js'

/**
 * A replay covers the orders stored when it was created. Orders imported (or evaluated) while it
 * waits or runs — even with a createdAt inside its range — are neither replayed nor counted in the
 * velocity of the orders it replays, so its total, its progress and its summary agree.
 */
const h = useHarness()

type Json = any

describe('replay snapshot', () => {
  it('ignores orders stored after the replay was created, in its orders and in velocity', async () => {
    const c = await setupClient(h)
    const base = `/v1/clients/${c.clientId}/replays`
    const template = acmeSampleOrders()[0]
    const email = 'snapshot@example.com'
    const at = (minutes: number) => new Date(Date.UTC(2026, 9, 1, 10, minutes)).toISOString()
    const order = (id: string, minutes: number) =>
      variant(template, id, at(minutes), { customer: { ...template.customer, email } })
    await importOrders(h, c.clientId, c.keys.integrator, [
      { order: order('s-a', 0) },
      { order: order('s-c', 20) },
    ])

    // The candidate reviews an order with an earlier order of its e-mail in the last hour.
    const candidate = acmePolicy()
    candidate.rules.push({
      id: 'snapshot.velocity',
      category: 'fraud',
      conditions: {
        all: [{ fact: 'velocity', path: '$.ordersByEmail1h', operator: 'greaterThanInclusive', value: 2 }],
      },
      event: { type: 'decline', params: { message: 'two earlier orders in an hour' } },
    })
    const version = await saveVersion(h, c.clientId, c.keys.analyst, candidate)

    const parked = replayHarness(h, { replayScheduler: { runner: 'queue', enqueue: async () => {} } })
    const started = await parked.request('POST', base, {
      key: c.keys.analyst,
      body: { candidate: { version } },
    })
    expect(started.status).toBe(202)
    const replayId = started.body.replayId as string

    // Stored after the replay was created, between its two orders, with the same e-mail.
    await importOrders(h, c.clientId, c.keys.integrator, [{ order: order('s-b', 10) }])
    expect(await runChunk(h.db, { clientId: c.clientId, replayId, chunkNo: 0 }, { worker: 'test' })).toBe(
      'done',
    )

    const replay: Json = (await h.request('GET', `${base}/${replayId}`, { key: c.keys.auditor })).body
    expect(replay).toMatchObject({ status: 'done', total: 2, processed: 2 })
    expect(replay.summary.total).toBe(2)
    const orders = await replayOrders(h, c.clientId, c.keys.auditor, replayId)
    expect([...orders.keys()].sort()).toEqual(['s-a', 's-c'])
    // s-c had one earlier order (s-a) when the replay was created: not declined.
    expect(orders.get('s-c').candidate.outcome).not.toBe('decline')
    expect((await h.request('GET', `${base}/${replayId}/orders/s-b`, { key: c.keys.auditor })).status).toBe(
      404,
    )

    // A replay created now covers all three, and s-c has two earlier orders in its hour.
    const later = await runReplay(h, c.clientId, c.keys.analyst, { candidate: { version } })
    expect(later).toMatchObject({ status: 'done', total: 3 })
    const now = await replayOrders(h, c.clientId, c.keys.auditor, later.replayId)
    expect(now.get('s-c').candidate.outcome).toBe('decline')
  })
})
