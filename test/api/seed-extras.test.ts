import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { generateOrders } from '../../api/src/seed/order-generator.js'
import { createRandom } from '../../api/src/seed/random.js'
import { customerExtras, loadClientFiles } from '../../api/src/seed/seed.js'

const rulesDir = fileURLToPath(new URL('../../rules', import.meta.url))
const sample = (customer: Record<string, unknown>) => ({ order: { customer } })

describe('customer fields a shop sends beyond orders.md (demo seed)', () => {
  it('are the non-contract customer fields every sample that has them agrees on', () => {
    const extras = customerExtras([
      sample({ email: 'a@example.com', ageVerified: true, tier: 'gold' }),
      sample({ email: 'b@example.com', ageVerified: true, tier: 'silver' }),
      sample({ email: 'c@example.com', name: 'C' }),
      { description: 'no order' },
      null,
    ])
    // email and name are contract fields; tier disagrees between samples.
    expect(extras).toEqual({ ageVerified: true })
  })

  it("are read from each client's samples: Fresh Cellar's storefront sends ageVerified", () => {
    const byId = new Map(loadClientFiles(rulesDir).map((c) => [c.id, c.customerExtras]))
    expect(byId.get('fresh-cellar')).toEqual({ ageVerified: true })
    expect(byId.get('acme-apparel')).toEqual({})
  })

  it("ride on most regular customers' orders and on few fraudsters' orders", () => {
    const [client] = loadClientFiles(rulesDir).filter((c) => c.id === 'fresh-cellar')
    const orders = generateOrders({
      rng: createRandom('extras'),
      prefix: 'FC',
      policy: client!.policy,
      catalog: client!.catalog,
      customerExtras: { ageVerified: true },
      count: 3000,
      now: Date.parse('2026-11-26T00:00:00Z'),
      days: 90,
    })
    const share = (fraud: boolean) => {
      const group = orders.filter((o) => (o.label === 'fraud' || o.label === 'chargeback') === fraud)
      const carrying = group.filter((o) => (o.order.customer as Record<string, unknown>).ageVerified === true)
      return carrying.length / group.length
    }
    expect(share(false)).toBeGreaterThan(0.85)
    expect(share(true)).toBeLessThan(0.6)
  })
})
