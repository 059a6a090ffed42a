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

  it('scopes one key to several clients with clientIds (api.md: "one or more clients")', async () => {
    const [a, b, other] = await Promise.all([1, 2, 3].map(() => createClientWithKeys(h)))
    const res = await h.request('POST', `/v1/clients/${a!.clientId}/api-keys`, {
      key: h.adminKey,
      body: { name: 'bpo analyst', role: 'analyst', clientIds: [b!.clientId, a!.clientId, b!.clientId] },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ clientId: a!.clientId, clientIds: [a!.clientId, b!.clientId] })
    for (const c of [a!, b!]) {
      expect((await h.request('GET', `/v1/clients/${c.clientId}`, { key: res.body.key })).status).toBe(200)
    }
    expect((await h.request('GET', `/v1/clients/${other!.clientId}`, { key: res.body.key })).status).toBe(404)
    const listed = await h.request('GET', '/v1/clients', { key: res.body.key })
    expect(listed.body.data.map((c: { id: string }) => c.id).sort()).toEqual(
      [a!.clientId, b!.clientId].sort(),
    )
  })

  it("refuses clientIds outside the caller's scope, unknown or not, in the same words, and creates nothing", async () => {
    const a = await createClientWithKeys(h)
    const other = await createClientWithKeys(h)
    const keysBefore = await h.db.selectFrom('api_keys').select('id').execute()
    for (const clientIds of [[other.clientId], ['no-such-client']]) {
      const res = await h.request('POST', `/v1/clients/${a.clientId}/api-keys`, {
        key: a.keys.admin,
        body: { name: 'x', role: 'auditor', clientIds },
      })
      expect(res.status).toBe(422)
      expect(res.body.error.issues).toEqual([{ path: 'clientIds[0]', message: 'is not a client of yours' }])
    }
    const bad = await h.request('POST', `/v1/clients/${a.clientId}/api-keys`, {
      key: h.adminKey,
      body: { name: 'x', role: 'auditor', clientIds: ['Not An Id'] },
    })
    expect([bad.status, bad.body.error.issues[0].path]).toEqual([422, 'clientIds[0]'])
    expect(await h.db.selectFrom('api_keys').select('id').execute()).toHaveLength(keysBefore.length)
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
