import { describe, expect, it } from 'vitest'
import { createClientWithKeys, orderFactory, policyFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

/**
 * orders.md and policies.md as an integrator and an analyst see them through HTTP, with expected
 * values worked out by hand from the contract text: money as written, delivery estimates over
 * public holidays, velocity window edges, evaluation errors.
 */
const h = useHarness()

type Json = Record<string, any>

const evaluate = (clientId: string, key: string, body: unknown) =>
  h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, { key, body })
const simulate = (clientId: string, key: string, body: unknown) =>
  h.request('POST', `/v1/clients/${clientId}/simulate`, { key, body })
const importLines = (clientId: string, key: string, body: string) =>
  h.request('POST', `/v1/clients/${clientId}/orders/import`, {
    key,
    body,
    headers: { 'content-type': 'application/x-ndjson' },
  })

async function storedOrderCount(clientId: string): Promise<number> {
  const rows = await h.db.selectFrom('orders').where('client_id', '=', clientId).select('order_id').execute()
  return rows.length
}

/** The order's JSON text with one number token written differently. */
function withToken(order: Json, from: string, to: string): string {
  const text = JSON.stringify(order)
  expect(text).toContain(from)
  return text.replace(from, to)
}

describe('orders.md: an amount with more decimals than its currency has is refused, as written', () => {
  // JSON.parse rounds these to doubles with few decimals (48.18, 19.99, 0, 3600, 2): the amount the
  // integrator wrote is not the amount that would be computed with.
  const lossy: [string, (o: Json) => string, string, string][] = [
    [
      'total 48.180000000000001 USD',
      (o) => withToken(o, '"total":48.18', '"total":48.180000000000001'),
      'total',
      'must have at most 2 decimals for USD',
    ],
    [
      'unitPrice 19.990000000000000001 USD',
      (o) => withToken(o, '"unitPrice":19.99', '"unitPrice":19.990000000000000001'),
      'items[0].unitPrice',
      'must have at most 2 decimals for USD',
    ],
    [
      'discount 1e-400 USD (parses to 0)',
      (o) => withToken(o, '"discount":0', '"discount":1e-400'),
      'discount',
      'must have at most 2 decimals for USD',
    ],
    [
      'quantity 2.0000000000000001',
      (o) => withToken(o, '"quantity":2', '"quantity":2.0000000000000001'),
      'items[0].quantity',
      'must be an integer ≥ 1',
    ],
  ]

  it.each(lossy)(
    'evaluate refuses %s with 422 naming the field, and stores nothing',
    async (_, body, path, message) => {
      const { clientId, keys } = await createClientWithKeys(h)
      await publishPolicy(h, clientId)
      const res = await evaluate(clientId, keys.integrator, body(orderFactory({ discount: 0 })))
      expect(res.status).toBe(422)
      expect(res.body.error.code).toBe('invalid_order')
      expect(res.body.error.issues).toEqual([{ path, message }])
      expect(await storedOrderCount(clientId)).toBe(0)
    },
  )

  it('refuses a JPY total written 3600.0000000000001, and lists it with the other issues', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    const yen = orderFactory({
      currency: 'JPY',
      items: [{ sku: 'A', quantity: 3, unitPrice: 1200 }],
      shipping: { method: 'standard' },
      tax: 0,
      discount: 0,
      total: 3600,
      payment: { method: 'card', status: 'authorized' },
    })
    const res = await evaluate(
      clientId,
      keys.integrator,
      withToken(yen, '"total":3600', '"total":3600.0000000000001'),
    )
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toEqual([
      { path: 'total', message: 'must be a whole amount: JPY has no decimals' },
    ])

    const alsoBad = withToken({ ...yen, channel: 7 }, '"total":3600', '"total":3600.0000000000001')
    const both = await evaluate(clientId, keys.integrator, alsoBad)
    expect(both.status).toBe(422)
    expect(both.body.error.issues.map((i: Json) => i.path).sort()).toEqual(['channel', 'total'])
  })

  it('accepts the same amounts written with trailing zeros or an exponent', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    for (const [from, to] of [
      ['"total":48.18', '"total":48.18000000000000000000'],
      ['"total":48.18', '"total":4818e-2'],
      ['"unitPrice":19.99', '"unitPrice":1.999E+1'],
      ['"quantity":2', '"quantity":2.000000000000000000'],
    ] as const) {
      const order = orderFactory()
      const res = await evaluate(clientId, keys.integrator, withToken(order, from, to))
      expect(res.status, `${to}: ${res.text}`).toBe(200)
    }
    // A number in an extra field is kept as the order sent it, not judged as money.
    const extra = withToken(orderFactory({ ratio: 0.5 }), '"ratio":0.5', '"ratio":0.50000000000000000001')
    expect((await evaluate(clientId, keys.integrator, extra)).status).toBe(200)
  })

  it('simulate and import refuse it too, naming order.total', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    const order = orderFactory()
    const orderText = withToken(order, '"total":48.18', '"total":48.180000000000001')

    const simulated = await simulate(clientId, keys.analyst, `{"order":${orderText}}`)
    expect(simulated.status).toBe(422)
    expect(simulated.body.error.issues).toEqual([
      { path: 'order.total', message: 'must have at most 2 decimals for USD' },
    ])

    const imported = await importLines(
      clientId,
      keys.integrator,
      `${JSON.stringify({ order: orderFactory() })}\n{"order":${orderText},"label":null}\n`,
    )
    expect(imported.status).toBe(422)
    expect(imported.body.error.issues).toEqual([
      { line: 2, path: 'order.total', message: 'must have at most 2 decimals for USD' },
    ])
    expect(await storedOrderCount(clientId)).toBe(0)
  })
})

