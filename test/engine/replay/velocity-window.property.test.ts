import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { VelocityFact } from '../../../engine/src/facts/facts.types.js'
import type { Order } from '../../../engine/src/order/order.types.js'
import { keyOrder } from '../../../engine/src/replay/keyed-order.js'
import { VelocityWindow } from '../../../engine/src/replay/velocity-window.js'
import { replayOrder } from './order-fixture.js'

const H = 3_600_000
const BASE = Date.parse('2026-05-01T00:00:00Z')

/** Steps between consecutive orders, biased to land exactly on and next to the window edges. */
const step = fc.oneof(
  fc.constantFrom(0, 0, 1, H - 1, H, H + 1, 24 * H - 1, 24 * H, 24 * H + 1, 7 * 24 * H, 7 * 24 * H + 1),
  fc.integer({ min: 0, max: 3 * H }),
)
const email = fc.constantFrom('ann@x.io', ' ANN@x.io', 'bob@x.io', 'Bob@X.io ', 'cy@x.io')
const ip = fc.constantFrom(undefined, '10.0.0.1', '10.0.0.2')
const card = fc.constantFrom(undefined, { bin: '411111', last4: '1111' }, { bin: '411111', last4: '2222' })
const total = fc.constantFrom(0.01, 0.1, 0.2, 19.99, 1000.05, 7)

const history = fc
  .array(fc.record({ step, email, ip, card, total, offset: fc.constantFrom('Z', '+02:00') }), {
    maxLength: 60,
  })
  .map((rows) => {
    let at = BASE
    return rows.map((r, i) => {
      at += r.step
      // The same instant written with another offset must compare equal.
      const iso =
        r.offset === 'Z'
          ? new Date(at).toISOString()
          : new Date(at + 2 * H).toISOString().replace('Z', '+02:00')
      return replayOrder(`o${i}`, iso, { email: r.email, ip: r.ip, card: r.card, total: r.total })
    })
  })

/** policies.md read literally, O(n²): every earlier order in [t − w, t), this one excluded. */
function oracle(orders: Order[], i: number): { velocity: VelocityFact; isFirstOrder: boolean } {
  const me = orders[i]!
  const t = Date.parse(me.createdAt)
  const norm = (e: string) => e.trim().toLowerCase()
  const cardOf = (o: Order) => (o.payment.card ? o.payment.card.bin + o.payment.card.last4 : undefined)
  const earlier = (w: number) =>
    orders.filter((o, j) => j !== i && Date.parse(o.createdAt) < t && Date.parse(o.createdAt) >= t - w)
  const sameEmail = (o: Order) => norm(o.customer.email) === norm(me.customer.email)
  const sameIp = (o: Order) => me.customer.ip !== undefined && o.customer.ip === me.customer.ip
  const sameCard = (o: Order) => cardOf(me) !== undefined && cardOf(o) === cardOf(me)
  const cents = earlier(24 * H)
    .filter(sameEmail)
    .reduce((s, o) => s + Math.round(o.total * 100), 0)
  const cards = new Set(
    earlier(168 * H)
      .filter(sameEmail)
      .map(cardOf)
      .filter(Boolean),
  )
  const emails = new Set(
    earlier(168 * H)
      .filter(sameCard)
      .map((o) => norm(o.customer.email)),
  )
  return {
    velocity: {
      ordersByEmail1h: earlier(H).filter(sameEmail).length,
      ordersByEmail24h: earlier(24 * H).filter(sameEmail).length,
      ordersByIp1h: earlier(H).filter(sameIp).length,
      ordersByIp24h: earlier(24 * H).filter(sameIp).length,
      ordersByCard24h: earlier(24 * H).filter(sameCard).length,
      distinctCardsByEmail7d: cards.size,
      distinctEmailsByCard7d: emails.size,
      amountByEmail24h: cents / 100,
    },
    isFirstOrder: !orders.some((o) => Date.parse(o.createdAt) < t && sameEmail(o)),
  }
}

describe('VelocityWindow against the definition', () => {
  it('answers what policies.md defines for every order of random clustered histories', () => {
    fc.assert(
      fc.property(history, (orders) => {
        const w = new VelocityWindow()
        orders.forEach((order, i) => {
          expect(w.next(keyOrder(order))).toEqual(oracle(orders, i))
        })
      }),
      { numRuns: 300 },
    )
  })
})
