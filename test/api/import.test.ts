import { describe, expect, it } from 'vitest'
import { textWithoutRequestId } from '../support/answer-text.js'
import { describeCommonRouteTests } from '../support/common-route-tests.js'
import { createClientWithKeys, orderFactory, policyFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

const h = useHarness()
const NDJSON = { 'content-type': 'application/x-ndjson' }

const importPath = (clientId: string) => `/v1/clients/${clientId}/orders/import`
const ndjson = (lines: unknown[]) =>
  `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`
const post = (clientId: string, key: string, body: string, headers: Record<string, string> = NDJSON) =>
  h.request('POST', importPath(clientId), { key, body, headers })

async function storedOrders(clientId: string) {
  return h.db.selectFrom('orders').selectAll().where('client_id', '=', clientId).orderBy('order_id').execute()
}

describe('an extra `__proto__` field (orders.md: unknown extra fields are kept)', () => {
  // JSON.parse makes it an own key; a copy through an object literal or zod loses it.
  const withProto = (id: string) =>
    JSON.stringify(orderFactory({ id })).replace('{', '{"__proto__":{"note":"kept"},')

  it('is stored by import as evaluate stores it, so evaluating the imported order decides it', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    const order = withProto('PROTO-1')
    const imported = await post(clientId, keys.integrator, `{"order":${order}}\n`)
    expect(imported.body).toMatchObject({ imported: 1 })
    const evaluated = await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
      key: keys.integrator,
      body: order,
    })
    expect(evaluated.status).toBe(200)
    expect(evaluated.body.decisionId).toMatch(/^dec_/)
    const [revision] = await h.db
      .selectFrom('order_revisions')
      .where('client_id', '=', clientId)
      .select(['document'])
      .execute()
    expect(Object.hasOwn(revision!.document as object, '__proto__')).toBe(true)
  })

  it('is the same content when an evaluated order is imported again', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    const order = withProto('PROTO-2')
    const evaluated = await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
      key: keys.integrator,
      body: order,
    })
    expect(evaluated.status).toBe(200)
    const imported = await post(clientId, keys.integrator, `{"order":${order}}\n`)
    expect(imported.status).toBe(200)
    expect(imported.body).toMatchObject({ imported: 0, unchanged: 1 })
  })
})

