import { describe, expect, it } from 'vitest'
import { createClientWithKeys, createKey } from '../support/factories.js'
import { useHarness } from '../support/harness.js'

const h = useHarness()

/** A list to POST items to: re-executing the POST would answer `added: 0`, a replay `added: 1`. */
async function setup() {
  const { clientId, keys } = await createClientWithKeys(h)
  await h.request('PUT', `/v1/clients/${clientId}/lists/emails`, { key: keys.analyst, body: { items: [] } })
  const add = (key: string, idempotencyKey: string | undefined, items: string[], name = 'emails') =>
    h.request('POST', `/v1/clients/${clientId}/lists/${name}/items`, {
      key,
      body: { items },
      headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
    })
  return { clientId, keys, add }
}

describe('Idempotency-Key on POST', () => {
  it('replays the stored answer for a retry with the same key and body', async () => {
    const { keys, add } = await setup()
    const first = await add(keys.analyst, 'k-1', ['a@x.io'])
    expect(first.status).toBe(200)
    expect(first.body.added).toBe(1)
    const retry = await add(keys.analyst, 'k-1', ['a@x.io'])
    expect(retry.status).toBe(200)
    expect(retry.body).toEqual(first.body)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    // Without a key the same request executes again.
    expect((await add(keys.analyst, undefined, ['a@x.io'])).body.added).toBe(0)
  })

  it('refuses the same key with a different body', async () => {
    const { keys, add } = await setup()
    await add(keys.analyst, 'k-2', ['a@x.io'])
    const res = await add(keys.analyst, 'k-2', ['b@x.io'])
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('idempotency_key_reused')
  })

  it('executes concurrent duplicates once', async () => {
    const { clientId, keys, add } = await setup()
    const answers = await Promise.all(Array.from({ length: 6 }, () => add(keys.analyst, 'k-3', ['c@x.io'])))
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200))
    expect(answers.map((a) => a.body.added)).toEqual(Array(6).fill(1))
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(5)
    const rows = await h.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('client_id', '=', clientId)
      .execute()
    expect(rows.map((r) => [r.key, r.status, r.response_status])).toEqual([['k-3', 'done', 200]])
  })

  it('forgets a failed request so that a retry with the same key executes', async () => {
    const { clientId, keys, add } = await setup()
    const failed = await add(keys.analyst, 'k-4', ['a@x.io'], 'later')
    expect(failed.status).toBe(404)
    await h.request('PUT', `/v1/clients/${clientId}/lists/later`, { key: keys.analyst, body: { items: [] } })
    const retry = await add(keys.analyst, 'k-4', ['a@x.io'], 'later')
    expect(retry.status).toBe(200)
    expect(retry.body.added).toBe(1)
    expect(retry.headers.get('idempotent-replayed')).toBeNull()
  })

  it('scopes keys to the API key that sent them', async () => {
    const { clientId, keys, add } = await setup()
    const otherAnalyst = await createKey(h, clientId, 'analyst')
    await add(keys.analyst, 'shared', ['a@x.io'])
    const other = await add(otherAnalyst, 'shared', ['b@x.io'])
    expect(other.status).toBe(200)
    expect(other.body.added).toBe(1)
  })

  it('answers 422 for an over-long key', async () => {
    const { keys, add } = await setup()
    const res = await add(keys.analyst, 'x'.repeat(256), ['a@x.io'])
    expect(res.status).toBe(422)
    expect(res.body.error.issues[0].path).toBe('Idempotency-Key')
  })

  it('keeps no record of a refused request', async () => {
    const { clientId, keys, add } = await setup()
    expect((await add(keys.auditor, 'k-5', ['a@x.io'])).status).toBe(403)
    const rows = await h.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('client_id', '=', clientId)
      .execute()
    expect(rows).toEqual([])
  })
})

describe('Idempotency-Key on a POST outside any client', () => {
  it('creating a client: a retry gets the same 201, the client is created once', async () => {
    const body = { id: `idem-${Date.now().toString(36)}`, name: 'Retry Shop' }
    const post = () =>
      h.request('POST', '/v1/clients', { key: h.adminKey, body, headers: { 'idempotency-key': 'create-1' } })
    const first = await post()
    expect(first.status).toBe(201)
    const retry = await post()
    expect(retry.status).toBe(201)
    expect(retry.body).toEqual(first.body)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    // Without the key, the same request is a conflict: the client exists.
    expect((await h.request('POST', '/v1/clients', { key: h.adminKey, body })).status).toBe(409)
  })
})
