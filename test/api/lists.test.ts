import { describe, expect, it } from 'vitest'
import { describeCommonRouteTests } from '../support/common-route-tests.js'
import { createClientWithKeys } from '../support/factories.js'
import { useHarness } from '../support/harness.js'

const h = useHarness()
const base = (clientId: string) => `/v1/clients/${clientId}/lists`

describe('PUT /v1/clients/{clientId}/lists/{name}', () => {
  it('creates a list with normalised, de-duplicated values (201), then replaces it (200)', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const created = await h.request('PUT', `${base(clientId)}/blocked-emails`, {
      key: keys.analyst,
      body: { description: 'fraudsters', items: ['  Bad@Example.COM ', 'bad@example.com', 'evil@x.io'] },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: 'blocked-emails', description: 'fraudsters', itemCount: 2 })

    const one = await h.request('GET', `${base(clientId)}/blocked-emails`, { key: keys.auditor })
    expect(one.body.items).toEqual(['bad@example.com', 'evil@x.io'])

    const replaced = await h.request('PUT', `${base(clientId)}/blocked-emails`, {
      key: keys.analyst,
      body: { items: ['NEW@x.io'] },
    })
    expect(replaced.status).toBe(200)
    expect(replaced.body.itemCount).toBe(1)
    expect(replaced.body.revision).toBeGreaterThan(created.body.revision)
    const after = await h.request('GET', `${base(clientId)}/blocked-emails`, { key: keys.analyst })
    expect(after.body.items).toEqual(['new@x.io'])
  })

  it.each([['Upper'], ['-leading'], ['a'.repeat(65)], ['with space']])(
    'refuses the name %j with 422',
    async (name) => {
      const { clientId, keys } = await createClientWithKeys(h)
      const res = await h.request('PUT', `${base(clientId)}/${encodeURIComponent(name)}`, {
        key: keys.analyst,
        body: { items: [] },
      })
      expect(res.status).toBe(422)
      expect(res.body.error.issues[0].path).toBe('name')
    },
  )

  it('answers 422 naming the field for blank values and 400 for malformed JSON', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const blank = await h.request('PUT', `${base(clientId)}/l1`, {
      key: keys.analyst,
      body: { items: ['ok', '  '] },
    })
    expect(blank.status).toBe(422)
    expect(blank.body.error.issues[0].path).toBe('items[1]')
    const malformed = await h.request('PUT', `${base(clientId)}/l1`, {
      key: keys.analyst,
      body: '{"items": [',
    })
    expect(malformed.status).toBe(400)
  })
})

describe('GET /v1/clients/{clientId}/lists', () => {
  it('lists the client’s lists with item counts, sorted by name, and no other client’s', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const other = await createClientWithKeys(h)
    await h.request('PUT', `${base(other.clientId)}/zz`, { key: other.keys.analyst, body: { items: ['a'] } })
    await h.request('PUT', `${base(clientId)}/vip.customers`, {
      key: keys.analyst,
      body: { items: ['a', 'b'] },
    })
    await h.request('PUT', `${base(clientId)}/blocked_ips`, {
      key: keys.analyst,
      body: { items: ['10.0.0.1'] },
    })
    const res = await h.request('GET', base(clientId), { key: keys.integrator })
    expect(res.status).toBe(200)
    expect(res.body.data.map((l: { name: string; itemCount: number }) => [l.name, l.itemCount])).toEqual([
      ['blocked_ips', 1],
      ['vip.customers', 2],
    ])
  })

  it('answers 404 for a list that does not exist', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    expect((await h.request('GET', `${base(clientId)}/nope`, { key: keys.analyst })).status).toBe(404)
  })
})

describe('POST /v1/clients/{clientId}/lists/{name}/items', () => {
  it('adds normalised values, skipping those already present', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await h.request('PUT', `${base(clientId)}/bins`, { key: keys.analyst, body: { items: ['411111'] } })
    const res = await h.request('POST', `${base(clientId)}/bins/items`, {
      key: keys.analyst,
      body: { items: ['411111', ' 550000 ', '550000'] },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ added: 1, itemCount: 2 })
  })

  it('answers 404 for an unknown list and 422 for an empty items array', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const missing = await h.request('POST', `${base(clientId)}/nope/items`, {
      key: keys.analyst,
      body: { items: ['a'] },
    })
    expect(missing.status).toBe(404)
    await h.request('PUT', `${base(clientId)}/l`, { key: keys.analyst, body: { items: [] } })
    const empty = await h.request('POST', `${base(clientId)}/l/items`, {
      key: keys.analyst,
      body: { items: [] },
    })
    expect(empty.status).toBe(422)
  })
})

describe('DELETE /v1/clients/{clientId}/lists/{name}/items/{value}', () => {
  it('removes a value given in any case and spacing (204), then 404 once it is gone', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await h.request('PUT', `${base(clientId)}/emails`, {
      key: keys.analyst,
      body: { items: ['a@b.co', 'c@d.co'] },
    })
    const path = `${base(clientId)}/emails/items/${encodeURIComponent(' A@B.co')}`
    const res = await h.request('DELETE', path, { key: keys.analyst })
    expect(res.status).toBe(204)
    const one = await h.request('GET', `${base(clientId)}/emails`, { key: keys.analyst })
    expect(one.body.items).toEqual(['c@d.co'])
    expect((await h.request('DELETE', path, { key: keys.analyst })).status).toBe(404)
    expect((await h.request('DELETE', `${base(clientId)}/nope/items/x`, { key: keys.analyst })).status).toBe(
      404,
    )
  })
})

describeCommonRouteTests(h, { method: 'GET', path: (id) => base(id) })
describeCommonRouteTests(h, {
  method: 'PUT',
  path: (id) => `${base(id)}/l1`,
  body: { items: ['x'] },
  forbiddenRole: 'integrator',
})
describeCommonRouteTests(h, {
  method: 'POST',
  path: (id) => `${base(id)}/l1/items`,
  body: { items: ['x'] },
  forbiddenRole: 'publisher',
})
describeCommonRouteTests(h, {
  method: 'DELETE',
  path: (id) => `${base(id)}/l1/items/x`,
  forbiddenRole: 'auditor',
})
