import { describe, expect, it } from 'vitest'
import { textWithoutRequestId } from '../support/answer-text.js'
import { createClientWithKeys, orderFactory, policyFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

/**
 * The data contract seen from outside (api.md, orders.md, policies.md): the NDJSON import, the
 * catalog, managed lists and reproduce, checked only through HTTP answers.
 */
const h = useHarness()
const NDJSON = { 'content-type': 'application/x-ndjson' }
type Json = Record<string, unknown>

const line = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))
const importFile = (clientId: string, key: string, body: string, headers: Record<string, string> = NDJSON) =>
  h.request('POST', `/v1/clients/${clientId}/orders/import`, { key, body, headers })
const evaluate = (clientId: string, key: string, order: unknown) =>
  h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, { key, body: order })
const reversed = (value: Json): Json => Object.fromEntries(Object.entries(value).reverse())

/** Whether an import stored an order: evaluating other content under its id answers 409 then. */
async function isStored(clientId: string, key: string, id: string): Promise<boolean> {
  const res = await evaluate(clientId, key, orderFactory({ id, channel: 'probe' }))
  expect([200, 409]).toContain(res.status)
  return res.status === 409
}

async function importClient() {
  const client = await createClientWithKeys(h)
  await publishPolicy(h, client.clientId, policyFactory({ rules: [] }))
  return client
}

describe('import: NDJSON framing', () => {
  it('accepts a BOM, CRLF line ends, blank lines and a trailing newline', async () => {
    const { clientId, keys } = await importClient()
    const a = orderFactory()
    const b = orderFactory()
    const body = `\uFEFF${line({ order: a })}\r\n\r\n   \r\n${line({ order: b, label: 'legit' })}\r\n\r\n`
    const res = await importFile(clientId, keys.integrator, body)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ imported: 2, unchanged: 0 })
    expect(await isStored(clientId, keys.integrator, a.id as string)).toBe(true)
    expect(await isStored(clientId, keys.integrator, b.id as string)).toBe(true)
  })

  it('numbers lines physically (1-based, blank lines and a BOM included) and stores nothing', async () => {
    const { clientId, keys } = await importClient()
    const good = orderFactory()
    const body = [
      `\uFEFF${line({ order: good })}`,
      '',
      '',
      line({ order: orderFactory({ total: 'many' }) }),
      '  ',
      line({ order: orderFactory(), label: 'FRAUD' }),
      line([1, 2]),
      'null',
    ].join('\r\n')
    const res = await importFile(clientId, keys.integrator, body)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('invalid_import')
    expect(res.body.error.requestId).toEqual(expect.any(String))
    const issues = res.body.error.issues as { line: number; path: string; message: string }[]
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [4, 'order.total'],
      [6, 'label'],
      [7, '$'],
      [8, '$'],
    ])
    for (const issue of issues) expect(issue.message).toEqual(expect.any(String))
    expect(await isStored(clientId, keys.integrator, good.id as string)).toBe(false)
  })

  it('a bad first line right after a BOM is line 1', async () => {
    const { clientId, keys } = await importClient()
    const res = await importFile(
      clientId,
      keys.integrator,
      `\uFEFF{"order": 1}\n${line({ order: orderFactory() })}`,
    )
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toEqual([{ line: 1, path: 'order', message: expect.any(String) }])
  })

  it('lists only the first 100 issues, in line order', async () => {
    const { clientId, keys } = await importClient()
    const lines = [line({ order: orderFactory() }), ...Array.from({ length: 140 }, () => '{}')]
    const res = await importFile(clientId, keys.integrator, lines.join('\n'))
    expect(res.status).toBe(422)
    const issueLines = (res.body.error.issues as { line: number }[]).map((i) => i.line)
    expect(issueLines).toHaveLength(100)
    expect(issueLines).toEqual([...issueLines].sort((x, y) => x - y))
    expect(issueLines[0]).toBe(2)
    expect(issueLines.at(-1)).toBeLessThanOrEqual(101)
  })

  it('answers 415 in the error envelope for anything but NDJSON, and accepts NDJSON with a charset', async () => {
    const { clientId, keys } = await importClient()
    const body = line({ order: orderFactory() })
    for (const type of ['application/json', 'text/plain', 'application/x-ndjsonx', '']) {
      const res = await importFile(clientId, keys.integrator, body, { 'content-type': type })
      expect(res.status, type).toBe(415)
      expect(res.body.error).toMatchObject({ code: 'unsupported_media_type', requestId: expect.any(String) })
    }
    const ok = await importFile(clientId, keys.integrator, body, {
      'content-type': 'application/x-ndjson; charset=utf-8',
    })
    expect(ok.status).toBe(200)
  })
})