describe('POST /v1/clients/{clientId}/orders/import', () => {
  it('stores every order with its label, velocity keys and an import revision, and no decision', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const a = orderFactory({ id: 'IMP-1', customer: { email: '  Jane.Doe@Example.COM ', ip: '203.0.113.7' } })
    const b = orderFactory({ id: 'IMP-2', createdAt: '2026-11-20T16:03:00+02:00', total: 48.18 })
    const c = orderFactory({ id: 'IMP-3', payment: { method: 'paypal', status: 'captured' } })
    const res = await post(
      clientId,
      keys.integrator,
      ndjson([{ order: a, label: 'fraud' }, { order: b, label: null }, { order: c }]),
    )
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ imported: 3, unchanged: 0 })

    const rows = await storedOrders(clientId)
    expect(rows.map((r) => [r.order_id, r.label, r.imported])).toEqual([
      ['IMP-1', 'fraud', true],
      ['IMP-2', null, true],
      ['IMP-3', null, true],
    ])
    expect(rows[0]).toMatchObject({
      email: 'jane.doe@example.com',
      ip: '203.0.113.7',
      card_key: '4111111111',
    })
    expect(rows[1]?.created_at.toISOString()).toBe('2026-11-20T14:03:00.000Z')
    expect(rows[1]?.total).toBe(48.18)
    expect(rows[2]?.card_key).toBeNull()
    const revisions = await h.db
      .selectFrom('order_revisions')
      .selectAll()
      .where('client_id', '=', clientId)
      .execute()
    expect(revisions.map((r) => r.source)).toEqual(['import', 'import', 'import'])
    expect(revisions.find((r) => r.order_id === 'IMP-1')?.document).toEqual(a)
    const decisions = await h.db
      .selectFrom('decisions')
      .select('decision_id')
      .where('client_id', '=', clientId)
      .execute()
    expect(decisions).toHaveLength(0)
  })

  it('counts a re-import of the same content (any key order) as unchanged and may set labels', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const order = orderFactory({ id: 'SAME-1' })
    await post(clientId, keys.integrator, ndjson([{ order }, { order: orderFactory({ id: 'SAME-2' }) }]))
    const reordered = Object.fromEntries(Object.entries(order).reverse())
    const res = await post(
      clientId,
      keys.integrator,
      ndjson([{ order: reordered, label: 'chargeback' }, { order: orderFactory({ id: 'NEW-1' }) }]),
    )
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ imported: 1, unchanged: 1, labelsUpdated: 1 })
    const rows = await storedOrders(clientId)
    expect(rows.find((r) => r.order_id === 'SAME-1')?.label).toBe('chargeback')
  })

  it('refuses an id stored with different content and then stores nothing of the file', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await post(clientId, keys.integrator, ndjson([{ order: orderFactory({ id: 'X-1' }) }]))
    const res = await post(
      clientId,
      keys.integrator,
      ndjson([
        { order: orderFactory({ id: 'X-2' }) },
        { order: orderFactory({ id: 'X-1', channel: 'app' }) },
      ]),
    )
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('invalid_import')
    expect(res.body.error.issues).toEqual([{ line: 2, path: 'order.id', message: expect.any(String) }])
    expect((await storedOrders(clientId)).map((r) => r.order_id)).toEqual(['X-1'])
  })

  it('treats a repeated id inside one file like a re-import', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const order = orderFactory({ id: 'DUP-1' })
    const ok = await post(clientId, keys.integrator, ndjson([{ order }, { order }]))
    expect(ok.body).toMatchObject({ imported: 1, unchanged: 1 })
    const bad = await post(
      clientId,
      keys.integrator,
      ndjson([{ order: orderFactory({ id: 'DUP-2' }) }, { order: orderFactory({ id: 'DUP-2', tax: 1 }) }]),
    )
    expect(bad.status).toBe(422)
    expect(bad.body.error.issues[0].line).toBe(2)
  })

  it('lists every bad line with its number and path, and stores nothing', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const body = ndjson([
      { order: orderFactory({ id: 'V-1' }) },
      '{"order": ',
      { order: orderFactory({ id: 'V-3', total: 48.185 }) },
      { order: orderFactory({ id: 'V-4' }), label: 'spam' },
      { order: orderFactory({ id: 'V-5' }), lable: 'fraud' },
      { order: orderFactory({ id: 'V-6' }) },
    ])
    const res = await post(clientId, keys.integrator, body)
    expect(res.status).toBe(422)
    const byLine = res.body.error.issues.map((i: { line: number; path: string }) => [i.line, i.path])
    expect(byLine).toEqual([
      [2, '$'],
      [3, 'order.total'],
      [4, 'label'],
      // A misspelt key is named at its own path, not as the whole line.
      [5, 'lable'],
    ])
    expect(await storedOrders(clientId)).toHaveLength(0)
  })

  it('reports at most the first 100 issues', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await post(clientId, keys.integrator, ndjson(Array.from({ length: 150 }, () => '{}')))
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toHaveLength(100)
    expect(res.body.error.issues[99].line).toBe(100)
  })

  it('answers pan_detected with the line and field (never the digits) and stores nothing', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const withPan = orderFactory({ id: 'P-2', note: 'card 4111 1111 1111 1111 exp 12/29' })
    const res = await post(
      clientId,
      keys.integrator,
      ndjson([{ order: orderFactory({ id: 'P-1' }) }, '{}', { order: withPan }]),
    )
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('pan_detected')
    expect(res.body.error.issues).toEqual([{ line: 3, path: 'order.note', message: expect.any(String) }])
    expect(textWithoutRequestId(res)).not.toMatch(/4111/)
    expect(await storedOrders(clientId)).toHaveLength(0)
  })

  it('finds a card number even after 100 other issues', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const lines = [
      ...Array.from({ length: 120 }, () => '{}'),
      { order: orderFactory({ id: 'P', x: 4111111111111111 }) },
    ]
    const res = await post(clientId, keys.integrator, ndjson(lines))
    expect(res.body.error.code).toBe('pan_detected')
    expect(res.body.error.issues[0].line).toBe(121)
  })

  it('imports thousands of lines across batches, with CRLF line ends and no trailing newline', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const lines = Array.from({ length: 2500 }, (_, i) =>
      JSON.stringify({ order: orderFactory({ id: `B-${i}` }), label: 'legit' }),
    )
    const res = await post(clientId, keys.integrator, lines.join('\r\n'))
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ imported: 2500, unchanged: 0 })
    const count = await h.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('client_id', '=', clientId)
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(2500)
  })

  it('answers 415 unless the body is NDJSON', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await post(clientId, keys.integrator, ndjson([{ order: orderFactory() }]), {
      'content-type': 'application/json',
    })
    expect(res.status).toBe(415)
    expect(res.body.error.code).toBe('unsupported_media_type')
  })

  it('accepts an empty body as an empty import', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await post(clientId, keys.integrator, '')
    expect(res.body).toMatchObject({ imported: 0, unchanged: 0 })
  })
})

describe('imported orders in live evaluation', () => {
  const velocityRule = (fact: string, id: string) => ({
    id,
    category: 'fraud',
    conditions: {
      all: [{ fact: 'velocity', path: `$.${fact}`, operator: 'greaterThanInclusive', value: 1 }],
    },
    event: { type: 'score', params: { points: 10, message: fact } },
  })

  it('count as earlier orders for velocity by e-mail, IP and card, and for isFirstOrder', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const rules = [
      velocityRule('ordersByEmail1h', 'v.email'),
      velocityRule('ordersByIp1h', 'v.ip'),
      velocityRule('ordersByCard24h', 'v.card'),
      {
        id: 'c.first',
        category: 'fraud',
        conditions: { all: [{ fact: 'customer', path: '$.isFirstOrder', operator: 'equal', value: true }] },
        event: { type: 'tag', params: { tag: 'first-order' } },
      },
    ]
    await publishPolicy(h, clientId, policyFactory({ rules }))
    const past = orderFactory({
      id: 'PAST-1',
      createdAt: '2026-11-20T13:30:00Z',
      customer: { email: ' JANE.DOE@example.com', ip: '203.0.113.7' },
    })
    expect((await post(clientId, keys.integrator, ndjson([{ order: past, label: 'legit' }]))).status).toBe(
      200,
    )
    const res = await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
      key: keys.integrator,
      body: orderFactory({
        createdAt: '2026-11-20T14:03:00Z',
        customer: { email: 'jane.doe@example.com', ip: '203.0.113.7' },
      }),
    })
    expect(res.status).toBe(200)
    expect(res.body.reasons.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual([
      'v.card',
      'v.email',
      'v.ip',
    ])
    expect(res.body.tags).not.toContain('first-order')
    const stranger = await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
      key: keys.integrator,
      body: orderFactory({ customer: { email: 'new@example.org' } }),
    })
    expect(stranger.body.tags).toContain('first-order')
  })
})

describeCommonRouteTests(h, {
  method: 'POST',
  path: (id) => importPath(id),
  body: '',
  forbiddenRole: 'analyst',
})
