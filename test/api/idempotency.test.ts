import { describe, expect, it } from 'vitest'
import { createClientWithKeys, createKey, orderFactory } from '../support/factories.js'
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

describe('Idempotency-Key claims of a process that died, and of a long request', () => {
  it('lets the retry of a request whose process died take over its stale claim and execute', async () => {
    const { clientId, keys, add } = await setup()
    await add(keys.analyst, 'k-probe', ['p@x.io'])
    const probe = await h.db
      .selectFrom('idempotency_keys')
      .select('api_key_id')
      .where('client_id', '=', clientId)
      .where('key', '=', 'k-probe')
      .executeTakeFirstOrThrow()
    // What a process killed mid-request leaves: a claim nobody refreshes any more.
    await h.db
      .insertInto('idempotency_keys')
      .values({
        client_id: clientId,
        api_key_id: probe.api_key_id,
        key: 'k-dead',
        request_hash: 'from-the-dead-process',
        status: 'in_progress',
        created_at: new Date(Date.now() - 16_000),
      } as never)
      .execute()
    const retry = await add(keys.analyst, 'k-dead', ['d@x.io'])
    expect([retry.status, retry.body.added]).toEqual([200, 1])
    expect(retry.headers.get('idempotent-replayed')).toBeNull()
  })

  // On PGlite (one connection) the retry's claim waits for the first import's transaction anyway;
  // on PostgreSQL it runs at once and, without the owner's heartbeat, took the claim over.
  it('keeps the claim of a request that runs longer than a claim takes to go stale', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const lines = [0, 1].map((i) => `${JSON.stringify({ order: orderFactory({ id: `slow-${i}` }) })}\n`)
    const path = `/v1/clients/${clientId}/orders/import`
    const headers = {
      authorization: `Bearer ${keys.integrator}`,
      'content-type': 'application/x-ndjson',
      'idempotency-key': 'slow-import',
    }
    // The first import's body arrives over ~18 s, longer than a claim goes stale without refresh.
    const encoder = new TextEncoder()
    const slowBody = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(lines[0]))
        await new Promise((resolve) => setTimeout(resolve, 18_000))
        controller.enqueue(encoder.encode(lines[1]))
        controller.close()
      },
    })
    const first = h.app.request(path, {
      method: 'POST',
      headers,
      body: slowBody,
      duplex: 'half',
    } as RequestInit)
    await new Promise((resolve) => setTimeout(resolve, 16_500))
    const retry = await h.app.request(path, { method: 'POST', headers, body: lines.join('') })
    const firstAnswer = await first
    expect([firstAnswer.status, retry.status]).toEqual([200, 200])
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await retry.json()).toEqual(await firstAnswer.json())
  }, 40_000)
})
