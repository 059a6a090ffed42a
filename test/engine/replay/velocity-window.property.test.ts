import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMemoryProvider } from '../../../engine/src/facts/memory-provider.js'
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
const email = fc.constantFrom('ann@x.io', ' ANN@x.io', 'bob@x.io', 'Bob@X.io ', 'cy@x.io', '  ')
const ip = fc.constantFrom(undefined, '10.0.0.1', '10.0.0.2', 'fe80::A', 'FE80::a ')
const card = fc.constantFrom(undefined, { bin: '411111', last4: '1111' }, { bin: '411111', last4: '2222' })
// Totals valid in every currency used (JPY has no decimals), so amounts mix currencies per e-mail.
const money = fc.oneof(
  fc.record({ currency: fc.constant('USD'), total: fc.constantFrom(0.01, 0.1, 0.2, 19.99, 1000.05, 7) }),
  fc.record({ currency: fc.constant('KWD'), total: fc.constantFrom(0.001, 1.005, 3) }),
  fc.record({ currency: fc.constant('JPY'), total: fc.constantFrom(1, 1200) }),
)

const history = fc
  .array(fc.record({ step, email, ip, card, money, offset: fc.constantFrom('Z', '+02:00') }), {
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
      const order = replayOrder(`o${i}`, iso, {
        email: r.email,
        ip: r.ip,
        card: r.card,
        total: r.money.total,
      })
      return { ...order, currency: r.money.currency }
    })
  })

const needs = { velocity: true, isFirstOrder: true, catalog: false, managedLists: [] }

describe('VelocityWindow against createMemoryProvider (the exact, slow definition)', () => {
  it('answers the same velocity and isFirstOrder for every order of random clustered histories', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (orders) => {
        const provider = createMemoryProvider({ orders })
        const w = new VelocityWindow()
        for (const order of orders) {
          const expected = await provider.load({ order, needs })
          expect(w.next(keyOrder(order))).toEqual({
            velocity: expected.velocity,
            isFirstOrder: expected.isFirstOrder,
          })
        }
      }),
      { numRuns: 300 },
    )
  })
})
