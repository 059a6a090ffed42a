import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, it } from 'vitest'
import { orderFactory } from '../support/factories.js'
import type { RequestOptions, TestResponse } from '../support/harness.js'
import { useHarness } from '../support/harness.js'
import { acmeSampleOrders, runReplay, saveVersion, setupClient } from './replays-support.js'

/**
 * Integrators generate clients from /openapi.json: every answer of a tour through the API, errors
 * included, must have its status declared for its operation and a body its declared schema accepts.
 */
const h = useHarness()

type Json = Record<string, any>
interface Seen {
  method: string
  path: string
  status: number
  body: unknown
  contentType: string
  headers: string[]
}

/** Headers of the API's own (not HTTP's or Hono's generic ones) that a client may read. */
const OWN_HEADERS = /^(x-request-id|ratelimit-.*|retry-after|idempotent-replayed|www-authenticate)$/

let doc: Json
const seen: Seen[] = []

async function call(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
  const res = await h.request(method, path, options)
  seen.push({
    method,
    path,
    status: res.status,
    body: res.body,
    contentType: res.headers.get('content-type') ?? '',
    headers: [...res.headers.keys()].filter((name) => OWN_HEADERS.test(name)),
  })
  return res
}

/** The operation of `method` whose path template matches `path` (literal segments win). */
function operationOf(method: string, path: string): { template: string; op: Json } | null {
  const [bare] = path.split('?') as [string]
  const segments = bare.split('/')
  const candidates = Object.keys(doc.paths).filter((template) => {
    const parts = template.split('/')
    return parts.length === segments.length && parts.every((p, i) => p.startsWith('{') || p === segments[i])
  })
  candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))
  for (const template of candidates) {
    const op = doc.paths[template][method.toLowerCase()]
    if (op) return { template, op }
  }
  return null
}

