import { describe, expect, it } from 'vitest'
import { describeCommonRouteTests } from '../support/common-route-tests.js'
import { createClient, createClientWithKeys } from '../support/factories.js'
import { useHarness } from '../support/harness.js'

const h = useHarness()

describe('POST /v1/clients', () => {
  it('creates a client and answers 201 with it', async () => {
    const res = await h.request('POST', '/v1/clients', {
      key: h.adminKey,
      body: { id: 'acme', name: 'Acme' },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ id: 'acme', name: 'Acme', liveVersion: null })
    expect(typeof res.headers.get('x-request-id')).toBe('string')
  })

  it('returns 409 when the id is taken', async () => {
    const id = await createClient(h)
    const res = await h.request('POST', '/v1/clients', { key: h.adminKey, body: { id, name: 'again' } })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('conflict')
  })

  it.each([
    ['an id with capitals', { id: 'Acme', name: 'x' }, 'id'],
    ['a one-character id', { id: 'a', name: 'x' }, 'id'],
    ['a missing name', { id: 'ok-id' }, 'name'],
    // The body itself is named `$`, as the order, import and policy routes name it.
    ['a body that is null', null, '$'],
    ['a body that is an array', [{ id: 'ok-id', name: 'x' }], '$'],
  ])('returns 422 naming the field for %s', async (_case, body, field) => {
    const res = await h.request('POST', '/v1/clients', { key: h.adminKey, body })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('validation_failed')
    expect(res.body.error.issues.map((issue: { path: string }) => issue.path)).toContain(field)
  })

  it('returns 400 for malformed JSON and 415 for a body that is not JSON', async () => {
    const malformed = await h.request('POST', '/v1/clients', { key: h.adminKey, body: '{"id": "x",' })
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.code).toBe('malformed_json')
    const notJson = await h.request('POST', '/v1/clients', {
      key: h.adminKey,
      body: 'id=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(notJson.status).toBe(415)
  })

  it('returns 413 for a body over 1 MiB', async () => {
    const res = await h.request('POST', '/v1/clients', {
      key: h.adminKey,
      body: { id: 'big', name: 'x'.repeat(1024 * 1024 + 10) },
    })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
  })

  it('returns 401 without a key and 403 for every role but admin', async () => {
    expect((await h.request('POST', '/v1/clients', { body: { id: 'nokey', name: 'x' } })).status).toBe(401)
    const { keys } = await createClientWithKeys(h)
    for (const role of ['integrator', 'analyst', 'publisher', 'auditor'] as const) {
      const res = await h.request('POST', '/v1/clients', {
        key: keys[role],
        body: { id: `by-${role}`, name: 'x' },
      })
      expect({ role, status: res.status, code: res.body.error.code }).toEqual({
        role,
        status: 403,
        code: 'forbidden',
      })
    }
  })

  it("lets a scoped admin key create a client (api.md: admin, everything), which joins that key's scope only", async () => {
    const mine = await createClientWithKeys(h)
    const other = await createClientWithKeys(h)
    const id = `${mine.clientId}-new`
    const res = await h.request('POST', '/v1/clients', {
      key: mine.keys.admin,
      body: { id, name: 'New shop' },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ id, name: 'New shop', liveVersion: null })
    expect((await h.request('GET', `/v1/clients/${id}`, { key: mine.keys.admin })).status).toBe(200)
    const listed = await h.request('GET', '/v1/clients', { key: mine.keys.admin })
    expect(listed.body.data.map((c: { id: string }) => c.id).sort()).toEqual([mine.clientId, id].sort())
    // Its other keys and other tenants' keys do not see it.
    expect((await h.request('GET', `/v1/clients/${id}`, { key: mine.keys.auditor })).status).toBe(404)
    expect((await h.request('GET', `/v1/clients/${id}`, { key: other.keys.admin })).status).toBe(404)
    expect((await h.request('GET', `/v1/clients/${id}`, { key: h.adminKey })).status).toBe(200)
  })
})

describe('GET /v1/clients', () => {
  it('lists only the clients a key is scoped to', async () => {
    const mine = await createClientWithKeys(h)
    await createClientWithKeys(h)
    const res = await h.request('GET', '/v1/clients', { key: mine.keys.auditor })
    expect(res.status).toBe(200)
    expect(res.body.data.map((client: { id: string }) => client.id)).toEqual([mine.clientId])
  })

  it('lists every client for the bootstrap admin', async () => {
    const a = await createClient(h)
    const b = await createClient(h)
    const res = await h.request('GET', '/v1/clients', { key: h.adminKey })
    const ids = res.body.data.map((client: { id: string }) => client.id)
    expect(ids).toEqual(expect.arrayContaining([a, b]))
  })
})

describe('GET /v1/clients/:clientId', () => {
  it('answers the client for any scoped role', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    for (const key of Object.values(keys)) {
      const res = await h.request('GET', `/v1/clients/${clientId}`, { key })
      expect(res.status).toBe(200)
      expect(res.body.id).toBe(clientId)
    }
  })

  it('answers 404 with the envelope for unknown routes', async () => {
    const res = await h.request('GET', '/v1/nothing-here', { key: h.adminKey })
    expect(res.status).toBe(404)
    expect(res.body.error).toMatchObject({ code: 'not_found' })
  })
})

describeCommonRouteTests(h, { method: 'GET', path: (id) => `/v1/clients/${id}` })
