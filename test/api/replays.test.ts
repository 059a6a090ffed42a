import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { runChunk } from '../../api/src/replays/chunk-runner.js'
import { replayFailureMessage } from '../../api/src/replays/replays.repository.js'
import { describeCommonRouteTests } from '../support/common-route-tests.js'
import { createClientWithKeys } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { importOrders, replayHarness, replayOrders, runReplay, saveVersion } from './replays-support.js'

const h = useHarness()

type Json = any

const policy = (review = 40) => ({
  schemaVersion: 1,
  settings: { thresholds: { review, decline: 80 } },
  rules: [
    {
      id: 'big-order',
      category: 'fraud',
      conditions: { all: [{ fact: 'order', path: '$.total', operator: 'greaterThan', value: 100 }] },
      event: { type: 'score', params: { points: 50, message: 'big' } },
    },
  ],
})

const order = (id: string, createdAt: string, total: number): Json => ({
  id,
  createdAt,
  currency: 'USD',
  customer: { email: `${id}@example.com` },
  shippingAddress: { line1: '1 Main St', city: 'Austin', region: 'TX', postalCode: '73301', country: 'US' },
  items: [{ sku: 'A', quantity: 1, unitPrice: total }],
  shipping: { method: 'standard' },
  total,
  payment: { method: 'card', status: 'captured' },
})

async function liveClient() {
  const client = await createClientWithKeys(h)
  const v1 = await saveVersion(h, client.clientId, client.keys.analyst, policy(40))
  const res = await h.request('POST', `/v1/clients/${client.clientId}/policy/versions/${v1}/publish`, {
    key: client.keys.publisher,
    body: { comment: 'go' },
  })
  expect(res.status).toBe(200)
  return { ...client, v1 }
}

describeCommonRouteTests(h, {
  method: 'POST',
  path: (c) => `/v1/clients/${c}/replays`,
  body: { candidate: { document: policy() } },
  forbiddenRole: 'integrator',
})
describeCommonRouteTests(h, {
  method: 'GET',
  path: (c) => `/v1/clients/${c}/replays/rpl_01JZZZZZZZZZZZZZZZZZZZZZZZ`,
})

describe('POST /v1/clients/:clientId/replays', () => {
  it('compares a saved candidate version with the live baseline', async () => {
    const { clientId, keys, v1 } = await liveClient()
    const v2 = await saveVersion(h, clientId, keys.analyst, policy(60))
    await importOrders(h, clientId, keys.integrator, [
      { order: order('a', '2026-01-01T00:00:00Z', 50) },
      { order: order('b', '2026-01-01T01:00:00Z', 150), label: 'fraud' },
      { order: order('c', '2026-01-01T02:00:00Z', 150), label: 'legit' },
    ])
    const replay = await runReplay(h, clientId, keys.analyst, { candidate: { version: v2 } })
    expect(replay).toMatchObject({ status: 'done', processed: 3, total: 3, baseline: { version: v1 } })
    expect(replay.startedAt).not.toBeNull()
    expect(replay.finishedAt).not.toBeNull()
    // Who ran it, as versions record who saved and published them: the key's id, not its name.
    const me = await h.request('GET', '/v1/me', { key: keys.analyst })
    expect(replay.createdBy).toBe(me.body.id)
    expect(replay.summary.baseline).toEqual({
      version: v1,
      outcomes: { approve: 1, review: 2, hold: 0, decline: 0 },
    })
    expect(replay.summary.candidate).toEqual({
      version: v2,
      outcomes: { approve: 3, review: 0, hold: 0, decline: 0 },
    })
    expect(replay.summary.transitions).toEqual([
      { from: 'approve', to: 'approve', count: 1 },
      { from: 'review', to: 'approve', count: 2 },
    ])
    expect(replay.summary.rules).toEqual([{ ruleId: 'big-order', baselineHits: 2, candidateHits: 2 }])
    expect(replay.summary.scores.candidate).toEqual([
      { from: 0, to: 10, count: 1 },
      { from: 50, to: 60, count: 2 },
    ])
    expect(replay.summary.labels).toEqual({
      labeled: 2,
      baseline: { precision: 0.5, recall: 1, falsePositiveRate: 1 },
      candidate: { precision: null, recall: 0, falsePositiveRate: 0 },
    })
    const rows = await replayOrders(h, clientId, keys.auditor, replay.replayId)
    expect(rows.get('b')).toMatchObject({
      label: 'fraud',
      changed: true,
      baseline: {
        outcome: 'review',
        score: 50,
        reasons: [{ ruleId: 'big-order', type: 'score', points: 50, message: 'big' }],
      },
      candidate: { outcome: 'approve', score: 50 },
    })
  })

  it('is done at once with an empty summary when there are no orders', async () => {
    const { clientId, keys } = await liveClient()
    const replay = await runReplay(h, clientId, keys.analyst, { candidate: { document: policy(10) } })
    expect(replay).toMatchObject({ status: 'done', processed: 0, total: 0, candidate: { version: null } })
    expect(replay.summary.total).toBe(0)
  })

  it('answers 409 no_live_policy without a live version and no baseline', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await h.request('POST', `/v1/clients/${clientId}/replays`, {
      key: keys.analyst,
      body: { candidate: { document: policy() } },
    })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('no_live_policy')
  })

  it('answers 422 with issues for an invalid candidate document or an unknown version', async () => {
    const { clientId, keys } = await liveClient()
    const bad = await h.request('POST', `/v1/clients/${clientId}/replays`, {
      key: keys.analyst,
      body: {
        candidate: { document: { ...policy(), settings: { thresholds: { review: 90, decline: 80 } } } },
      },
    })
    expect(bad.status).toBe(422)
    expect(bad.body.error.code).toBe('invalid_policy')
    expect(bad.body.error.issues.length).toBeGreaterThan(0)
    const missing = await h.request('POST', `/v1/clients/${clientId}/replays`, {
      key: keys.analyst,
      body: { candidate: { version: 99 } },
    })
    expect(missing.status).toBe(422)
    expect(missing.body.error.issues).toEqual([
      { path: 'candidate.version', message: 'policy version 99 does not exist' },
    ])
    const window = await h.request('POST', `/v1/clients/${clientId}/replays`, {
      key: keys.analyst,
      body: { candidate: { version: 1 }, from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
    })
    expect(window.status).toBe(422)
    expect(window.body.error.issues[0].path).toBe('to')
  })

  it('marks the replay failed, with the error, when a chunk cannot be evaluated', async () => {
    const { clientId, keys } = await liveClient()
    await importOrders(h, clientId, keys.integrator, [{ order: order('x', '2026-01-01T00:00:00Z', 5) }])
    // A row no API would write (5 decimals): the chunk throws on it every attempt.
    await sql`update orders set total = 1.00001 where client_id = ${clientId}`.execute(h.db)
    const replay = await runReplay(h, clientId, keys.analyst, { candidate: { document: policy() } })
    expect(replay.status).toBe('failed')
    expect(replay.error).toMatch(/not exact/)
    expect(replay.summary).toBeNull()
  })
})

