import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { textWithoutRequestId } from '../support/answer-text.js'
import { createClientWithKeys, orderFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { useHttpServer } from '../support/http-server.js'
import { publishPolicy } from '../support/policies.js'

// How the API reads request bodies: what counts as no body (RFC 9112 §6.3), which routes need
// one (api.md: 400 malformed JSON), UTF-8 (orders.md: "JSON, UTF-8"), and card numbers in every
// string of an order request (orders.md: "any string value"), cancel's reason and simulate's
// other fields included.
const h = useHarness()

async function client() {
  const c = await createClientWithKeys(h)
  await publishPolicy(h, c.clientId)
  return { ...c, base: `/v1/clients/${c.clientId}` }
}

async function storedOrderIds(clientId: string) {
  const rows = await h.db.selectFrom('orders').where('client_id', '=', clientId).select('order_id').execute()
  return rows.map((r) => r.order_id)
}

describe('over real HTTP, a request that declares no body (no Content-Length, no Transfer-Encoding) has none', () => {
  const server = useHttpServer(h)

  /** Sends exactly these header lines and no body; answers the status line's code. */
  const raw = (method: string, path: string, headers: string[]) =>
    new Promise<number>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1')
      let answer = ''
      socket.on('data', (chunk) => {
        answer += chunk.toString('latin1')
      })
      socket.on('end', () => resolve(Number(answer.split(' ')[1])))
      socket.on('error', reject)
      socket.write(
        [`${method} ${path} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close', ...headers, '', ''].join(
          '\r\n',
        ),
      )
    })

  it('revokes a key with DELETE, reproduces a decision and publishes, with and without a JSON type', async () => {
    const c = await client()
    const created = await h.request('POST', `${c.base}/api-keys`, {
      key: h.adminKey,
      body: { name: 'temp', role: 'auditor' },
    })
    const auth = `authorization: Bearer ${h.adminKey}`
    expect(await raw('DELETE', `${c.base}/api-keys/${created.body.id}`, [auth])).toBe(204)
    const evaluated = await h.request('POST', `${c.base}/orders/evaluate`, {
      key: c.keys.integrator,
      body: orderFactory(),
    })
    const reproduce = `${c.base}/decisions/${evaluated.body.decisionId}/reproduce`
    expect(await raw('POST', reproduce, [auth])).toBe(200)
    expect(await raw('POST', reproduce, [auth, 'content-type: application/json'])).toBe(200)
    expect(
      await raw('POST', `${c.base}/policy/versions/1/publish`, [auth, 'content-type: application/json']),
    ).toBe(200)
  })
})

describe('a route whose body is required answers 400 malformed_json without one', () => {
  it.each([
    ['create a client', () => '/v1/clients', 'admin'],
    ['create a key', (b: string) => `${b}/api-keys`, 'admin'],
    ['save a version', (b: string) => `${b}/policy/versions`, 'analyst'],
    ['simulate', (b: string) => `${b}/simulate`, 'analyst'],
    ['replay', (b: string) => `${b}/replays`, 'analyst'],
    ['put a list', (b: string) => `${b}/lists/blocked`, 'analyst'],
    ['add list items', (b: string) => `${b}/lists/blocked/items`, 'analyst'],
  ] as const)('%s: empty with a JSON type, or absent', async (_what, path, role) => {
    const c = await client()
    const method = path('').startsWith('/lists/blocked') && !path('').endsWith('items') ? 'PUT' : 'POST'
    const key = c.keys[role]
    const empty = await h.request(method, path(c.base), {
      key,
      body: '',
      headers: { 'content-type': 'application/json' },
    })
    expect([empty.status, empty.body.error.code]).toEqual([400, 'malformed_json'])
    const absent = await h.request(method, path(c.base), { key })
    expect([absent.status, absent.body.error.code]).toEqual([400, 'malformed_json'])
  })
})

describe('UTF-8', () => {
  it('refuses an order body that is not UTF-8 (400) and stores nothing', async () => {
    const c = await client()
    const text = JSON.stringify(orderFactory({ id: 'UTF-1', customer: { email: 'a@b.co', name: 'AB' } }))
    const at = text.indexOf('AB')
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(text.slice(0, at)),
      0xff,
      ...new TextEncoder().encode(text.slice(at)),
    ])
    const res = await h.request('POST', `${c.base}/orders/evaluate`, { key: c.keys.integrator, body: bytes })
    expect([res.status, res.body.error.code]).toEqual([400, 'malformed_json'])
    expect(res.body.error.message).toMatch(/UTF-8/)
    expect(await storedOrderIds(c.clientId)).toEqual([])
  })

  it('refuses an import line that is not UTF-8, naming its line, and stores nothing', async () => {
    const c = await client()
    const good = new TextEncoder().encode(`${JSON.stringify({ order: orderFactory({ id: 'I-1' }) })}\n`)
    const bad = new TextEncoder().encode(JSON.stringify({ order: orderFactory({ id: 'I-2', note: 'X' }) }))
    const x = bad.indexOf(0x58)
    bad[x] = 0xc3 // a lead byte without its continuation
    const res = await h.request('POST', `${c.base}/orders/import`, {
      key: c.keys.integrator,
      body: new Uint8Array([...good, ...bad]),
      headers: { 'content-type': 'application/x-ndjson' },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toEqual([{ line: 2, path: '$', message: 'is not valid UTF-8' }])
    expect(await storedOrderIds(c.clientId)).toEqual([])
  })
})

describe('a body declared in another charset or content coding is 415, not misread as UTF-8', () => {
  const routes = [
    [
      'evaluate',
      (b: string) => `${b}/orders/evaluate`,
      'integrator',
      'application/json',
      (id: string) => JSON.stringify(orderFactory({ id })),
    ],
    [
      'import',
      (b: string) => `${b}/orders/import`,
      'integrator',
      'application/x-ndjson',
      (id: string) => `${JSON.stringify({ order: orderFactory({ id }) })}\n`,
    ],
    [
      'catalog',
      (b: string) => `${b}/catalog`,
      'admin',
      'application/x-ndjson',
      (id: string) =>
        `${JSON.stringify({ sku: id, name: 'x', price: 1, currency: 'USD', stock: 1, category: 'c' })}\n`,
    ],
  ] as const

  it.each(routes)('%s', async (route, path, role, type, body) => {
    const c = await client()
    const send = (headers: Record<string, string>, id: string) =>
      h.request(route === 'catalog' ? 'PUT' : 'POST', path(c.base), {
        key: c.keys[role],
        body: body(id),
        headers: { 'content-type': type, ...headers },
      })
    for (const headers of <Record<string, string>[]>[
      { 'content-type': `${type}; charset=utf-16` },
      { 'content-type': `${type}; charset=iso-8859-1` },
      { 'content-encoding': 'gzip' },
      { 'transfer-encoding': 'gzip, chunked' },
    ]) {
      const res = await send(headers, 'CS-1')
      expect([JSON.stringify(headers), res.status, res.body.error?.code]).toEqual([
        JSON.stringify(headers),
        415,
        'unsupported_media_type',
      ])
    }
    expect(await storedOrderIds(c.clientId)).toEqual([])
    for (const headers of <Record<string, string>[]>[
      { 'content-type': `${type}; charset="UTF-8"` },
      { 'content-type': `${type.toUpperCase()};charset=utf8` },
      { 'content-encoding': 'identity' },
    ]) {
      const res = await send(headers, `CS-${JSON.stringify(headers).length}`)
      expect([JSON.stringify(headers), res.status]).toEqual([JSON.stringify(headers), 200])
    }
  })
})

describe('only POST …/orders/import and PUT …/catalog stream their bodies', () => {
  // "import" and "catalog" are valid order ids: modifying the order "import" sends a JSON body to
  // PUT …/orders/import, which gets every check of a JSON body (api.md: 413 over 1 MiB, 415 not JSON).
  it('modifies the order whose id is "import" with the JSON checks: 415 and 413 refused, JSON accepted', async () => {
    const c = await client()
    const order = orderFactory({ id: 'import' })
    const first = await h.request('POST', `${c.base}/orders/evaluate`, {
      key: c.keys.integrator,
      body: order,
    })
    expect(first.status).toBe(200)
    const modify = (body: string, headers: Record<string, string>) =>
      h.request('PUT', `${c.base}/orders/import`, { key: c.keys.integrator, body, headers })
    const changed = JSON.stringify({ ...order, channel: 'app' })
    const refused = [
      [await modify(changed, { 'content-type': 'text/plain' }), 415, 'unsupported_media_type'],
      [await modify(changed, { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 415],
      [
        await modify(JSON.stringify({ ...order, note: 'x'.repeat(1024 * 1024) }), {
          'content-type': 'application/json',
        }),
        413,
        'payload_too_large',
      ],
    ] as const
    for (const [res, status, code] of refused) {
      expect(res.status).toBe(status)
      if (code) expect(res.body.error.code).toBe(code)
    }
    const revisions = () =>
      h.db
        .selectFrom('order_revisions')
        .where('client_id', '=', c.clientId)
        .where('order_id', '=', 'import')
        .select('revision')
        .execute()
    expect(await revisions()).toHaveLength(1)
    const accepted = await modify(changed, { 'content-type': 'application/json' })
    expect(accepted.status).toBe(200)
    expect(await revisions()).toHaveLength(2)
  })
})

describe('card numbers in every string of an order request', () => {
  const card = '4111 1111 1111 1111'

  it("refuses a cancel whose reason quotes a card (422 pan_detected) and keeps the order's state", async () => {
    const c = await client()
    const order = orderFactory()
    await h.request('POST', `${c.base}/orders/evaluate`, { key: c.keys.integrator, body: order })
    const res = await h.request('POST', `${c.base}/orders/${order.id}/cancel`, {
      key: c.keys.integrator,
      body: { reason: `refund to card ${card}` },
    })
    expect([res.status, res.body.error.code]).toEqual([422, 'pan_detected'])
    expect(res.body.error.issues[0].path).toBe('reason')
    expect(textWithoutRequestId(res)).not.toMatch(/4111/)
    const [row] = await h.db
      .selectFrom('orders')
      .where('client_id', '=', c.clientId)
      .select(['cancelled_at', 'cancel_reason'])
      .execute()
    expect(row).toEqual({ cancelled_at: null, cancel_reason: null })
  })

  it.each([
    [
      'in the order, with an invalid version',
      { order: orderFactory({ note: card }), version: 0 },
      'order.note',
    ],
    [
      'in the order, with both version and document',
      { order: orderFactory({ note: card }), version: 1, document: {} },
      'order.note',
    ],
    ['beside the order', { order: orderFactory(), note: card }, 'note'],
  ])('refuses simulate with a card %s', async (_what, body, path) => {
    const c = await client()
    const res = await h.request('POST', `${c.base}/simulate`, { key: c.keys.analyst, body })
    expect([res.status, res.body.error.code]).toEqual([422, 'pan_detected'])
    expect(res.body.error.issues[0].path).toBe(path)
    expect(textWithoutRequestId(res)).not.toMatch(/4111/)
  })

  it('refuses an import whose unparsable line holds a card, naming that line', async () => {
    const c = await client()
    const body = `${JSON.stringify({ order: orderFactory({ id: 'I-1' }) })}\n{"order": {"note": "${card}"}\n`
    const res = await h.request('POST', `${c.base}/orders/import`, {
      key: c.keys.integrator,
      body,
      headers: { 'content-type': 'application/x-ndjson' },
    })
    expect([res.status, res.body.error.code]).toEqual([422, 'pan_detected'])
    expect(res.body.error.issues).toEqual([{ line: 2, path: '$', message: expect.any(String) }])
    expect(textWithoutRequestId(res)).not.toMatch(/4111/)
    expect(await storedOrderIds(c.clientId)).toEqual([])
  })
})