beforeAll(async () => {
  doc = (await h.request('GET', '/openapi.json')).body
  const { clientId, keys, liveVersion } = await setupClient(h)
  const base = `/v1/clients/${clientId}`
  const order = acmeSampleOrders()[0]!
  const other = { ...order, id: 'OAS-2' }

  // Clients, keys, the caller.
  await call('GET', '/v1/clients', { key: keys.admin })
  await call('GET', base, { key: keys.auditor })
  await call('POST', '/v1/clients', { key: h.adminKey, body: { id: clientId, name: 'again' } })
  await call('POST', '/v1/clients', { key: h.adminKey, body: { id: 'Bad Id', name: 'x' } })
  const keyBody = { name: 'tmp', role: 'auditor' }
  const created = await call('POST', `${base}/api-keys`, {
    key: h.adminKey,
    body: keyBody,
    headers: { 'idempotency-key': 'oas-key-1' },
  })
  await call('POST', `${base}/api-keys`, {
    key: h.adminKey,
    body: keyBody,
    headers: { 'idempotency-key': 'oas-key-1' },
  })
  await call('GET', `${base}/api-keys`, { key: h.adminKey })
  await call('DELETE', `${base}/api-keys/${created.body.id}`, { key: h.adminKey })
  await call('DELETE', `${base}/api-keys/${created.body.id}`, { key: h.adminKey, body: 'not json' })
  await call('GET', '/v1/me', { key: keys.analyst })
  await call('GET', base, {})
  await call('GET', base, { key: 'nope' })

  // Versions.
  const v2 = await saveVersion(h, clientId, keys.analyst, { ...setupPolicyDocument(), rules: [] })
  await call('GET', `${base}/policy/versions`, { key: keys.auditor })
  await call('GET', `${base}/policy/versions/${liveVersion}`, { key: keys.auditor })
  await call('GET', `${base}/policy/versions/${liveVersion}/diff/${v2}`, { key: keys.auditor })
  await call('GET', `${base}/policy/live`, { key: keys.auditor })
  await call('GET', `${base}/policy/publications`, { key: keys.auditor })
  await call('POST', `${base}/policy/versions`, {
    key: keys.analyst,
    body: { document: { rules: 'x' }, comment: 'bad' },
  })
  await call('POST', `${base}/policy/versions`, {
    key: keys.integrator,
    body: { document: {}, comment: 'x' },
  })
  await call('POST', `${base}/policy/versions/${liveVersion}/publish`, { key: keys.publisher })
  await call('POST', `${base}/policy/versions/999/publish`, { key: keys.publisher, body: {} })

  // Orders and decisions.
  const decision = (await call('POST', `${base}/orders/evaluate`, { key: keys.integrator, body: order })).body
  await call('POST', `${base}/orders/evaluate`, { key: keys.integrator, body: { ...order, total: 1 } })
  await call('POST', `${base}/orders/evaluate`, { key: keys.integrator, body: { ...order, id: '' } })
  await call('POST', `${base}/orders/evaluate`, { key: keys.integrator, body: '{"id":' })
  await call('POST', `${base}/orders/evaluate`, {
    key: keys.integrator,
    body: JSON.stringify(order),
    headers: { 'content-type': 'text/plain' },
  })
  await call('POST', `${base}/orders/evaluate`, {
    key: keys.integrator,
    body: { pad: 'x'.repeat(1_100_000) },
  })
  await call('POST', `${base}/orders/evaluate`, {
    key: keys.integrator,
    body: orderFactory({ note: '4111 1111 1111 1111' }),
  })
  await call('PUT', `${base}/orders/${order.id}`, {
    key: keys.integrator,
    body: { ...order, total: order.total },
  })
  await call('POST', `${base}/simulate`, { key: keys.analyst, body: { order: other } })
  await call('POST', `${base}/simulate`, {
    key: keys.analyst,
    body: { order: other, document: { rules: 1 } },
  })
  await call('POST', `${base}/orders/evaluate`, { key: keys.integrator, body: other })
  await call('POST', `${base}/orders/${other.id}/cancel`, {
    key: keys.integrator,
    body: { reason: 'customer' },
  })
  await call('POST', `${base}/orders/${other.id}/cancel`, { key: keys.integrator })
  await call('PUT', `${base}/orders/${other.id}`, { key: keys.integrator, body: other })
  await call('GET', `${base}/decisions?limit=2`, { key: keys.auditor })
  await call('GET', `${base}/decisions?limit=600`, { key: keys.auditor })
  await call('GET', `${base}/decisions/${decision.decisionId}`, { key: keys.auditor })
  await call('POST', `${base}/decisions/${decision.decisionId}/reproduce`, { key: keys.auditor })
  await call('POST', `${base}/decisions/${decision.decisionId}/reproduce`, { key: keys.auditor, body: '{' })
  // A POST without a body still takes an Idempotency-Key: reused for another body, or too long, is 422.
  const reproduce = `${base}/decisions/${decision.decisionId}/reproduce`
  await call('POST', reproduce, { key: keys.auditor, headers: { 'idempotency-key': 'rk-1' } })
  await call('POST', reproduce, { key: keys.auditor, headers: { 'idempotency-key': 'rk-1' }, body: { x: 1 } })
  await call('POST', reproduce, { key: keys.auditor, headers: { 'idempotency-key': 'k'.repeat(256) } })

  // Import, catalog, lists.
  const line = JSON.stringify({
    order: { ...order, id: 'OAS-IMP-1', createdAt: '2026-01-05T10:00:00Z' },
    label: 'fraud',
  })
  const ndjson = { 'content-type': 'application/x-ndjson' }
  await call('POST', `${base}/orders/import`, { key: keys.integrator, body: `${line}\n`, headers: ndjson })
  await call('POST', `${base}/orders/import`, {
    key: keys.integrator,
    body: '{"order":{}}\n',
    headers: ndjson,
  })
  await call('PUT', `${base}/catalog`, {
    key: keys.admin,
    body: [{ sku: 'OAS-1', name: 'x', price: 10, currency: 'USD', stock: 1, category: 'misc' }],
  })
  await call('GET', `${base}/catalog/OAS-1`, { key: keys.auditor })
  await call('GET', `${base}/catalog/NOPE`, { key: keys.auditor })
  await call('GET', `${base}/lists`, { key: keys.analyst })
  await call('PUT', `${base}/lists/oas-list`, { key: keys.analyst, body: { description: 'x', items: ['a'] } })
  await call('GET', `${base}/lists/oas-list`, { key: keys.analyst })
  await call('POST', `${base}/lists/oas-list/items`, { key: keys.analyst, body: { items: ['b'] } })
  await call('DELETE', `${base}/lists/oas-list/items/b`, { key: keys.analyst })
  await call('PUT', `${base}/lists/Bad_Name`, { key: keys.analyst, body: { description: 'x', items: ['a'] } })

  // Replays.
  const replay = await runReplay(h, clientId, keys.analyst, { candidate: { version: v2 } })
  await call('POST', `${base}/replays`, { key: keys.analyst, body: { candidate: { version: v2 } } })
  await call('POST', `${base}/replays`, { key: keys.analyst, body: { candidate: { version: '2' } } })
  await call('GET', `${base}/replays/${replay.replayId}`, { key: keys.auditor })
  await call('GET', `${base}/replays/${replay.replayId}/orders?limit=5`, { key: keys.auditor })
  await call('GET', `${base}/replays/sample?limit=5`, { key: keys.analyst })

  // Public routes.
  await call('GET', '/healthz')
  await call('GET', '/readyz')
}, 120_000)

