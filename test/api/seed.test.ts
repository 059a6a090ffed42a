import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { seedDemo } from '../../api/src/seed/seed.js'
import { useHarness } from '../support/harness.js'

const h = useHarness()
const rulesDir = fileURLToPath(new URL('../../rules', import.meta.url))

describe('demo seed (what pnpm start loads once)', () => {
  it('publishes every rules/ client with past orders whose decisions verify and reproduce', async () => {
    expect(await seedDemo(h.db, { rulesDir, ordersPerClient: 60, days: 30 })).toBe(true)
    const clients = await h.request('GET', '/v1/clients', { key: h.adminKey })
    const ids = clients.body.data.map((c: { id: string }) => c.id).sort()
    expect(ids).toEqual(['acme-apparel', 'fresh-cellar', 'volt-electronics'])
    for (const id of ids) {
      const live = await h.request('GET', `/v1/clients/${id}/policy/live`, { key: h.adminKey })
      expect(live.status).toBe(200)
      const list = await h.request('GET', `/v1/clients/${id}/decisions?limit=5`, { key: h.adminKey })
      expect(list.body.data.length).toBe(5)
      const decisionId = list.body.data[0].decisionId
      const one = await h.request('GET', `/v1/clients/${id}/decisions/${decisionId}`, { key: h.adminKey })
      expect(one.body.traceVerified).toBe(true)
      const again = await h.request('POST', `/v1/clients/${id}/decisions/${decisionId}/reproduce`, {
        key: h.adminKey,
      })
      expect(again.body).toMatchObject({ identical: true })
    }
  })

  it('does nothing when the database already has clients', async () => {
    expect(await seedDemo(h.db, { rulesDir, ordersPerClient: 10 })).toBe(false)
  })
})
