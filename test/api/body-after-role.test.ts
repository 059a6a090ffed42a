import { describe, expect, it } from 'vitest'
import { createClientWithKeys, orderFactory, policyFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { useHttpServer } from '../support/http-server.js'
import { publishPolicy } from '../support/policies.js'

// api.md: "On its own client, a key whose role lacks the permission … answers 403 `forbidden`",
// whatever body it sent. The body's own problems (400, 413, 415, 422) are answered to the roles
// that may make the call, and an oversized or unchecked body is never read for the others.
const h = useHarness()
const big = JSON.stringify({ document: policyFactory(), comment: 'x'.repeat(1024 * 1024 + 10) })
const pan = JSON.stringify({ ...orderFactory(), note: 4111111111111111 })

async function client() {
  const c = await createClientWithKeys(h)
  await publishPolicy(h, c.clientId)
  return { ...c, base: `/v1/clients/${c.clientId}` }
}

describe('a role without the permission is 403 whatever its body', () => {
  const cases: [
    what: string,
    path: (base: string) => string,
    body: string,
    type: string,
    denied: string,
    allowed: string,
    status: number,
    code: string,
  ][] = [
    [
      'malformed JSON to publish',
      (b) => `${b}/policy/versions/1/publish`,
      '{',
      'application/json',
      'auditor',
      'publisher',
      400,
      'malformed_json',
    ],
    [
      'text to publish',
      (b) => `${b}/policy/versions/1/publish`,
      'hi',
      'text/plain',
      'auditor',
      'publisher',
      415,
      'unsupported_media_type',
    ],
    [
      'over 1 MiB to save a version',
      (b) => `${b}/policy/versions`,
      big,
      'application/json',
      'integrator',
      'analyst',
      413,
      'payload_too_large',
    ],
    [
      'a card number to evaluate',
      (b) => `${b}/orders/evaluate`,
      pan,
      'application/json',
      'auditor',
      'integrator',
      422,
      'pan_detected',
    ],
    [
      'malformed JSON to create a key',
      (b) => `${b}/api-keys`,
      '{',
      'application/json',
      'analyst',
      'admin',
      400,
      'malformed_json',
    ],
    [
      'malformed JSON to create a client',
      () => '/v1/clients',
      '{',
      'application/json',
      'integrator',
      'admin',
      400,
      'malformed_json',
    ],
  ]

  it.each(cases)(
    '%s: 403 for a role without the permission, the body error for the one with it',
    async (_what, path, body, type, denied, allowed, status, code) => {
      const c = await client()
      const keys = c.keys as Record<string, string>
      const send = (key: string) =>
        h.request('POST', path(c.base), { key, body, headers: { 'content-type': type } })
      const refused = await send(keys[denied]!)
      expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden'])
      const answered = await send(keys[allowed]!)
      expect([answered.status, answered.body.error.code]).toEqual([status, code])
      const stored = await h.db
        .selectFrom('orders')
        .where('client_id', '=', c.clientId)
        .select('order_id')
        .execute()
      expect(stored).toEqual([])
    },
  )
})

describe('over real HTTP, an empty body with a JSON Content-Type is no body', () => {
  const server = useHttpServer(h)

  const post = (path: string, key: string) =>
    fetch(`http://127.0.0.1:${server.port}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': '0' },
    })

  it('publishes, whose body is optional, and refuses evaluate, whose body is the order', async () => {
    const c = await client()
    const saved = await h.request('POST', `${c.base}/policy/versions`, {
      key: c.keys.analyst,
      body: { document: policyFactory(), comment: 'v2' },
    })
    expect(saved.status).toBe(201)
    const published = await post(`${c.base}/policy/versions/${saved.body.version}/publish`, c.keys.publisher)
    expect(published.status).toBe(200)
    expect(await published.json()).toMatchObject({ version: saved.body.version, status: 'live' })
    const evaluated = await post(`${c.base}/orders/evaluate`, c.keys.integrator)
    expect(evaluated.status).toBe(400)
    expect((await evaluated.json()).error.code).toBe('malformed_json')
  })
})