describe('import: ids already stored or repeated', () => {
  it('an order evaluated earlier is unchanged when imported with the same content in another key order', async () => {
    const { clientId, keys } = await importClient()
    const order = orderFactory()
    const first = await evaluate(clientId, keys.integrator, order)
    expect(first.status).toBe(200)
    const fresh = orderFactory()
    const res = await importFile(
      clientId,
      keys.integrator,
      [line({ order: reversed(order), label: 'fraud' }), line({ order: fresh })].join('\n'),
    )
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ imported: 1, unchanged: 1 })
    // Still answered with its one decision.
    const again = await evaluate(clientId, keys.integrator, order)
    expect(again.body.decisionId).toBe(first.body.decisionId)
  })

  it('a stored id with different content is an issue on its line, and nothing of the file is stored', async () => {
    const { clientId, keys } = await importClient()
    const stored = orderFactory()
    expect((await importFile(clientId, keys.integrator, line({ order: stored }))).status).toBe(200)
    const fresh = orderFactory()
    const body = [line({ order: fresh }), '', line({ order: { ...stored, tax: 3.21, total: 48.19 } })].join(
      '\n',
    )
    const res = await importFile(clientId, keys.integrator, body)
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toEqual([{ line: 3, path: 'order.id', message: expect.any(String) }])
    expect(await isStored(clientId, keys.integrator, fresh.id as string)).toBe(false)
  })

  it('the same id twice in one file: same content counts once, different content names the later line', async () => {
    const { clientId, keys } = await importClient()
    const order = orderFactory()
    const same = await importFile(
      clientId,
      keys.integrator,
      [line({ order }), line({ order: reversed(order) })].join('\n'),
    )
    expect(same.status).toBe(200)
    expect(same.body).toMatchObject({ imported: 1, unchanged: 1 })

    const dup = orderFactory()
    const other = orderFactory()
    const differing = await importFile(
      clientId,
      keys.integrator,
      [line({ order: other }), line({ order: dup }), '', line({ order: { ...dup, channel: 'app' } })].join(
        '\n',
      ),
    )
    expect(differing.status).toBe(422)
    expect(differing.body.error.issues).toEqual([{ line: 4, path: 'order.id', message: expect.any(String) }])
    expect(await isStored(clientId, keys.integrator, dup.id as string)).toBe(false)
    expect(await isStored(clientId, keys.integrator, other.id as string)).toBe(false)
  })
})

describe('import: every issue of a large file', () => {
  it('still finds an id repeated with other content in a later batch after an earlier issue', async () => {
    const { clientId, keys } = await importClient()
    const dup = orderFactory()
    const lines = [
      '{}',
      line({ order: dup }),
      ...Array.from({ length: 1100 }, () => line({ order: orderFactory() })),
      line({ order: { ...dup, channel: 'app' } }),
    ]
    const res = await importFile(clientId, keys.integrator, lines.join('\n'))
    expect(res.status).toBe(422)
    expect((res.body.error.issues as { line: number; path: string }[]).map((i) => [i.line, i.path])).toEqual([
      [1, 'order'],
      [1103, 'order.id'],
    ])
    expect(await isStored(clientId, keys.integrator, dup.id as string)).toBe(false)
  })
})

describe('import: concurrent files', () => {
  it('two files holding the same ids in opposite orders both succeed, each order stored once', async () => {
    const { clientId, keys } = await importClient()
    const orders = Array.from({ length: 2500 }, () => orderFactory())
    const forward = orders.map((order) => line({ order })).join('\n')
    const backward = [...orders]
      .reverse()
      .map((order) => line({ order }))
      .join('\n')
    const results = await Promise.all([
      importFile(clientId, keys.integrator, forward),
      importFile(clientId, keys.integrator, backward),
      importFile(clientId, keys.integrator, forward),
      importFile(clientId, keys.integrator, backward),
    ])
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200])
    expect(results.reduce((sum, r) => sum + r.body.imported, 0)).toBe(orders.length)
    expect(results.reduce((sum, r) => sum + r.body.unchanged, 0)).toBe(3 * orders.length)
  })
})

