import { describe, expect, it } from 'vitest'
import { createClient, createKey } from '../support/factories.js'
import { useHarness } from '../support/harness.js'

const h = useHarness()

describe('GET /v1/me', () => {
  it('answers the bootstrap admin as a global admin with no client list', async () => {
    const res = await h.request('GET', '/v1/me', { key: h.adminKey })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ role: 'admin', clients: null })
  })

  it('answers a scoped key with its role and exactly its clients', async () => {
    const mine = await createClient(h)
    await createClient(h) // another tenant the key must not see
    const key = await createKey(h, mine, 'analyst')
    const res = await h.request('GET', '/v1/me', { key })
    expect(res.status).toBe(200)
    expect(res.body.role).toBe('analyst')
    expect(res.body.clients).toEqual([mine])
  })

  it('answers 401 in the error envelope without a valid key', async () => {
    const res = await h.request('GET', '/v1/me', { key: 'vk_not-a-key' })
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })

  it('names the scheme it wants on every 401 (WWW-Authenticate: Bearer)', async () => {
    for (const key of ['vk_not-a-key', undefined]) {
      const res = await h.request('GET', '/v1/me', key ? { key } : {})
      expect([res.status, res.headers.get('www-authenticate')]).toEqual([401, 'Bearer'])
    }
  })
})
