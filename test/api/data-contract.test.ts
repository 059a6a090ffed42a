import { describe, expect, it } from 'vitest'
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
      expect(res.text).not.toMatch(/4111|5500/)
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