describe('import: card numbers and labels', () => {
  it('a card number on any line is pan_detected with that line, never the digits, and nothing is stored', async () => {
    const { clientId, keys } = await importClient()
    const good = orderFactory()
    const cases: [string, string][] = [
      [line({ order: orderFactory({ note: 'card 4111-1111-1111-1111 exp 12/29' }) }), 'order.note'],
      [
        `{"order": ${line(orderFactory({ ref: 0 })).replace('"ref":0', '"ref":5500005555555559')}}`,
        'order.ref',
      ],
      [line({ order: orderFactory(), comment: 'paid with 4111 1111 1111 1111' }), 'comment'],
    ]
    for (const [panLine, path] of cases) {
      const res = await importFile(
        clientId,
        keys.integrator,
        [line({ order: good }), '', '{}', panLine].join('\n'),
      )
      expect(res.status).toBe(422)
      expect(res.body.error.code).toBe('pan_detected')
      expect(res.body.error.issues).toEqual([{ line: 4, path, message: expect.any(String) }])
      expect(textWithoutRequestId(res)).not.toMatch(/4111|5500/)
    }
    expect(await isStored(clientId, keys.integrator, good.id as string)).toBe(false)
  })

  it('labels are fraud, chargeback, legit or null; anything else names the label', async () => {
    const { clientId, keys } = await importClient()
    for (const label of ['fraud', 'chargeback', 'legit', null]) {
      const res = await importFile(clientId, keys.integrator, line({ order: orderFactory(), label }))
      expect(res.status, String(label)).toBe(200)
    }
    for (const label of ['Fraud', 'legit ', '', 1, true]) {
      const res = await importFile(clientId, keys.integrator, line({ order: orderFactory(), label }))
      expect(res.status, String(label)).toBe(422)
      expect(res.body.error.issues).toEqual([{ line: 1, path: 'label', message: expect.any(String) }])
    }
  })
})

describe('import: imported orders and evaluate', () => {
  it('has no decision; evaluate of the same content decides it now, once; other content is 409', async () => {
    const { clientId, keys } = await importClient()
    const order = orderFactory()
    expect((await importFile(clientId, keys.integrator, line({ order, label: 'legit' }))).status).toBe(200)
    const listed = await h.request('GET', `/v1/clients/${clientId}/decisions?orderId=${order.id}`, {
      key: keys.auditor,
    })
    expect(listed.body.data).toEqual([])

    const first = await evaluate(clientId, keys.integrator, reversed(order))
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ orderId: order.id, outcome: 'approve', policyVersion: 1 })
    const second = await evaluate(clientId, keys.integrator, order)
    expect(second.status).toBe(200)
    expect(second.body.decisionId).toBe(first.body.decisionId)
    const changed = await evaluate(clientId, keys.integrator, { ...order, channel: 'app' })
    expect(changed.status).toBe(409)
    expect(changed.body.error.code).toBe('order_exists')
    const after = await h.request('GET', `/v1/clients/${clientId}/decisions?orderId=${order.id}`, {
      key: keys.auditor,
    })
    expect(after.body.data.map((d: { decisionId: string }) => d.decisionId)).toEqual([first.body.decisionId])
  })
})

describe('import: labels of a repeated id', () => {
  it('a later line of the same file sets the label of an order its earlier line imported', async () => {
    const { clientId, keys } = await importClient()
    const order = orderFactory()
    const res = await importFile(
      clientId,
      keys.integrator,
      [line({ order, label: null }), line({ order: reversed(order), label: 'fraud' })].join('\n'),
    )
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ imported: 1, unchanged: 1, labelsUpdated: 1 })
    const row = await h.db
      .selectFrom('orders')
      .select('label')
      .where('client_id', '=', clientId)
      .where('order_id', '=', order.id as string)
      .executeTakeFirstOrThrow()
    expect(row.label).toBe('fraud')
  })
})

const tagRule = (id: string, condition: Json) => ({
  id,
  category: 'fraud',
  conditions: { all: [condition] },
  event: { type: 'tag', params: { tag: id } },
})

