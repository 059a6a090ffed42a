import { describe, expect, it } from 'vitest'
import { createClientWithKeys } from '../support/factories.js'
import type { Harness } from '../support/harness.js'
import { useHarness } from '../support/harness.js'
import { importOrders, replayHarness, replayOrders, runReplay, saveVersion } from './replays-support.js'

const h = useHarness()

type Json = any

const CARD = {
  X: { bin: '411111', last4: '1111' },
  Y: { bin: '555555', last4: '4444' },
  Z: { bin: '400000', last4: '0002' },
}

function order(
  id: string,
  createdAt: string,
  email: string,
  ip: string | null,
  card: keyof typeof CARD,
  total: number,
): Json {
  return {
    id,
    createdAt,
    currency: 'USD',
    customer: { name: 'Ann Lee', email, ...(ip ? { ip } : {}) },
    shippingAddress: {
      name: 'Ann Lee',
      line1: '1 Main St',
      city: 'New York',
      region: 'NY',
      postalCode: '10001',
      country: 'US',
    },
    items: [{ sku: 'SKU-1', quantity: 1, unitPrice: total }],
    shipping: { method: 'standard', price: 0 },
    total,
    payment: {
      method: 'card',
      status: 'authorized',
      authorizedAmount: total,
      card: { ...CARD[card], country: 'US' },
    },
  }
}

// A history built around the window edges (policies.md: [t − w, t), same instant not earlier).
const HISTORY: [Json, string | null][] = [
  [order('o1', '2026-03-01T10:00:00.000Z', 'ann@x.io', '10.0.0.1', 'X', 10), 'fraud'],
  [order('o2', '2026-03-01T10:30:00.000Z', 'Ann@X.io ', '10.0.0.1', 'X', 20), 'legit'],
  [order('o3', '2026-03-01T11:00:00.000Z', 'ann@x.io', '10.0.0.1', 'Y', 30), null],
  [order('o4', '2026-03-01T12:00:00.000+01:00', 'ann@x.io', '10.0.0.2', 'Y', 40), null], // = o3's instant
  [order('o5', '2026-03-01T11:30:00.001Z', 'ann@x.io', '10.0.0.1', 'X', 50), 'chargeback'],
  [order('o6', '2026-03-02T10:30:00.000Z', 'ann@x.io', null, 'X', 60), null],
  [order('o7', '2026-03-08T10:00:00.000Z', 'bob@x.io', '10.0.0.1', 'X', 70), null],
  [order('o7b', '2026-03-08T10:00:00.001Z', 'dan@x.io', '10.0.0.9', 'X', 5), null],
  [order('o8', '2026-03-20T00:00:00.000Z', 'ann@x.io', '10.0.0.3', 'Z', 5), 'legit'],
  [order('o9', '2026-03-20T00:00:00.000Z', 'cy@x.io', '10.0.0.3', 'Z', 5), null],
]

const review = (id: string, fact: string, path: string, operator: string, value: unknown) => ({
  id,
  category: 'fraud',
  conditions: { all: [{ fact, path, operator, value }] },
  event: { type: 'review', params: { message: id } },
})

const policy = (rules: Json[]) => ({
  schemaVersion: 1,
  settings: { thresholds: { review: 40, decline: 80 } },
  rules,
})

const CANDIDATE = policy([
  review('e1h2', 'velocity', '$.ordersByEmail1h', 'greaterThanInclusive', 2),
  review('ip1h2', 'velocity', '$.ordersByIp1h', 'greaterThanInclusive', 2),
  review('card24h3', 'velocity', '$.ordersByCard24h', 'greaterThanInclusive', 3),
  review('cards7d2', 'velocity', '$.distinctCardsByEmail7d', 'greaterThanInclusive', 2),
  review('emails7d2', 'velocity', '$.distinctEmailsByCard7d', 'greaterThanInclusive', 2),
  review('amt', 'velocity', '$.amountByEmail24h', 'greaterThanInclusive', 100),
  review('first', 'customer', '$.isFirstOrder', 'equal', true),
  review('phone', 'order', '$.customer.phone', 'equal', '+1 212 555 0100'),
])

