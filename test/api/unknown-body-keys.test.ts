import { describe, expect, it } from 'vitest'
import { createClientWithKeys, orderFactory, policyFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'

const h = useHarness()

// docs/api.md: "An unknown key is an issue at its own path". A misspelt optional field accepted
// silently does harm: `PUT …/lists/x {"items": […], "descripton": "…"}` used to answer 201 and
// replace the list's description with "".
describe('a request body with a key the endpoint does not know', () => {
  it.each([
    ['POST', '/v1/clients', 'admin', { id: 'x-typo', name: 'X', nmae: 'x' }, 'nmae'],
    ['POST', '/v1/clients/{c}/api-keys', 'admin', { name: 'k', role: 'analyst', rol: 'x' }, 'rol'],
    ['POST', '/v1/clients/{c}/policy/versions', 'analyst', { document: {}, coment: 'x' }, 'coment'],
    ['POST', '/v1/clients/{c}/policy/versions/1/publish', 'publisher', { coment: 'x' }, 'coment'],
    ['POST', '/v1/clients/{c}/simulate', 'analyst', { order: {}, verison: 1 }, 'verison'],
    ['POST', '/v1/clients/{c}/orders/A-1/cancel', 'integrator', { reson: 'x' }, 'reson'],
    ['PUT', '/v1/clients/{c}/lists/vip', 'analyst', { items: ['a'], descripton: 'x' }, 'descripton'],
    ['POST', '/v1/clients/{c}/lists/vip/items', 'analyst', { items: ['a'], note: 'x' }, 'note'],
  ] as const)(
    '%s %s answers 422 naming the key and changes nothing',
    async (method, path, role, body, key) => {
      const { clientId, keys } = await createClientWithKeys(h)
      const res = await h.request(method, path.replace('{c}', clientId), {
        key: role === 'admin' ? h.adminKey : keys[role],
        body,
      })
      expect(res.status).toBe(422)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.issues).toContainEqual({ path: key, message: 'is not a known field' })
      const lists = await h.request('GET', `/v1/clients/${clientId}/lists`, { key: keys.auditor })
      expect(lists.body.data).toEqual([])
      const versions = await h.request('GET', `/v1/clients/${clientId}/policy/versions`, {
        key: keys.auditor,
      })
      expect(versions.body.data).toEqual([])
      const client = await h.request('GET', '/v1/clients/x-typo', { key: h.adminKey })
      expect(client.status).toBe(404)
    },
  )

  it('in a query string as well: a misspelt `limit` is not ignored', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await h.request('GET', `/v1/clients/${clientId}/decisions?limt=5`, { key: keys.auditor })
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toContainEqual({ path: 'limt', message: 'is not a known field' })
  })

  it('keeps the order itself open: unknown order fields are kept, as orders.md says', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await h.request('POST', `/v1/clients/${clientId}/policy/versions`, {
      key: keys.analyst,
      body: { document: policyFactory(), comment: 'v1' },
    })
    const res = await h.request('POST', `/v1/clients/${clientId}/simulate`, {
      key: keys.analyst,
      body: { order: orderFactory({ loyaltyTier: 'gold' }), version: 1 },
    })
    expect(res.status).toBe(200)
  })
})

describe('catalog row issue paths', () => {
  const put = (clientId: string, key: string, body: unknown) =>
    h.request('PUT', `/v1/clients/${clientId}/catalog`, { key, body })
  const row = { sku: 'A', name: 'A', price: 1, currency: 'USD', stock: 1, category: null }

  it('name an unknown key, a key that is not an identifier and a nested value like every other path', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await put(clientId, keys.analyst, [
      { ...row, colour: 'red' },
      { ...row, sku: 'B', 'odd key': 1 },
      { ...row, sku: 'C', name: [['x']] },
    ])
    expect(res.status).toBe(422)
    const paths = res.body.error.issues.map((i: { path: string }) => i.path)
    expect(paths).toEqual(['[0].colour', '[1]["odd key"]', '[2].name'])
    const got = await h.request('GET', `/v1/clients/${clientId}/catalog/A`, { key: keys.analyst })
    expect(got.status).toBe(404)
  })

  it('accept an item as GET …/catalog/{sku} answers it, its updatedAt ignored', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    expect((await put(clientId, keys.analyst, [row])).status).toBe(200)
    const read = await h.request('GET', `/v1/clients/${clientId}/catalog/A`, { key: keys.analyst })
    const again = await put(clientId, keys.analyst, [
      { ...read.body, stock: 7, updatedAt: '2000-01-01T00:00:00Z' },
    ])
    expect([again.status, again.body]).toEqual([200, { inserted: 0, updated: 1 }])
    const after = await h.request('GET', `/v1/clients/${clientId}/catalog/A`, { key: keys.analyst })
    expect(after.body.stock).toBe(7)
    expect(after.body.updatedAt).not.toBe('2000-01-01T00:00:00Z')
  })

  it('name a field once, although a value may break several of its bounds', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await put(clientId, keys.analyst, [{ ...row, stock: 2 ** 53 + 2 }])
    expect(res.status).toBe(422)
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['[0].stock'])
  })

  it('join a nested path without a dot before its bracket', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await put(clientId, keys.analyst, [[['deep']]])
    expect(res.status).toBe(422)
    for (const issue of res.body.error.issues) expect(issue.path).not.toMatch(/\]\.\[/)
  })
})