describe('policies.md: delivery estimates in the client time zone and holiday calendar', () => {
  const document = policyFactory({
    rules: [],
    settings: {
      thresholds: { review: 40, decline: 80 },
      timezone: 'America/New_York',
      holidays: { country: 'US' },
      shippingMethods: [
        {
          code: 'standard',
          carrier: 'UPS',
          transitDays: { min: 3, max: 5 },
          cutoff: '14:00',
          countries: ['US'],
        },
        {
          code: 'express',
          carrier: 'FedEx',
          transitDays: { min: 1, max: 2 },
          cutoff: '12:00',
          countries: ['US'],
        },
      ],
    },
  })

  // Thanksgiving is Thu 26 Nov 2026; Independence Day (Sat 4 Jul) is observed on Fri 3 Jul.
  const cases: [string, string, string, string, string][] = [
    ['Fri 09:03 local, before the cut-off', '2026-11-20T14:03:00Z', 'standard', '2026-11-25', '2026-11-30'],
    [
      'Wed 13:59 local, the day before Thanksgiving',
      '2026-11-25T18:59:00Z',
      'standard',
      '2026-12-01',
      '2026-12-03',
    ],
    ['Wed 14:00 local, at the cut-off', '2026-11-25T19:00:00Z', 'standard', '2026-12-02', '2026-12-04'],
    [
      'Thu 12:00 local at the cut-off, Fri is the observed holiday',
      '2026-07-02T12:00:00-04:00',
      'express',
      '2026-07-07',
      '2026-07-08',
    ],
    ['Sun 13:59 local, the day clocks change', '2026-03-08T17:59:00Z', 'express', '2026-03-10', '2026-03-11'],
  ]

  it.each(cases)('%s', async (_, createdAt, method, earliest, latest) => {
    const { clientId, keys } = await createClientWithKeys(h)
    const order = orderFactory({ createdAt, shipping: { method, price: 5 } })
    const res = await simulate(clientId, keys.analyst, { order, document })
    expect(res.status).toBe(200)
    expect(res.body.shipping.estimatedDelivery).toEqual({ earliest, latest })
  })
})

describe('policies.md: velocity windows are [createdAt − window, createdAt), compared as instants', () => {
  it('counts exactly the earlier orders inside each window, by normalised e-mail, IP and card', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    const base = orderFactory() as Json
    const as = (createdAt: string, email: string, ip: string | undefined, last4: string | undefined) =>
      orderFactory({
        createdAt,
        customer: { ...base.customer, email, ip },
        payment: { ...base.payment, card: last4 ? { bin: '411111', last4 } : undefined },
      })
    const earlier = [
      as('2026-11-20T13:00:00Z', ' Jane@Example.COM ', '2001:DB8:0:0::1', '1111'), // exactly 1 h before
      as('2026-11-20T15:59:59.999+02:00', 'jane@example.com', '2001:db8::1', '2222'), // 1 ms before
      as('2026-11-19T14:00:00Z', 'jane@example.com', undefined, undefined), // exactly 24 h before
      as('2026-11-19T13:59:59.999Z', 'jane@example.com', '203.0.113.7', '3333'), // 1 ms outside 24 h
      as('2026-11-13T14:00:00Z', 'other@example.com', '203.0.113.7', '1111'), // exactly 7 d before
      as('2026-11-13T13:59:59.999Z', 'third@example.com', '2001:db8::1', '1111'), // outside 7 d
      as('2026-11-20T14:00:00Z', 'jane@example.com', '2001:db8::1', '1111'), // the same instant
      as('2026-11-20T13:30:00Z', 'x@example.com', undefined, undefined), // no IP, no card
    ]
    for (const order of earlier) expect((await evaluate(clientId, keys.integrator, order)).status).toBe(200)

    const order = as('2026-11-20T14:00:00Z', 'JANE@example.com', '2001:db8::1', '1111')
    const res = await simulate(clientId, keys.analyst, { order })
    expect(res.status).toBe(200)
    expect(res.body.facts.velocity).toEqual({
      ordersByEmail1h: 2,
      ordersByEmail24h: 3,
      ordersByIp1h: 2,
      ordersByIp24h: 2,
      ordersByCard24h: 1,
      distinctCardsByEmail7d: 3,
      distinctEmailsByCard7d: 2,
      amountByEmail24h: 144.54,
    })
    expect(res.body.facts.customer.isFirstOrder).toBe(false)

    const keyless = as('2026-11-20T14:00:00Z', 'nobody@example.com', undefined, undefined)
    const alone = await simulate(clientId, keys.analyst, { order: keyless })
    expect(alone.body.facts.velocity).toMatchObject({
      ordersByIp1h: 0,
      ordersByCard24h: 0,
      ordersByEmail24h: 0,
    })
    expect(alone.body.facts.customer.isFirstOrder).toBe(true)
  })
})