const catalogRules = [
  tagRule('unknown', { fact: 'items', path: '$.unknownSkus', operator: 'contains', value: 'TEE-M-BLU' }),
  tagRule('out-of-stock', {
    fact: 'items',
    path: '$.outOfStockSkus',
    operator: 'contains',
    value: 'TEE-M-BLU',
  }),
  tagRule('price', { fact: 'items', path: '$.priceMismatchSkus', operator: 'contains', value: 'TEE-M-BLU' }),
]

const teeRow = {
  sku: 'TEE-M-BLU',
  name: 'T-shirt',
  price: 19.99,
  currency: 'USD',
  stock: 10,
  category: 'apparel',
}

describe('catalog', () => {
  const putCatalog = (clientId: string, key: string, body: unknown, type = 'application/json') =>
    h.request('PUT', `/v1/clients/${clientId}/catalog`, { key, body, headers: { 'content-type': type } })
  const getItem = (clientId: string, key: string, sku: string) =>
    h.request('GET', `/v1/clients/${clientId}/catalog/${encodeURIComponent(sku)}`, { key })

  it('upserts in bulk: existing SKUs are updated, others kept, new ones inserted', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const rows = ['A', 'B', 'C'].map((sku) => ({ ...teeRow, sku }))
    expect((await putCatalog(clientId, keys.integrator, rows)).body).toEqual({ inserted: 3, updated: 0 })
    const second = await putCatalog(clientId, keys.integrator, [
      { ...teeRow, sku: 'B', price: 5, stock: 0 },
      { ...teeRow, sku: 'D' },
    ])
    expect(second.body).toEqual({ inserted: 1, updated: 1 })
    expect((await getItem(clientId, keys.auditor, 'A')).body).toMatchObject({
      sku: 'A',
      price: 19.99,
      stock: 10,
    })
    expect((await getItem(clientId, keys.auditor, 'B')).body).toMatchObject({ sku: 'B', price: 5, stock: 0 })
    expect((await getItem(clientId, keys.auditor, 'D')).status).toBe(200)
    const missing = await getItem(clientId, keys.auditor, 'E')
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('not_found')
  })

  it('takes NDJSON with a BOM, CRLF and blank lines, and names the line of a bad row', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const ok = await putCatalog(
      clientId,
      keys.integrator,
      `\uFEFF${line(teeRow)}\r\n\r\n${line({ ...teeRow, sku: 'X/1 ü+' })}\r\n`,
      'application/x-ndjson',
    )
    expect(ok.status).toBe(200)
    expect(ok.body).toEqual({ inserted: 2, updated: 0 })
    expect((await getItem(clientId, keys.auditor, 'X/1 ü+')).body.sku).toBe('X/1 ü+')
    const bad = await putCatalog(
      clientId,
      keys.integrator,
      [line({ ...teeRow, sku: 'NEW-1' }), '', line({ ...teeRow, sku: 'NEW-2', stock: -1 })].join('\n'),
      'application/x-ndjson',
    )
    expect(bad.status).toBe(422)
    expect(bad.body.error.issues).toEqual([{ path: '[1].stock', line: 3, message: expect.any(String) }])
    expect((await getItem(clientId, keys.auditor, 'NEW-1')).status).toBe(404)
  })

  it('writes nothing when one row is invalid, naming its index and field', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await putCatalog(clientId, keys.integrator, [teeRow])
    const res = await putCatalog(clientId, keys.integrator, [
      { ...teeRow, stock: 0 },
      { ...teeRow, sku: 'NEW' },
      { ...teeRow, sku: 'BAD', price: 1.005 },
      { ...teeRow, sku: 'BAD2', currency: 'usd' },
    ])
    expect(res.status).toBe(422)
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['[2].price', '[3].currency'])
    expect((await getItem(clientId, keys.auditor, 'TEE-M-BLU')).body.stock).toBe(10)
    expect((await getItem(clientId, keys.auditor, 'NEW')).status).toBe(404)
  })

  it('answers 413 for more than 10,000 rows in one upload (under 1 MiB), and stores none of them', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const rows = Array.from({ length: 10_001 }, (_, i) => ({
      sku: `S${i}`,
      price: 1,
      currency: 'USD',
      stock: 1,
    }))
    for (const [body, type] of [
      [JSON.stringify(rows), 'application/json'],
      [rows.map(line).join('\n'), 'application/x-ndjson'],
    ] as const) {
      expect(body.length).toBeLessThan(1024 * 1024)
      const res = await putCatalog(clientId, keys.integrator, body, type)
      expect(res.status, type).toBe(413)
      expect(res.body.error.code).toBe('payload_too_large')
    }
    expect((await getItem(clientId, keys.auditor, 'S0')).status).toBe(404)
    const max = await putCatalog(clientId, keys.integrator, rows.slice(0, 10_000))
    expect(max.body).toEqual({ inserted: 10_000, updated: 0 })
  })

  it('concurrent uploads of the same SKUs in opposite orders both succeed (no deadlock)', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const rows = Array.from({ length: 3000 }, (_, i) => ({ ...teeRow, sku: `K${i}` }))
    await putCatalog(clientId, keys.integrator, rows)
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, k) =>
        putCatalog(
          clientId,
          keys.integrator,
          (k % 2 ? [...rows].reverse() : rows).map((r) => ({ ...r, stock: k })),
        ),
      ),
    )
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200])
  })

  it('the next evaluation sees unknown, out-of-stock and mispriced SKUs as the catalog changes', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId, policyFactory({ rules: catalogRules }))
    const tags = async () => {
      const res = await evaluate(clientId, keys.integrator, orderFactory())
      expect(res.status).toBe(200)
      return res.body.tags
    }
    expect(await tags()).toEqual([]) // no catalog: the catalog facts are empty
    await putCatalog(clientId, keys.integrator, [{ ...teeRow, sku: 'OTHER' }])
    expect(await tags()).toEqual(['unknown'])
    await putCatalog(clientId, keys.integrator, [{ ...teeRow, stock: 1 }])
    expect(await tags()).toEqual(['out-of-stock']) // two ordered, one in stock
    await putCatalog(clientId, keys.integrator, [{ ...teeRow, stock: 2, price: 19.97 }])
    expect(await tags()).toEqual(['price'])
    await putCatalog(clientId, keys.integrator, [{ ...teeRow, price: 19.98 }]) // within 0.01
    expect(await tags()).toEqual([])
    await putCatalog(clientId, keys.integrator, [{ ...teeRow, currency: 'EUR' }])
    expect(await tags()).toEqual(['price'])
  })
})

