import { describe, expect, it } from 'vitest'
import { textWithoutRequestId } from '../support/answer-text.js'
import { createClientWithKeys, orderFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

/** Inputs that once answered 500 (api.md "Errors": never a 500 for bad input). */
const h = useHarness()

async function liveClient() {
  const { clientId, keys } = await createClientWithKeys(h)
  await publishPolicy(h, clientId)
  return { clientId, keys, base: `/v1/clients/${clientId}` }
}

describe('missing bodies', () => {
  it('evaluate without any body (no Content-Type either) is 400 malformed_json', async () => {
    const { base, keys } = await liveClient()
    const res = await h.request('POST', `${base}/orders/evaluate`, { key: keys.integrator })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('malformed_json')
  })

  it('modifying an order without any body is 400 malformed_json', async () => {
    const { base, keys } = await liveClient()
    const order = orderFactory()
    expect(
      (await h.request('POST', `${base}/orders/evaluate`, { key: keys.integrator, body: order })).status,
    ).toBe(200)
    const res = await h.request('PUT', `${base}/orders/${order.id}`, { key: keys.integrator })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('malformed_json')
  })
})

describe('JSON the database cannot store', () => {
  const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`
  const cases: [string, (order: Record<string, unknown>) => string][] = [
    ['U+0000 in the order id', (o) => JSON.stringify({ ...o, id: 'A-\u0000' })],
    ['U+0000 in the e-mail', (o) => JSON.stringify({ ...o, customer: { email: 'a\u0000@example.com' } })],
    ['a lone surrogate in an extra field', (o) => JSON.stringify(o).replace('{', '{"note":"\\ud800",')],
    ['a lone surrogate in a key', (o) => JSON.stringify(o).replace('{', '{"\\udc00":1,')],
    ['nesting 10,000 levels deep', (o) => JSON.stringify(o).replace('{', `{"extra":${deep(10_000)},`)],
  ]

  it.each(cases)('evaluate refuses %s with 422 and stores nothing', async (_name, body) => {
    const { base, keys, clientId } = await liveClient()
    const res = await h.request('POST', `${base}/orders/evaluate`, {
      key: keys.integrator,
      body: body(orderFactory()),
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('validation_failed')
    expect(res.body.error.issues[0].path).toEqual(expect.any(String))
    const stored = await h.db
      .selectFrom('orders')
      .where('client_id', '=', clientId)
      .select('order_id')
      .execute()
    expect(stored).toEqual([])
  })

  it("lists every such value and the order's own problems in one 422", async () => {
    const { base, keys } = await liveClient()
    const order = orderFactory()
    const customer = { ...(order.customer as object), name: 'a\u0000b' }
    const res = await h.request('POST', `${base}/orders/evaluate`, {
      key: keys.integrator,
      // A quantity as written is fractional, although JSON.parse reads 1.
      body: JSON.stringify({ ...order, customer, total: 'x', note: '\ud800' }).replace(
        /"quantity":(\d+)/,
        '"quantity":$1.0000000000000001',
      ),
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(422)
    const paths = res.body.error.issues.map((i: { path: string }) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['customer.name', 'note', 'total', 'items[0].quantity']))
    expect(paths).toHaveLength(4)
  })

  it.each(cases)('import refuses %s on its line with 422 and stores nothing', async (_name, body) => {
    const { base, keys, clientId } = await liveClient()
    const res = await h.request('POST', `${base}/orders/import`, {
      key: keys.integrator,
      headers: { 'content-type': 'application/x-ndjson' },
      body: `${JSON.stringify({ order: orderFactory() })}\n{"order":${body(orderFactory())}}\n`,
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('invalid_import')
    expect(res.body.error.issues[0].line).toBe(2)
    const stored = await h.db
      .selectFrom('orders')
      .where('client_id', '=', clientId)
      .select('order_id')
      .execute()
    expect(stored).toEqual([])
  })

  it('refuses U+0000 in other JSON bodies (client and key names, policy comments) with 422', async () => {
    const { base, clientId } = await liveClient()
    const requests: [string, string, unknown][] = [
      ['POST', '/v1/clients', { id: `${clientId}-x`, name: 'a\u0000' }],
      ['POST', `${base}/api-keys`, { name: 'a\u0000', role: 'auditor' }],
      ['POST', `${base}/policy/versions/1/publish`, { comment: 'a\u0000' }],
    ]
    for (const [method, path, body] of requests) {
      const res = await h.request(method, path, { key: h.adminKey, body })
      expect(res.status, path).toBe(422)
      expect(res.body.error.issues[0].path).not.toBe('$')
    }
  })

  it('a card number still wins over an unstorable value (pan_detected, digits not echoed)', async () => {
    const { base, keys } = await liveClient()
    const body = orderFactory({ id: 'A-\u0000', note: 'card 4111 1111 1111 1111' })
    const res = await h.request('POST', `${base}/orders/evaluate`, { key: keys.integrator, body })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('pan_detected')
    expect(res.body.error.issues[0].path).toBe('note')
    expect(textWithoutRequestId(res)).not.toContain('4111')
  })

  it('keeps well-formed emoji and nesting a real order uses', async () => {
    const { base, keys } = await liveClient()
    const body = orderFactory({ id: 'A-😀🎉', extra: JSON.parse(deep(100)) })
    const res = await h.request('POST', `${base}/orders/evaluate`, { key: keys.integrator, body })
    expect(res.status).toBe(200)
    expect(res.body.orderId).toBe('A-😀🎉')
  })
})

describe('timestamps the database cannot hold', () => {
  // RFC 3339 allows year 0000 and offsets that push 9999-12-31 into year 10000; Postgres reads neither.
  const createdAts = ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+23:59', '9999-12-31T23:59:59-23:59']

  it.each(createdAts)('evaluate refuses createdAt %s with 422 naming the field', async (createdAt) => {
    const { base, keys } = await liveClient()
    const res = await h.request('POST', `${base}/orders/evaluate`, {
      key: keys.integrator,
      body: orderFactory({ createdAt }),
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('invalid_order')
    expect(res.body.error.issues).toEqual([expect.objectContaining({ path: 'createdAt' })])
  })

  it.each(createdAts)('simulate refuses createdAt %s with 422 naming order.createdAt', async (createdAt) => {
    const { base, keys } = await liveClient()
    const res = await h.request('POST', `${base}/simulate`, {
      key: keys.analyst,
      body: { order: orderFactory({ createdAt }) },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toEqual([expect.objectContaining({ path: 'order.createdAt' })])
  })

  it.each(createdAts)('import refuses createdAt %s on its line', async (createdAt) => {
    const { base, keys } = await liveClient()
    const res = await h.request('POST', `${base}/orders/import`, {
      key: keys.integrator,
      headers: { 'content-type': 'application/x-ndjson' },
      body: JSON.stringify({ order: orderFactory({ createdAt }) }),
    })
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toEqual([expect.objectContaining({ line: 1, path: 'order.createdAt' })])
  })

  it.each(createdAts)('a replay window bound %s is 422 naming the field', async (bound) => {
    const { base, keys } = await liveClient()
    for (const field of ['from', 'to'] as const) {
      const res = await h.request('POST', `${base}/replays`, {
        key: keys.analyst,
        body: { candidate: { version: 1 }, [field]: bound },
      })
      expect(res.status, field).toBe(422)
      expect(res.body.error.issues).toEqual([expect.objectContaining({ path: field })])
    }
  })

  it('accepts the edges of the range', async () => {
    const { base, keys } = await liveClient()
    for (const createdAt of ['1000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z']) {
      const res = await h.request('POST', `${base}/orders/evaluate`, {
        key: keys.integrator,
        body: orderFactory({ createdAt }),
      })
      expect(res.status, createdAt).toBe(200)
    }
  })
})

describe('decision list queries', () => {
  const cursorOf = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url')

  it('a forged cursor with a date Postgres cannot read is 422, not 500', async () => {
    const { base, keys } = await liveClient()
    const decision = await h.request('POST', `${base}/orders/evaluate`, {
      key: keys.integrator,
      body: orderFactory(),
    })
    for (const at of [
      '0000-01-01T00:00:00.000Z',
      '-271821-04-20T00:00:00.000Z',
      '+200000-01-01T00:00:00.000Z',
    ]) {
      const res = await h.request(
        'GET',
        `${base}/decisions?cursor=${cursorOf(at, decision.body.decisionId)}`,
        {
          key: keys.auditor,
        },
      )
      expect(res.status, at).toBe(422)
      expect(res.body.error.issues[0].path).toBe('cursor')
    }
  })

  it('from/to at the ends of RFC 3339 filter instead of failing', async () => {
    const { base, keys } = await liveClient()
    const decision = await h.request('POST', `${base}/orders/evaluate`, {
      key: keys.integrator,
      body: orderFactory(),
    })
    const from = encodeURIComponent('0000-01-01T00:00:00+01:00')
    const to = encodeURIComponent('9999-12-31T23:59:59-23:59')
    const res = await h.request('GET', `${base}/decisions?from=${from}&to=${to}`, { key: keys.auditor })
    expect(res.status).toBe(200)
    expect(res.body.data.map((d: { decisionId: string }) => d.decisionId)).toEqual([decision.body.decisionId])
    const none = await h.request(
      'GET',
      `${base}/decisions?to=${encodeURIComponent('0000-01-01T00:00:00Z')}`,
      {
        key: keys.auditor,
      },
    )
    expect(none.status).toBe(200)
    expect(none.body.data).toEqual([])
  })

  it.each(['ruleId', 'orderId'])('%s containing U+0000 is 422', async (param) => {
    const { base, keys } = await liveClient()
    const res = await h.request('GET', `${base}/decisions?${param}=a%00b`, { key: keys.auditor })
    expect(res.status).toBe(422)
    expect(res.body.error.issues[0].path).toBe(param)
  })
})

describe('path ids with U+0000 name nothing', () => {
  it.each([
    ['POST', 'orders/a%00b/cancel', {}],
    ['PUT', 'orders/a%00b', undefined],
    ['GET', 'lists/a%00b', undefined],
    ['GET', 'catalog/a%00b', undefined],
  ])('%s …/%s is 404', async (method, path, body) => {
    const { base } = await liveClient()
    const res = await h.request(method, `${base}/${path}`, {
      key: h.adminKey,
      ...(body !== undefined ? { body } : method === 'PUT' ? { body: orderFactory() } : {}),
    })
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })

  it('DELETE of a list item with U+0000 is 404 on an existing list', async () => {
    const { base } = await liveClient()
    const put = await h.request('PUT', `${base}/lists/blocked-emails`, {
      key: h.adminKey,
      body: { items: ['a@b.c'] },
    })
    expect(put.status).toBe(201)
    const res = await h.request('DELETE', `${base}/lists/blocked-emails/items/a%00b`, { key: h.adminKey })
    expect(res.status).toBe(404)
  })
})

describe('client ids whose percent-encoding does not decode name no client', () => {
  const segments = ['%E0%A4%A', '%', '%zz', '%FF', '%C0%80']
  const routes: [string, string, unknown][] = [
    ['GET', '', undefined],
    ['GET', '/decisions', undefined],
    ['GET', '/policy/versions', undefined],
    ['GET', '/policy/live', undefined],
    ['POST', '/orders/evaluate', 'order'],
    ['POST', '/simulate', 'order'],
    ['GET', '/api-keys', undefined],
    ['GET', '/replays/rpl_1', undefined],
  ]

  it.each(segments)(
    'every client route under /v1/clients/%s is 404, for the admin and a scoped key',
    async (segment) => {
      const { keys } = await liveClient()
      for (const [method, path, body] of routes) {
        for (const key of [h.adminKey, keys.integrator, keys.auditor]) {
          const res = await h.request(method, `/v1/clients/${segment}${path}`, {
            key,
            ...(body === 'order' ? { body: orderFactory() } : {}),
          })
          expect({ method, path, status: res.status, code: res.body.error?.code }).toEqual({
            method,
            path,
            status: 404,
            code: 'not_found',
          })
        }
      }
    },
  )
})

describe('card numbers written as JSON numbers beyond 2^53', () => {
  // A Luhn-valid 19-digit Visa number; JSON.parse rounds it to a number whose digits fail Luhn.
  const pan19 = '4111111111111111110'
  const withRef = (order: Record<string, unknown>, ref: string) =>
    JSON.stringify(order).replace('{', `{"ref": ${ref} ,`)

  it('evaluate refuses it with pan_detected naming the field, without the digits', async () => {
    const { base, keys, clientId } = await liveClient()
    const res = await h.request('POST', `${base}/orders/evaluate`, {
      key: keys.integrator,
      body: withRef(orderFactory(), pan19),
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('pan_detected')
    expect(res.body.error.issues[0].path).toBe('ref')
    expect(textWithoutRequestId(res)).not.toContain('41111111')
    const stored = await h.db
      .selectFrom('orders')
      .where('client_id', '=', clientId)
      .select('order_id')
      .execute()
    expect(stored).toEqual([])
  })

  it('simulate refuses it inside the order (order.items[0].ref)', async () => {
    const { base, keys } = await liveClient()
    const order = orderFactory()
    const body = JSON.stringify({ order }).replace('"sku":', `"ref":[1, ${pan19}],"sku":`)
    const res = await h.request('POST', `${base}/simulate`, { key: keys.analyst, body })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('pan_detected')
    expect(res.body.error.issues[0].path).toBe('order.items[0].ref[1]')
  })

  it('import refuses it with its line', async () => {
    const { base, keys } = await liveClient()
    const res = await h.request('POST', `${base}/orders/import`, {
      key: keys.integrator,
      headers: { 'content-type': 'application/x-ndjson' },
      body: `${JSON.stringify({ order: orderFactory() })}\n{"order":${withRef(orderFactory(), pan19)}}\n`,
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('pan_detected')
    expect(res.body.error.issues).toEqual([expect.objectContaining({ line: 2, path: 'order.ref' })])
  })

  it('a long number that is not a card number is kept', async () => {
    const { base, keys } = await liveClient()
    const res = await h.request('POST', `${base}/orders/evaluate`, {
      key: keys.integrator,
      body: withRef(orderFactory(), '4111111111111111117'),
    })
    expect(res.status).toBe(200)
  })
})