describe('policies.md: evaluation errors never let an order pass silently', () => {
  const rule = (id: string, condition: Json, event: Json, extra: Json = {}) => ({
    id,
    category: 'fraud',
    conditions: { all: [condition] },
    event,
    ...extra,
  })
  const inNumber = {
    fact: 'order',
    path: '$.currency',
    operator: 'in',
    value: { fact: 'totals', path: '$.declared' },
  }

  it('an erring rule does not fire, is listed under errors, and lifts approve to review; decline still wins', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const erring = rule('err.in-number', inNumber, { type: 'decline', params: { code: 'X', message: 'x' } })
    const disabled = rule(
      'err.disabled',
      inNumber,
      { type: 'review', params: { message: 'm' } },
      { enabled: false },
    )
    const order = orderFactory()
    const res = await simulate(clientId, keys.analyst, {
      order,
      document: policyFactory({ rules: [erring, disabled] }),
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ outcome: 'review', score: 0, reasons: [] })
    expect(res.body.errors).toHaveLength(1)
    expect(res.body.errors[0].ruleId).toBe('err.in-number')
    expect(res.body.trace.map((t: Json) => [t.ruleId, t.status])).toEqual([
      ['err.in-number', 'error'],
      ['err.disabled', 'disabled'],
    ])

    const decline = rule(
      'ship.us',
      { fact: 'order', path: '$.currency', operator: 'equal', value: 'USD' },
      {
        type: 'decline',
        params: { code: 'D', message: 'd' },
      },
    )
    const both = await simulate(clientId, keys.analyst, {
      order,
      document: policyFactory({ rules: [erring, decline] }),
    })
    expect(both.body).toMatchObject({ outcome: 'decline', reasons: [{ ruleId: 'ship.us', type: 'decline' }] })
    expect(both.body.errors.map((e: Json) => e.ruleId)).toEqual(['err.in-number'])
  })
})

describe('policies.md: only patterns that can backtrack catastrophically are refused at save', () => {
  const save = (clientId: string, key: string, pattern: string) =>
    h.request('POST', `/v1/clients/${clientId}/policy/versions`, {
      key,
      body: {
        comment: 'regex',
        document: policyFactory({
          rules: [
            {
              id: 'fraud.pattern',
              category: 'fraud',
              conditions: {
                all: [{ fact: 'order', path: '$.customer.email', operator: 'matches', value: pattern }],
              },
              event: { type: 'review', params: { message: 'm' } },
            },
          ],
        }),
      },
    })

  // Each iteration of the outer repetition ends (or starts) at a character nothing else in it can
  // match, so the text alone decides how it splits: no backtracking engine explodes on these.
  const everyday = [
    '^[\\w.+-]+@([\\w-]+\\.)+[a-z]{2,}$',
    '^(?:\\+?1[-. ]?)?\\(?\\d{3}\\)?[-. ]?\\d{3}[-. ]?\\d{4}$',
    '^(\\d{3}-)*\\d{4}$',
    '^(\\w+ )*\\w+$',
    '^([A-Z][a-z]+ )+[A-Z][a-z]+$',
    '(\\.[a-z]+)+$',
  ]
  const catastrophic = [
    '(a+)+$',
    '(\\w+\\s?)+$',
    '(.*a){11}',
    '(a*a*,)*$',
    '^(([a-z])+.)+[A-Z]([a-z])+$',
    '(a|aa)+$',
  ]

  it('saves everyday patterns with repeated delimited groups, and refuses the catastrophic ones', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    for (const pattern of everyday) {
      const res = await save(clientId, keys.analyst, pattern)
      expect(res.status, `${pattern}: ${res.text}`).toBe(201)
    }
    for (const pattern of catastrophic) {
      const res = await save(clientId, keys.analyst, pattern)
      expect(res.status, pattern).toBe(422)
      expect(res.body.error.issues).toEqual([
        {
          path: '$.rules[0].conditions.all[0].value',
          code: 'UNSAFE_REGEX',
          message: expect.stringContaining('can backtrack catastrophically'),
        },
      ])
    }
  })
})