const emailBlockRule = {
  id: 'fraud.blocked-email',
  category: 'fraud',
  conditions: {
    all: [{ fact: 'order', path: '$.customer.email', operator: 'inList', value: 'blocked-emails' }],
  },
  event: { type: 'decline', params: { code: 'BLOCKED', message: 'Blocked e-mail' } },
}
const notesRule = {
  id: 'fraud.flagged-note',
  category: 'fraud',
  conditions: { all: [{ fact: 'order', path: '$.note', operator: 'inList', value: 'flagged-notes' }] },
  event: { type: 'review', params: { message: 'Flagged note' } },
}
const trustedRule = {
  id: 'fraud.untrusted',
  category: 'fraud',
  conditions: {
    all: [{ fact: 'order', path: '$.customer.email', operator: 'notInList', value: 'trusted-emails' }],
  },
  event: { type: 'tag', params: { tag: 'untrusted' } },
}

describe('managed lists', () => {
  const listPath = (clientId: string, name: string) => `/v1/clients/${clientId}/lists/${name}`

  it('PUT creates and replaces with a description; GET lists them with counts', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const created = await h.request('PUT', listPath(clientId, 'blocked-emails'), {
      key: keys.analyst,
      body: { description: 'fraud team', items: ['A@x.io', ' a@X.io ', 'b@x.io'] },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: 'blocked-emails', description: 'fraud team', itemCount: 2 })
    const replaced = await h.request('PUT', listPath(clientId, 'blocked-emails'), {
      key: keys.analyst,
      body: { description: 'v2', items: ['c@x.io'] },
    })
    expect(replaced.status).toBe(200)
    const all = await h.request('GET', `/v1/clients/${clientId}/lists`, { key: keys.auditor })
    expect(all.body.data).toEqual([
      expect.objectContaining({ name: 'blocked-emails', description: 'v2', itemCount: 1 }),
    ])
    const one = await h.request('GET', listPath(clientId, 'blocked-emails'), { key: keys.auditor })
    expect(one.body.items).toEqual(['c@x.io'])
  })

  it('POST adds and DELETE removes URL-encoded values with spaces, slashes, unicode, + and %', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const path = listPath(clientId, 'flagged-notes')
    await h.request('PUT', path, { key: keys.analyst, body: { items: [] } })
    const values = ['two words', 'a/b/c', 'ÉCOLE ünï 😀', 'x+y@example.com', '100%', 'q?r#s&t=u']
    const added = await h.request('POST', `${path}/items`, { key: keys.analyst, body: { items: values } })
    expect(added.status).toBe(200)
    expect(added.body.added).toBe(values.length)
    for (const value of values) {
      const res = await h.request('DELETE', `${path}/items/${encodeURIComponent(value)}`, {
        key: keys.analyst,
      })
      expect(res.status, value).toBe(204)
    }
    expect((await h.request('GET', path, { key: keys.auditor })).body.items).toEqual([])
    const gone = await h.request('DELETE', `${path}/items/${encodeURIComponent('a/b/c')}`, {
      key: keys.analyst,
    })
    expect(gone.status).toBe(404)
  })

  it('a change takes effect on the very next evaluation, same version, and the decision records the entry', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await h.request('PUT', listPath(clientId, 'flagged-notes'), { key: keys.analyst, body: { items: [] } })
    const version = await publishPolicy(h, clientId, policyFactory({ rules: [notesRule] }))
    const note = 'Leave at door / ÉCOLE + 100%'
    const run = () => evaluate(clientId, keys.integrator, orderFactory({ note: `  ${note.toUpperCase()} ` }))
    expect((await run()).body.outcome).toBe('approve')
    await h.request('POST', `${listPath(clientId, 'flagged-notes')}/items`, {
      key: keys.analyst,
      body: { items: [note] },
    })
    const hit = await run()
    expect(hit.body).toMatchObject({ outcome: 'review', policyVersion: version })
    const stored = await h.request('GET', `/v1/clients/${clientId}/decisions/${hit.body.decisionId}`, {
      key: keys.auditor,
    })
    expect(stored.body.listMatches).toEqual([
      { list: 'flagged-notes', value: note.toLowerCase(), ruleId: 'fraud.flagged-note' },
    ])
    const removed = await h.request(
      'DELETE',
      `${listPath(clientId, 'flagged-notes')}/items/${encodeURIComponent(note)}`,
      { key: keys.analyst },
    )
    expect(removed.status).toBe(204)
    expect((await run()).body.outcome).toBe('approve')
  })

  it('entries and facts are normalised the same way (trimmed, case-insensitive, unicode case too)', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await h.request('PUT', listPath(clientId, 'blocked-emails'), {
      key: keys.analyst,
      body: { items: ['  ÉLODIE.Müller@Example.COM  '] },
    })
    await h.request('PUT', listPath(clientId, 'trusted-emails'), {
      key: keys.analyst,
      body: { items: ['VIP@Example.com'] },
    })
    await publishPolicy(h, clientId, policyFactory({ rules: [emailBlockRule, trustedRule] }))
    const withEmail = (email: string) =>
      evaluate(clientId, keys.integrator, orderFactory({ customer: { name: 'Jane Doe', email } }))
    const blocked = await withEmail('élodie.müller@example.com ')
    expect(blocked.body.outcome).toBe('decline')
    expect(blocked.body.tags).toEqual(['untrusted'])
    const trusted = await withEmail(' vip@EXAMPLE.com')
    expect(trusted.body.outcome).toBe('approve')
    expect(trusted.body.tags).toEqual([])
  })
})

