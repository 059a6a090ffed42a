import { describe, expect, it } from 'vitest'
import { createClientWithKeys } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { runReplay, saveVersion } from './replays-support.js'

/** Replay inputs that once answered 500 (api.md "Errors": never a 500 for bad input). */
const h = useHarness()

const policy = () => ({
  schemaVersion: 1,
  settings: { thresholds: { review: 40, decline: 80 } },
  rules: [
    {
      id: 'big-order',
      category: 'fraud',
      conditions: { all: [{ fact: 'order', path: '$.total', operator: 'greaterThan', value: 100 }] },
      event: { type: 'score', params: { points: 50, message: 'big' } },
    },
  ],
})

async function liveClient() {
  const { clientId, keys } = await createClientWithKeys(h)
  const v1 = await saveVersion(h, clientId, keys.analyst, policy())
  const res = await h.request('POST', `/v1/clients/${clientId}/policy/versions/${v1}/publish`, {
    key: keys.publisher,
    body: { comment: 'go' },
  })
  expect(res.status).toBe(200)
  return { clientId, keys, base: `/v1/clients/${clientId}/replays` }
}

describe('POST /v1/clients/:clientId/replays', () => {
  it('tells a candidate of neither shape what the two shapes are, and a bad bound only that', async () => {
    const { base, keys } = await liveClient()
    for (const body of [{}, { candidate: {} }, { candidate: 'v1' }]) {
      const res = await h.request('POST', base, { key: keys.analyst, body })
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([422, 'validation_failed'])
      expect(res.body.error.issues).toEqual([
        { path: 'candidate', message: expect.stringContaining('"version"') },
      ])
      expect(res.body.error.issues[0].message).toContain('"document"')
    }
    // A value of one shape is told what is wrong inside it.
    const inner = await h.request('POST', base, { key: keys.analyst, body: { candidate: { document: 1 } } })
    expect(inner.body.error.issues).toEqual([{ path: 'candidate.document', message: expect.any(String) }])
    const res = await h.request('POST', base, {
      key: keys.analyst,
      body: { candidate: { version: 1 }, from: 'nope' },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toEqual([
      { path: 'from', message: 'an RFC 3339 timestamp with Z or a UTC offset' },
    ])
  })

  it('names each unknown key at its own path', async () => {
    const { base, keys } = await liveClient()
    const res = await h.request('POST', base, {
      key: keys.analyst,
      body: { candidate: { version: 1, lable: 2 }, limt: 5 },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toEqual(
      expect.arrayContaining([{ path: 'limt', message: 'is not a known field' }]),
    )
  })

  // A version number past int4 cannot name a stored version; it used to reach the query and fail it.
  it.each([2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER])('a version %d is 422 naming the field', async (v) => {
    const { base, keys } = await liveClient()
    const bodies = [
      ['candidate.version', { candidate: { version: v } }],
      ['baseline.version', { candidate: { version: 1 }, baseline: { version: v } }],
    ] as const
    for (const [path, body] of bodies) {
      const res = await h.request('POST', base, { key: keys.analyst, body })
      expect(res.status, path).toBe(422)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.issues).toEqual([expect.objectContaining({ path })])
    }
  })
})

describe('a candidate of the wrong type', () => {
  // The candidate is {version} or {document}: the member whose shape it has names the field.
  it.each([
    [{ version: '2' }, 'candidate.version'],
    [{ version: 0 }, 'candidate.version'],
    [{ document: 'x' }, 'candidate.document'],
    [{ document: [] }, 'candidate.document'],
  ])('%j is 422 at %s', async (candidate, path) => {
    const { base, keys } = await liveClient()
    const res = await h.request('POST', base, { key: keys.analyst, body: { candidate } })
    expect([res.status, res.body.error.code]).toEqual([422, 'validation_failed'])
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual([path])
  })

  it.each([[{ version: 1, document: {} }], [{ nope: 1 }], ['x']])(
    '%j is 422 at candidate',
    async (candidate) => {
      const { base, keys } = await liveClient()
      const res = await h.request('POST', base, { key: keys.analyst, body: { candidate } })
      expect(res.status).toBe(422)
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['candidate'])
    },
  )
})

describe('an invalid candidate document', () => {
  it('is 422 invalid_policy with each issue under candidate.document, as simulate names document', async () => {
    const { base, keys, clientId } = await liveClient()
    const document = policy()
    document.settings.thresholds = { review: 90, decline: 80 }
    document.rules[0]!.conditions.all[0]!.fact = 'nope'
    const replay = await h.request('POST', base, { key: keys.analyst, body: { candidate: { document } } })
    expect([replay.status, replay.body.error.code]).toEqual([422, 'invalid_policy'])
    const paths = replay.body.error.issues.map((i: { path: string }) => i.path)
    expect(paths).toContain('candidate.document.rules[0].conditions.all[0].fact')
    expect(paths.every((p: string) => p.startsWith('candidate.document.'))).toBe(true)
    const simulated = await h.request('POST', `/v1/clients/${clientId}/simulate`, {
      key: keys.analyst,
      body: { order: {}, document },
    })
    expect(simulated.status).toBe(422)
    const saved = await h.request('POST', `/v1/clients/${clientId}/policy/versions`, {
      key: keys.analyst,
      body: { document, comment: 'x' },
    })
    expect(saved.body.error.issues.map((i: { path: string }) => i.path)).toEqual(
      paths.map((p: string) => p.replace('candidate.document', '$')),
    )
  })
})

describe('GET /v1/clients/:clientId/replays/:replayId/orders', () => {
  const cursorOf = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString('base64url')
  // Forged cursors of the changed list whose bound PostgreSQL cannot read: used to fail the query.
  const forged: [string, unknown[]][] = [
    ['year 0000', ['c', '0000-01-01T00:00:00.000Z', 'a']],
    ['year +275760', ['c', '+275760-09-13T00:00:00.000Z', 'a']],
    ['U+0000 in the order id', ['c', '2026-01-01T00:00:00.000Z', 'a\u0000']],
  ]

  it.each(forged)('a changed cursor with %s is 422 on cursor', async (_name, value) => {
    const { clientId, base, keys } = await liveClient()
    const replay = await runReplay(h, clientId, keys.analyst, { candidate: { version: 1 } })
    const res = await h.request(
      'GET',
      `${base}/${replay.replayId}/orders?changed=true&cursor=${cursorOf([...value, replay.replayId])}`,
      { key: keys.auditor },
    )
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toEqual([expect.objectContaining({ path: 'cursor' })])
  })
})

describe('GET /v1/clients/:clientId/replays/:replayId/orders/:orderId', () => {
  // No stored order id holds U+0000: such a path names nothing (it used to fail the orders query).
  it('an order id with U+0000 is 404', async () => {
    const { clientId, base, keys } = await liveClient()
    const replay = await runReplay(h, clientId, keys.analyst, { candidate: { version: 1 } })
    const res = await h.request('GET', `${base}/${replay.replayId}/orders/a%00b`, { key: keys.auditor })
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })
})
