import { describe, expect, it } from 'vitest'
import { describeCommonRouteTests } from '../support/common-route-tests.js'
import { createClientWithKeys } from '../support/factories.js'
import { useHarness } from '../support/harness.js'

const h = useHarness()

const item = (sku: string, overrides: Record<string, unknown> = {}) => ({
  sku,
  name: `Item ${sku}`,
  price: 19.99,
  currency: 'USD',
  stock: 10,
  category: 'apparel',
  ...overrides,
})

const put = (clientId: string, key: string, body: unknown, contentType = 'application/json') =>
  h.request('PUT', `/v1/clients/${clientId}/catalog`, {
    key,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': contentType },
  })

describe('PUT /v1/clients/{clientId}/catalog', () => {
  it('inserts new items, then updates them, and GET reads them back', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const first = await put(clientId, keys.integrator, [item('A'), item('B', { price: 5, stock: 0 })])
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ inserted: 2, updated: 0 })

    const second = await put(clientId, keys.analyst, [
      item('B', { price: 6.5, stock: 3, category: null }),
      item('C'),
    ])
    expect(second.body).toEqual({ inserted: 1, updated: 1 })

    const got = await h.request('GET', `/v1/clients/${clientId}/catalog/B`, { key: keys.auditor })
    expect(got.status).toBe(200)
    expect(got.body).toMatchObject({ sku: 'B', price: 6.5, stock: 3, category: null, currency: 'USD' })
    expect(typeof got.body.updatedAt).toBe('string')
  })

  it('accepts NDJSON with one item per line', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const ndjson = `${JSON.stringify(item('N1'))}\n\n${JSON.stringify(item('N2', { currency: 'JPY', price: 1200 }))}\n`
    const res = await put(clientId, keys.analyst, ndjson, 'application/x-ndjson')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ inserted: 2, updated: 0 })
    const got = await h.request('GET', `/v1/clients/${clientId}/catalog/N2`, { key: keys.analyst })
    expect(got.body.price).toBe(1200)
  })

  it('stores nothing and names every bad row and field when any row is invalid', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await put(clientId, keys.analyst, [
      item('OK-1'),
      item('BAD-1', { price: 48.185 }),
      item('BAD-2', { currency: 'usd', stock: -1 }),
      item('BAD-3', { price: 1200.5, currency: 'JPY' }),
      item('OK-1'),
    ])
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('validation_failed')
    const paths = res.body.error.issues.map((i: { path: string }) => i.path).sort()
    expect(paths).toEqual(['[1].price', '[2].currency', '[2].stock', '[3].price', '[4].sku'].sort())
    const got = await h.request('GET', `/v1/clients/${clientId}/catalog/OK-1`, { key: keys.analyst })
    expect(got.status).toBe(404)
  })

  it('refuses text PostgreSQL cannot store as sent, and SKUs no URL can name, storing nothing (422)', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await put(
      clientId,
      keys.analyst,
      `[${JSON.stringify(item('OK-1'))},{"sku":"A\\u0000","price":1,"currency":"USD","stock":1},` +
        `{"sku":"B","name":"x\\ud800","price":1,"currency":"USD","stock":1},` +
        `${JSON.stringify(item('.'))},${JSON.stringify(item('..'))}]`,
    )
    expect([res.status, res.body.error.code]).toEqual([422, 'validation_failed'])
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      '[1].sku',
      '[2].name',
      '[3].sku',
      '[4].sku',
    ])
    const got = await h.request('GET', `/v1/clients/${clientId}/catalog/OK-1`, { key: keys.analyst })
    expect(got.status).toBe(404)
  })

  it('refuses a body that is not UTF-8 (400), storing nothing', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('[{"sku":"B'),
      0xff,
      ...new TextEncoder().encode('","price":1,"currency":"USD","stock":1}]'),
    ])
    const res = await h.request('PUT', `/v1/clients/${clientId}/catalog`, {
      key: keys.analyst,
      body: bytes,
      headers: { 'content-type': 'application/json' },
    })
    expect([res.status, res.body.error.code]).toEqual([400, 'malformed_json'])
    const rows = await h.db
      .selectFrom('catalog_items')
      .where('client_id', '=', clientId)
      .selectAll()
      .execute()
    expect(rows).toEqual([])
  })

  it('says a price too large to compute exactly is too large, not that it has decimals', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await put(clientId, keys.analyst, [
      item('BIG', { price: 1e15 }),
      item('FINE', { price: 48.185 }),
    ])
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toEqual([
      { path: '[0].price', message: 'is too large to be computed exactly' },
      { path: '[1].price', message: 'has more decimal places than USD allows' },
    ])
  })

  it('names the NDJSON line of a bad row', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await put(
      clientId,
      keys.analyst,
      `${JSON.stringify(item('A'))}\n${JSON.stringify({ sku: 'B' })}\n`,
      'application/x-ndjson',
    )
    expect(res.status).toBe(422)
    expect(res.body.error.issues.every((i: { line: number }) => i.line === 2)).toBe(true)
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain('[1].price')
  })

  it('answers 400 for malformed JSON, 422 for a non-array and 415 for another content type', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    expect((await put(clientId, keys.analyst, '[{"sku":')).body.error.code).toBe('malformed_json')
    expect((await put(clientId, keys.analyst, '[{"sku":')).status).toBe(400)
    expect((await put(clientId, keys.analyst, 'not json\n', 'application/x-ndjson')).status).toBe(400)
    expect((await put(clientId, keys.analyst, { sku: 'A' })).status).toBe(422)
    const res = await put(clientId, keys.analyst, 'sku,name', 'text/csv')
    expect(res.status).toBe(415)
    expect(res.body.error.code).toBe('unsupported_media_type')
  })

  it('answers 413 for a body over 1 MiB', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const rows = Array.from({ length: 9000 }, (_, i) => item(`SKU-${i}`, { name: 'x'.repeat(100) }))
    const res = await put(clientId, keys.analyst, rows)
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
  })

  it('keeps catalogs of different clients apart', async () => {
    const a = await createClientWithKeys(h)
    const b = await createClientWithKeys(h)
    await put(a.clientId, a.keys.analyst, [item('SHARED', { price: 1 })])
    await put(b.clientId, b.keys.analyst, [item('SHARED', { price: 2 })])
    const got = await h.request('GET', `/v1/clients/${a.clientId}/catalog/SHARED`, { key: a.keys.analyst })
    expect(got.body.price).toBe(1)
  })
})

describe('GET /v1/clients/{clientId}/catalog/{sku}', () => {
  it('answers 404 for an unknown SKU', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await h.request('GET', `/v1/clients/${clientId}/catalog/NOPE`, { key: keys.integrator })
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })

  it('reads SKUs with reserved characters through URL encoding', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await put(clientId, keys.analyst, [item('A/B C')])
    const res = await h.request('GET', `/v1/clients/${clientId}/catalog/${encodeURIComponent('A/B C')}`, {
      key: keys.analyst,
    })
    expect(res.status).toBe(200)
    expect(res.body.sku).toBe('A/B C')
  })
})

describeCommonRouteTests(h, {
  method: 'PUT',
  path: (id) => `/v1/clients/${id}/catalog`,
  body: [item('X')],
  forbiddenRole: 'auditor',
})
describeCommonRouteTests(h, { method: 'GET', path: (id) => `/v1/clients/${id}/catalog/X` })