// Worked out by hand from the definitions (see the comments in HISTORY).
const EXPECTED: Record<string, string[]> = {
  o1: ['first'],
  o2: [], // o1 at 10:00 is in every window, but 1 < 2
  o3: ['e1h2', 'ip1h2'], // o1 (exactly 1 h earlier) and o2
  o4: ['e1h2'], // o1, o2 — o3 is the same instant; ip 10.0.0.2 is new
  o5: ['e1h2', 'cards7d2', 'amt'], // 1 h: o3, o4 (o2 is 1 h + 1 ms old); cards X, Y; 10+20+30+40
  o6: ['cards7d2', 'amt'], // 24 h from o2 (exactly 24 h) to o5: 20+30+40+50 = 140; no IP
  o7: ['first'], // bob; card X seen only with ann
  o7b: ['emails7d2', 'first'], // card X with ann (o1 left 1 ms ago, o2/o5/o6 remain) and bob
  o8: [], // ann again after 18 days: not first (beyond any warm-up), no velocity
  o9: ['first'], // cy, same instant as o8
}

async function setup(target: Harness) {
  const { clientId, keys } = await createClientWithKeys(target)
  const live = await saveVersion(target, clientId, keys.analyst, policy([]))
  const pub = await target.request('POST', `/v1/clients/${clientId}/policy/versions/${live}/publish`, {
    key: keys.publisher,
    body: { comment: 'empty' },
  })
  expect(pub.status).toBe(200)
  await importOrders(
    target,
    clientId,
    keys.integrator,
    HISTORY.map(([o, label]) => (label ? { order: o, label } : { order: o })),
  )
  return { clientId, keys }
}

describe('replay over a hand-computed history', () => {
  it.each([1, 2, 3, 100])(
    'fires exactly the hand-computed rules with chunks of %i orders',
    async (chunkSize) => {
      const app = replayHarness(h, { replayChunkSize: chunkSize })
      const { clientId, keys } = await setup(app)
      const replay = await runReplay(app, clientId, keys.analyst, { candidate: { document: CANDIDATE } })
      expect(replay.status).toBe('done')
      expect(replay.chunks).toBe(Math.ceil(HISTORY.length / chunkSize))
      expect(replay.processed).toBe(10)
      const rows = await replayOrders(app, clientId, keys.auditor, replay.replayId)
      const fired = Object.fromEntries(
        [...rows].map(([id, row]) => [id, row.candidate.reasons.map((r: Json) => r.ruleId)]),
      )
      expect(fired).toEqual(EXPECTED)
      for (const row of rows.values()) {
        expect(row.baseline).toMatchObject({ outcome: 'approve', score: 0, reasons: [] })
        expect(row.candidate.outcome).toBe(EXPECTED[row.orderId]!.length > 0 ? 'review' : 'approve')
        expect(row.source).toBe('currentData')
      }

      const s = replay.summary
      expect(s.total).toBe(10)
      expect(s.baseline.outcomes).toEqual({ approve: 10, review: 0, hold: 0, decline: 0 })
      expect(s.candidate.outcomes).toEqual({ approve: 2, review: 8, hold: 0, decline: 0 })
      expect(s.transitions).toEqual([
        { from: 'approve', to: 'approve', count: 2 },
        { from: 'approve', to: 'review', count: 8 },
      ])
      expect(s.changedOrders).toBe(8)
      const hits = Object.fromEntries(s.rules.map((r: Json) => [r.ruleId, [r.baselineHits, r.candidateHits]]))
      expect(hits).toEqual({
        e1h2: [0, 3],
        ip1h2: [0, 1],
        card24h3: [0, 0],
        cards7d2: [0, 2],
        emails7d2: [0, 1],
        amt: [0, 2],
        first: [0, 4],
        phone: [0, 0],
      })
      // Labelled: o1 fraud (review), o2 legit (approve), o5 chargeback (review), o8 legit (approve).
      expect(s.labels).toEqual({
        labeled: 4,
        baseline: { precision: null, recall: 0, falsePositiveRate: 0 },
        candidate: { precision: 1, recall: 1, falsePositiveRate: 0 },
      })
      expect(s.missingFacts).toEqual([{ fact: 'order', path: '$.customer.phone', orders: 10 }])
      expect(s.sources).toEqual({ storedFacts: 0, currentData: 10 })
      expect(s.scores.baseline).toEqual([{ from: 0, to: 10, count: 10 }])
    },
  )

  it('replays only the most recent N orders, with velocity still over the whole history', async () => {
    const app = replayHarness(h, { replayChunkSize: 1 })
    const { clientId, keys } = await setup(app)
    const replay = await runReplay(app, clientId, keys.analyst, {
      candidate: { document: CANDIDATE },
      limit: 3,
    })
    const rows = await replayOrders(app, clientId, keys.analyst, replay.replayId)
    expect([...rows.keys()].sort()).toEqual(['o7b', 'o8', 'o9'])
    expect(rows.get('o7b').candidate.reasons.map((r: Json) => r.ruleId)).toEqual(EXPECTED.o7b)
  })

  it('replays the orders created in [from, to)', async () => {
    const { clientId, keys } = await setup(h)
    const replay = await runReplay(h, clientId, keys.analyst, {
      candidate: { document: CANDIDATE },
      from: '2026-03-01T11:00:00Z',
      to: '2026-03-02T10:30:00Z',
    })
    const rows = await replayOrders(h, clientId, keys.analyst, replay.replayId)
    expect([...rows.keys()].sort()).toEqual(['o3', 'o4', 'o5'])
    expect(rows.get('o5').candidate.reasons.map((r: Json) => r.ruleId)).toEqual(EXPECTED.o5)
  })

  it('lists only the changed orders with ?changed=true', async () => {
    const { clientId, keys } = await setup(h)
    const replay = await runReplay(h, clientId, keys.analyst, { candidate: { document: CANDIDATE } })
    const changed = await replayOrders(h, clientId, keys.auditor, replay.replayId, true)
    expect([...changed.keys()].sort()).toEqual(
      Object.entries(EXPECTED)
        .filter(([, rules]) => rules.length > 0)
        .map(([id]) => id)
        .sort(),
    )
  })
})

