import { describe, expect, it } from 'vitest'
import { createClientWithKeys, orderFactory, policyFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'

// orders.md: "A request is refused with 422 pan_detected … and nothing of it is stored or logged
// when any string value contains — or any JSON number is — a card number". Not only orders: names,
// comments, policy documents, list items, catalog rows and the Idempotency-Key are all stored.
const h = useHarness()
const PAN = '4111 1111 1111 1111'
const DIGITS = /4111.?1111.?1111.?1111/

async function refused(res: { status: number; body: any; text: string }, path: string) {
  expect([res.status, res.body.error?.code, res.body.error?.issues?.[0]?.path]).toEqual([
    422,
    'pan_detected',
    path,
  ])
  expect(res.text).not.toMatch(DIGITS)
}

describe('a card number is refused in every stored request, not only in orders', () => {
  it('in a client name, an API key name, a version comment and a policy document', async () => {
    const c = await createClientWithKeys(h)
    const base = `/v1/clients/${c.clientId}`
    await refused(
      await h.request('POST', '/v1/clients', {
        key: h.adminKey,
        body: { id: 'pan-client', name: `card ${PAN}` },
      }),
      'name',
    )
    expect((await h.request('GET', '/v1/clients/pan-client', { key: h.adminKey })).status).toBe(404)
    await refused(
      await h.request('POST', `${base}/api-keys`, { key: h.adminKey, body: { name: PAN, role: 'auditor' } }),
      'name',
    )
    await refused(
      await h.request('POST', `${base}/policy/versions`, {
        key: c.keys.analyst,
        body: { document: policyFactory(), comment: `blocked ${PAN}` },
      }),
      'comment',
    )
    await refused(
      await h.request('POST', `${base}/policy/versions`, {
        key: c.keys.analyst,
        body: { document: policyFactory({ description: `card ${PAN} exp 12/29` }), comment: 'x' },
      }),
      'document.description',
    )
    // As a JSON number too, where JSON.parse would round its digits away.
    await refused(
      await h.request('POST', `${base}/policy/versions`, {
        key: c.keys.analyst,
        body: `{"document": ${JSON.stringify(policyFactory())}, "comment": "x", "ref": 4111111111111111}`,
      }),
      'ref',
    )
    const versions = await h.request('GET', `${base}/policy/versions`, { key: c.keys.auditor })
    expect(versions.text).not.toMatch(DIGITS)
  })

  it('in managed lists and catalog rows, JSON or NDJSON', async () => {
    const c = await createClientWithKeys(h)
    const base = `/v1/clients/${c.clientId}`
    await refused(
      await h.request('PUT', `${base}/lists/blocked`, {
        key: c.keys.analyst,
        body: { description: 'x', items: ['a', PAN] },
      }),
      'items[1]',
    )
    await refused(
      await h.request('PUT', `${base}/lists/blocked`, {
        key: c.keys.analyst,
        body: { description: PAN, items: [] },
      }),
      'description',
    )
    const row = (name: string) => ({ sku: 'S-1', name, price: 1, currency: 'USD', stock: 1, category: 'c' })
    await refused(
      await h.request('PUT', `${base}/catalog`, { key: c.keys.admin, body: [row('ok'), row(`card ${PAN}`)] }),
      '[1].name',
    )
    const ndjson = `${JSON.stringify(row('ok'))}\n${JSON.stringify({ ...row('ok'), sku: 'S-2', stock: 4111111111111111 })}\n`
    const res = await h.request('PUT', `${base}/catalog`, {
      key: c.keys.admin,
      body: ndjson,
      headers: { 'content-type': 'application/x-ndjson' },
    })
    await refused(res, '[1].stock')
    expect(res.body.error.issues[0].line).toBe(2)
    expect((await h.request('GET', `${base}/catalog/S-1`, { key: c.keys.admin })).status).toBe(404)
    await refused(
      await h.request('PUT', `${base}/lists/4111-1111-1111-1111`, {
        key: c.keys.analyst,
        body: { description: 'x', items: [] },
      }),
      'name',
    )
    const lists = (await h.request('GET', `${base}/lists`, { key: c.keys.analyst })).text
    expect(lists).not.toContain('blocked')
    expect(lists).not.toMatch(DIGITS)
  })

  it('in an Idempotency-Key, which is stored with the answer it guards', async () => {
    const c = await createClientWithKeys(h)
    await refused(
      await h.request('POST', `/v1/clients/${c.clientId}/api-keys`, {
        key: h.adminKey,
        body: { name: 'k', role: 'auditor' },
        headers: { 'idempotency-key': `retry-${PAN.replaceAll(' ', '')}` },
      }),
      'Idempotency-Key',
    )
    const keys = await h.request('GET', `/v1/clients/${c.clientId}/api-keys`, { key: h.adminKey })
    expect(keys.body.data.map((k: { name: string }) => k.name)).not.toContain('k')
  })

  it('still accepts digits that are not a card number', async () => {
    const c = await createClientWithKeys(h)
    const res = await h.request('PUT', `/v1/clients/${c.clientId}/lists/phones`, {
      key: c.keys.analyst,
      body: {
        description: 'order 4111 1111 1111 1112 (fails Luhn)',
        items: ['+1 415 555 0100', '4111111111111112'],
      },
    })
    expect(res.status).toBe(201)
  })

  // JSON.parse keeps the last of two equal keys, so a scan of the parsed body never sees the first.
  it('under a key written twice, where the parsed body shows only the later value', async () => {
    const c = await createClientWithKeys(h)
    const base = `/v1/clients/${c.clientId}`
    await h.request('POST', `${base}/policy/versions`, {
      key: c.keys.analyst,
      body: { document: policyFactory(), comment: 'v1' },
    })
    await h.request('POST', `${base}/policy/versions/1/publish`, { key: c.keys.publisher, body: {} })
    const order = JSON.stringify(orderFactory({ id: 'dup-1' }))
    const shadowed = `${order.slice(0, -1)},"note":"${PAN}","note":"ok"}`
    await refused(
      await h.request('POST', `${base}/orders/evaluate`, {
        key: c.keys.integrator,
        body: shadowed,
        headers: { 'content-type': 'application/json' },
      }),
      '$',
    )
    const line = `{"order":${order},"label":"${PAN}","label":"legit"}\n`
    const imported = await h.request('POST', `${base}/orders/import`, {
      key: c.keys.integrator,
      body: line,
      headers: { 'content-type': 'application/x-ndjson' },
    })
    expect([imported.status, imported.body.error?.code]).toEqual([422, 'pan_detected'])
    expect(imported.text).not.toMatch(DIGITS)
    await refused(
      await h.request('PUT', `${base}/lists/notes`, {
        key: c.keys.analyst,
        body: `{"items":["${PAN}"],"items":["ok"]}`,
        headers: { 'content-type': 'application/json' },
      }),
      '$',
    )
    const decisions = await h.request('GET', `${base}/decisions`, { key: c.keys.auditor })
    expect(decisions.body.data).toEqual([])
    expect((await h.request('GET', `${base}/lists`, { key: c.keys.auditor })).body.data).toEqual([])
  })
})