describe('reproduce', () => {
  const reproduce = (clientId: string, key: string, decisionId: string) =>
    h.request('POST', `/v1/clients/${clientId}/decisions/${decisionId}/reproduce`, { key })

  it('is identical for an untouched decision, also after the catalog, the lists and the live version changed', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const lists = `/v1/clients/${clientId}/lists`
    await h.request('PUT', `${lists}/blocked-emails`, {
      key: keys.analyst,
      body: { items: ['bad@example.com'] },
    })
    await h.request('PUT', `${lists}/trusted-emails`, { key: keys.analyst, body: { items: [] } })
    await h.request('PUT', `/v1/clients/${clientId}/catalog`, {
      key: keys.integrator,
      body: [{ ...teeRow, stock: 1, price: 18 }],
    })
    const rules = [emailBlockRule, trustedRule, ...catalogRules]
    const version = await publishPolicy(h, clientId, policyFactory({ rules }))
    const blocked = await evaluate(
      clientId,
      keys.integrator,
      orderFactory({ customer: { email: 'Bad@Example.com' } }),
    )
    const clean = await evaluate(clientId, keys.integrator, orderFactory())
    expect(blocked.body).toMatchObject({ outcome: 'decline', tags: ['untrusted', 'out-of-stock', 'price'] })
    expect(clean.body).toMatchObject({ outcome: 'approve', tags: ['untrusted', 'out-of-stock', 'price'] })
    const decisions = [blocked.body.decisionId, clean.body.decisionId]

    const check = async () => {
      for (const id of decisions) {
        const res = await reproduce(clientId, keys.auditor, id)
        expect(res.status).toBe(200)
        expect(res.body).toMatchObject({ identical: true, decisionId: id, policyVersion: version })
      }
    }
    await check()
    await h.request('PUT', `/v1/clients/${clientId}/catalog`, {
      key: keys.integrator,
      body: [{ ...teeRow, stock: 100 }],
    })
    await h.request('PUT', `${lists}/blocked-emails`, { key: keys.analyst, body: { items: [] } })
    await h.request('PUT', `${lists}/trusted-emails`, {
      key: keys.analyst,
      body: { items: ['bad@example.com', 'jane.doe@example.com'] },
    })
    await check()
    const next = await publishPolicy(
      h,
      clientId,
      policyFactory({ rules: [{ ...emailBlockRule, event: { type: 'review', params: { message: 'x' } } }] }),
    )
    expect(next).toBe(version + 1)
    await check()
    // The changes are real: the same orders now decide otherwise.
    const now = await h.request('POST', `/v1/clients/${clientId}/simulate`, {
      key: keys.analyst,
      body: { order: orderFactory({ customer: { email: 'bad@example.com' } }), version },
    })
    expect(now.body).toMatchObject({ outcome: 'approve', tags: [] })
  })

  it('answers 404 for another client’s decision', async () => {
    const mine = await createClientWithKeys(h)
    const other = await createClientWithKeys(h)
    await publishPolicy(h, mine.clientId)
    const decided = await evaluate(mine.clientId, mine.keys.integrator, orderFactory())
    const res = await reproduce(other.clientId, other.keys.auditor, decided.body.decisionId)
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
    const crossed = await reproduce(mine.clientId, other.keys.auditor, decided.body.decisionId)
    expect(crossed.status).toBe(404)
  })
})

