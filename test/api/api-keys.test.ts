import { describe, expect, it } from 'vitest'
import { describeCommonRouteTests } from '../support/common-route-tests.js'
import { createClientWithKeys } from '../support/factories.js'
import { useHarness } from '../support/harness.js'

const h = useHarness()

describe('POST /v1/clients/:clientId/api-keys', () => {
  it('creates a key that is shown once, stored only as a hash, and works', async () => {
    const { clientId } = await createClientWithKeys(h)
    const res = await h.request('POST', `/v1/clients/${clientId}/api-keys`, {
      key: h.adminKey,
      body: { name: 'ci', role: 'auditor' },
    })
    expect(res.status).toBe(201)
    expect(res.body.key).toMatch(/^vk_/)
    const stored = await h.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', res.body.id)
      .executeTakeFirst()
    expect(stored?.key_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(stored)).not.toContain(res.body.key)
    const me = await h.request('GET', `/v1/clients/${clientId}`, { key: res.body.key })
    expect(me.status).toBe(200)
    // The answer's createdAt is the stored one (the database's clock), as the listing shows it.
    const listed = await h.request('GET', `/v1/clients/${clientId}/api-keys`, { key: h.adminKey })
    const mine = listed.body.data.find((k: { id: string }) => k.id === res.body.id)
    expect(mine.createdAt).toBe(res.body.createdAt)
    expect(new Date(stored!.created_at).toISOString()).toBe(res.body.createdAt)
  })

  it('returns 422 naming the role for an unknown role', async () => {
    const { clientId } = await createClientWithKeys(h)
    const res = await h.request('POST', `/v1/clients/${clientId}/api-keys`, {
      key: h.adminKey,
      body: { name: 'x', role: 'root' },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.issues[0].path).toBe('role')
  })

  it('lets a revoked key in no more', async () => {
    const { clientId } = await createClientWithKeys(h)
    const created = await h.request('POST', `/v1/clients/${clientId}/api-keys`, {
      key: h.adminKey,
      body: { name: 'tmp', role: 'auditor' },
    })
    const revoked = await h.request('DELETE', `/v1/clients/${clientId}/api-keys/${created.body.id}`, {
      key: h.adminKey,
    })
    expect(revoked.status).toBe(204)
    const after = await h.request('GET', `/v1/clients/${clientId}`, { key: created.body.key })
    expect(after.status).toBe(401)
  })
})

describeCommonRouteTests(h, {
  method: 'POST',
  path: (id) => `/v1/clients/${id}/api-keys`,
  body: { name: 'x', role: 'auditor' },
  forbiddenRole: 'analyst',
})