function setupPolicyDocument(): Json {
  return { schemaVersion: 1, settings: { thresholds: { review: 40, decline: 80 } }, rules: [] }
}

describe('every answer of a tour through the API is declared in /openapi.json', () => {
  it('made the tour', () => {
    expect(seen.length).toBeGreaterThan(50)
    expect(new Set(seen.map((s) => s.status))).toEqual(
      new Set([200, 201, 202, 204, 400, 401, 403, 404, 409, 413, 415, 422]),
    )
  })

  it('declares the status of every answer for its operation', () => {
    const undeclared = seen
      .map((s) => ({ ...s, found: operationOf(s.method, s.path) }))
      .filter((s) => !s.found?.op.responses[String(s.status)])
      .map((s) => `${s.method} ${s.found?.template ?? s.path} → ${s.status}`)
    expect(undeclared).toEqual([])
  })

  it('declares every header of its own that an answer carries', () => {
    const undeclared: string[] = []
    for (const s of seen) {
      const found = operationOf(s.method, s.path)
      const declared = Object.keys(found?.op.responses[String(s.status)]?.headers ?? {}).map((h) =>
        h.toLowerCase(),
      )
      for (const name of s.headers)
        if (!declared.includes(name))
          undeclared.push(`${s.method} ${found?.template ?? s.path} → ${s.status}: ${name}`)
    }
    expect(seen.filter((s) => s.headers.includes('idempotent-replayed')).length).toBeGreaterThan(0)
    expect(seen.filter((s) => s.headers.includes('ratelimit-remaining')).length).toBeGreaterThan(0)
    expect(undeclared).toEqual([])
  })

  it('declares Retry-After on every 429 and 503 and lists no asset of the reference page as an operation', () => {
    const missing: string[] = []
    for (const [path, ops] of Object.entries<Json>(doc.paths))
      for (const [method, op] of Object.entries<Json>(ops))
        if (op.responses['429'] && !op.responses['429'].headers?.['Retry-After'])
          missing.push(`${method} ${path}`)
    expect(missing).toEqual([])
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/docs/'))).toEqual([])
  })

  it('gives the clientId path parameter the same pattern on every operation', () => {
    const schemas = new Set<string>()
    for (const ops of Object.values<Json>(doc.paths))
      for (const op of Object.values<Json>(ops))
        for (const p of op.parameters ?? []) if (p.name === 'clientId') schemas.add(JSON.stringify(p.schema))
    expect([...schemas]).toEqual([JSON.stringify({ type: 'string', pattern: '^[a-z0-9-]{2,64}$' })])
  })

  it('validates every JSON body against the schema declared for its status', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc')
    const failures: string[] = []
    for (const s of seen) {
      if (!s.contentType.includes('application/json')) continue
      const found = operationOf(s.method, s.path)
      const schema = found?.op.responses[String(s.status)]?.content?.['application/json']?.schema
      if (!schema) {
        failures.push(`${s.method} ${found?.template ?? s.path} → ${s.status}: no schema for a JSON body`)
        continue
      }
      const validate = ajv.compile(
        JSON.parse(JSON.stringify(schema).replaceAll('"#/components', '"doc#/components')),
      )
      if (!validate(s.body)) {
        const first = validate.errors?.[0]
        failures.push(
          `${s.method} ${found!.template} → ${s.status}: ${first?.instancePath} ${first?.message} ${JSON.stringify(first?.params)}`,
        )
      }
    }
    expect(failures).toEqual([])
  })
})
