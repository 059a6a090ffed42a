import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { generateOrders, pickShippingMethod } from '../../api/src/seed/order-generator.js'
import { createRandom } from '../../api/src/seed/random.js'
import { loadClientFiles } from '../../api/src/seed/seed.js'

const rulesDir = fileURLToPath(new URL('../../rules', import.meta.url))

function voltOrders() {
  const [client] = loadClientFiles(rulesDir).filter((c) => c.id === 'volt-electronics')
  return generateOrders({
    rng: createRandom('realism'),
    prefix: 'VE',
    policy: client!.policy,
    catalog: client!.catalog,
    count: 3000,
    now: Date.parse('2026-11-26T00:00:00Z'),
    days: 90,
  }).filter((o) => o.label !== 'fraud' && o.label !== 'chargeback')
}

type Shape = {
  shippingAddress: { country: string }
  shipping: { method: string }
  payment: { threeDSecure: string }
}
const share = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length / items.length

describe('demo seed realism', () => {
  it('ships most orders the slowest (cheapest) way offered, the faster ones now and then', () => {
    const methods = [
      { code: 'standard', transitDays: { max: 3 } },
      { code: 'express', transitDays: { max: 1 } },
      { code: 'pickup-station', transitDays: { max: 2 } },
    ]
    const rng = createRandom('methods')
    const picks = Array.from({ length: 4000 }, () => pickShippingMethod(rng, methods)!.code)
    expect(share(picks, (c) => c === 'standard')).toBeGreaterThan(0.65)
    expect(share(picks, (c) => c === 'standard')).toBeLessThan(0.75)
    expect(share(picks, (c) => c === 'express')).toBeGreaterThan(0.1)
    expect(share(picks, (c) => c === 'pickup-station')).toBeGreaterThan(0.1)
    expect(pickShippingMethod(rng, [])).toBeUndefined()
  })

  it("sends few of Volt Electronics' German regulars to a parcel locker", () => {
    const german = voltOrders()
      .map((o) => o.order as unknown as Shape)
      .filter((o) => o.shippingAddress.country === 'DE')
    expect(german.length).toBeGreaterThan(500)
    expect(share(german, (o) => o.shipping.method === 'standard')).toBeGreaterThan(0.6)
    expect(share(german, (o) => o.shipping.method === 'pickup-station')).toBeLessThan(0.2)
  })

  it('authenticates most regular card payments with 3-D Secure in euros (PSD2)', () => {
    const orders = voltOrders().map((o) => o.order as unknown as Shape)
    expect(share(orders, (o) => o.payment.threeDSecure === 'authenticated')).toBeGreaterThan(0.85)
  })
})