describe('GET …/replays/sample and …/replays/:replayId/orders/:orderId', () => {
  it('serves the most recent orders with the velocity of their time', async () => {
    const { clientId, keys } = await setup(h)
    const res = await h.request('GET', `/v1/clients/${clientId}/replays/sample?limit=3`, {
      key: keys.auditor,
    })
    expect(res.status).toBe(200)
    expect(res.body.orders.map((o: Json) => o.order.id)).toEqual(['o7b', 'o8', 'o9'])
    const o7b = res.body.orders[0]
    expect(o7b.velocity.distinctEmailsByCard7d).toBe(2)
    expect(o7b.isFirstOrder).toBe(true)
    expect(res.body.orders[1].isFirstOrder).toBe(false) // ann, 18 days after her last order
    expect(o7b.source).toBe('currentData')
    expect(o7b.catalog).toBeUndefined()
    expect(res.body.catalog).toBeNull()
  })

  it('re-evaluates one replayed order with both traces', async () => {
    const { clientId, keys } = await setup(h)
    const replay = await runReplay(h, clientId, keys.analyst, { candidate: { document: CANDIDATE } })
    const res = await h.request('GET', `/v1/clients/${clientId}/replays/${replay.replayId}/orders/o5`, {
      key: keys.auditor,
    })
    expect(res.status).toBe(200)
    expect(res.body.candidate.reasons.map((r: Json) => r.ruleId)).toEqual(EXPECTED.o5)
    expect(res.body.baseline.outcome).toBe('approve')
    expect(res.body.velocity.amountByEmail24h).toBe(100)
    expect(res.body.candidate.trace.map((t: Json) => t.ruleId)).toEqual(
      CANDIDATE.rules.map((r: Json) => r.id),
    )
    const missing = await h.request('GET', `/v1/clients/${clientId}/replays/${replay.replayId}/orders/nope`, {
      key: keys.auditor,
    })
    expect(missing.status).toBe(404)
  })
})