describe('replayFailureMessage', () => {
  it("keeps our own errors' text but not the database's (tables, columns, constraints)", async () => {
    const failed = await sql`insert into replays (client_id) values (null)`.execute(h.db).then(
      () => null,
      (error: unknown) => error,
    )
    expect(String((failed as Error).message)).toMatch(/null value|violates/)
    expect(replayFailureMessage(failed)).toBe('a database error stopped this replay (logged on the server)')
    // What a replay thread sends back (chunk-pool.ts): the message, with its SQLSTATE beside it.
    expect(replayFailureMessage(Object.assign(new Error('relation "x" …'), { code: '42P01' }))).not.toMatch(
      /relation/,
    )
    expect(replayFailureMessage(new Error('amount 1.00001 is not exact at scale 2'))).toBe(
      'amount 1.00001 is not exact at scale 2',
    )
  })
})

describe('DELETE /v1/clients/:clientId/replays/:replayId', () => {
  it('cancels a queued replay (its chunks then do nothing) and answers 409 for a finished one', async () => {
    const { clientId, keys } = await liveClient()
    await importOrders(h, clientId, keys.integrator, [{ order: order('a', '2026-01-01T00:00:00Z', 5) }])
    // A scheduler that queues nowhere keeps the replay queued until the test runs its chunk.
    const parked = replayHarness(h, { replayScheduler: { runner: 'queue', enqueue: async () => {} } })
    const started = await parked.request('POST', `/v1/clients/${clientId}/replays`, {
      key: keys.analyst,
      body: { candidate: { document: policy() } },
    })
    const replayId = started.body.replayId
    const path = `/v1/clients/${clientId}/replays/${replayId}`
    expect((await h.request('GET', path, { key: keys.auditor })).body).toMatchObject({
      status: 'queued',
      total: 1,
    })
    expect((await h.request('DELETE', path, { key: keys.integrator })).status).toBe(403)
    const cancelled = await h.request('DELETE', path, { key: keys.analyst })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    expect(await runChunk(h.db, { clientId, replayId, chunkNo: 0 }, { worker: 'test' })).toBe('cancelled')
    const after = (await h.request('GET', path, { key: keys.auditor })).body
    expect(after).toMatchObject({ status: 'cancelled', processed: 0, summary: null })

    const done = await runReplay(h, clientId, keys.analyst, { candidate: { document: policy() } })
    const again = await h.request('DELETE', `/v1/clients/${clientId}/replays/${done.replayId}`, {
      key: keys.analyst,
    })
    expect(again.status).toBe(409)
  })

  it("answers 404 for another client's replay", async () => {
    const { clientId, keys } = await liveClient()
    const other = await liveClient()
    const done = await runReplay(h, clientId, keys.analyst, { candidate: { document: policy() } })
    const res = await h.request('GET', `/v1/clients/${other.clientId}/replays/${done.replayId}`, {
      key: other.keys.admin,
    })
    expect(res.status).toBe(404)
  })
})