describe('a managed list the client does not have', () => {
  it('is empty: inList is false, notInList true, no error, reproducibly; creating it takes effect at once', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId, policyFactory({ rules: [emailBlockRule, trustedRule] }))
    const order = orderFactory({ customer: { email: 'bad@example.com' } })
    const res = await evaluate(clientId, keys.integrator, order)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ outcome: 'approve', errors: [], tags: ['untrusted'] })
    const simulated = await h.request('POST', `/v1/clients/${clientId}/simulate`, {
      key: keys.analyst,
      body: { order: orderFactory({ customer: { email: 'bad@example.com' } }) },
    })
    expect(simulated.body).toMatchObject({ outcome: 'approve', errors: [], tags: ['untrusted'] })

    const lists = `/v1/clients/${clientId}/lists`
    await h.request('PUT', `${lists}/blocked-emails`, {
      key: keys.analyst,
      body: { items: ['BAD@example.com'] },
    })
    await h.request('PUT', `${lists}/trusted-emails`, {
      key: keys.analyst,
      body: { items: ['bad@example.com'] },
    })
    const reproduced = await h.request(
      'POST',
      `/v1/clients/${clientId}/decisions/${res.body.decisionId}/reproduce`,
      { key: keys.auditor },
    )
    expect(reproduced.body).toMatchObject({ identical: true })
    const now = await evaluate(
      clientId,
      keys.integrator,
      orderFactory({ customer: { email: 'bad@example.com' } }),
    )
    expect(now.body).toMatchObject({ outcome: 'decline', errors: [], tags: [] })
  })
})
