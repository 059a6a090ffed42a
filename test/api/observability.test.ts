import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../api/src/app.js'
import { createDatabase } from '../../api/src/db/database.js'
import { createLogger } from '../../api/src/observability/logger.js'
import { metrics } from '../../api/src/observability/metrics.js'
import { mountStudio } from '../../api/src/static-studio.js'
import { migrateToLatest } from '../../migrations/index.js'
import { createClientWithKeys, orderFactory } from '../support/factories.js'
import { openTestDatabase, useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

const h = useHarness()

function capture() {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  const logger = createLogger({ level: 'info', destination })
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>)
  return { logger, lines, records }
}

const PII = [
  'jane.doe@example.com',
  'Jane Doe',
  '+1 212 555 0100',
  '203.0.113.7',
  '12 Main St',
  '4111 1111 1111 1111',
]

describe('logger', () => {
  it('redacts personal data in objects at any depth and scrubs it from messages', () => {
    const { logger, lines, records } = capture()
    logger.info(
      {
        order: {
          id: 'A-1',
          customer: { email: 'jane.doe@example.com', name: 'Jane Doe', ip: '203.0.113.7' },
        },
        nested: { deeper: { shippingAddress: { line1: '12 Main St' }, phone: '+1 212 555 0100' } },
        note: 'paid with 4111 1111 1111 1111',
      },
      'order from jane.doe@example.com at 203.0.113.7, call +1 212 555 0100',
    )
    logger.warn('fe80::1ff:fe23:4567:890a and (212) 555-0100 and 2001:db8:85a3:0:0:8a2e:370:7334')
    const text = lines.join('\n')
    for (const value of PII) expect(text).not.toContain(value)
    expect(text).not.toMatch(/fe80::|555-0100|2001:db8/)
    const [first] = records()
    expect(first).toMatchObject({ level: 'info', order: { id: 'A-1', customer: '[redacted]' } })
    expect(first?.msg).toBe('order from [email] at [ip], call [phone]')
  })

  it('keeps what is not personal: ids, timestamps, durations, routes', () => {
    const { logger, records } = capture()
    logger.info(
      {
        requestId: 'r-1',
        route: '/v1/clients/:clientId/lists',
        durationMs: 1.25,
        at: '2026-11-20T14:03:00Z',
      },
      'ok',
    )
    expect(records()[0]).toMatchObject({
      requestId: 'r-1',
      route: '/v1/clients/:clientId/lists',
      durationMs: 1.25,
      at: '2026-11-20T14:03:00Z',
    })
  })

  it('scrubs error messages and stacks', () => {
    const { logger, lines } = capture()
    logger.error({ err: new Error('duplicate for jane.doe@example.com') }, 'failed')
    expect(lines.join('\n')).not.toContain('jane.doe@example.com')
  })
})

describe('request logging', () => {
  it("keeps a caller's X-Request-Id, but never one that carries a card number", async () => {
    const { logger, lines } = capture()
    const app = createApp({ db: h.db, env: { ADMIN_API_KEY: h.adminKey }, logger })
    const send = (id: string) => app.request('/healthz', { headers: { 'x-request-id': id } })
    expect((await send('order-77_retry-2')).headers.get('x-request-id')).toBe('order-77_retry-2')
    const carded = await send('Zelda_4111111111111111')
    expect(carded.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(lines.join('\n')).toContain('order-77_retry-2')
    expect(lines.join('\n')).not.toContain('4111111111111111')
  })

  it('logs method, route template, status, duration and requestId, never bodies or path values', async () => {
    const { logger, records } = capture()
    const app = createApp({ db: h.db, env: { ADMIN_API_KEY: h.adminKey }, logger })
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await app.request(`/v1/clients/${clientId}/lists/blocked-emails`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${keys.analyst}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: ['jane.doe@example.com'] }),
    })
    expect(res.status).toBe(201)
    const line = records().find((r) => r.msg === 'request')
    expect(line).toMatchObject({
      method: 'PUT',
      route: '/v1/clients/:clientId/lists/:name',
      status: 201,
      requestId: res.headers.get('x-request-id'),
    })
    expect(typeof line?.durationMs).toBe('number')
    const text = JSON.stringify(records())
    expect(text).not.toContain('jane.doe@example.com')
    expect(text).not.toContain(clientId)
    expect(text).not.toContain(keys.analyst)
  })
})

describe('health and metrics', () => {
  it('answers /healthz and /readyz when the database is reachable', async () => {
    expect((await h.request('GET', '/healthz')).body).toEqual({ status: 'ok' })
    const ready = await h.request('GET', '/readyz')
    expect(ready.status).toBe(200)
    expect(ready.body).toEqual({ status: 'ready' })
  })

  it('answers /readyz with 503 in the error envelope when the database is gone', async () => {
    const { handle, drop } = await openTestDatabase()
    const app = createApp({ db: handle.db, env: { ADMIN_API_KEY: h.adminKey } })
    await drop()
    const res = await app.request('/readyz')
    expect(res.status).toBe(503)
    const body = (await res.json()) as { error: { code: string; requestId: string } }
    expect(body.error.code).toBe('database_unavailable')
    expect(body.error.requestId).toBeTruthy()
    expect((await app.request('/healthz')).status).toBe(200)
  })

  it.runIf(process.env.TEST_DATABASE_URL)(
    'answers 503 database_unavailable with Retry-After, not 500, once the database itself is gone (3D000)',
    async () => {
      const server = process.env.TEST_DATABASE_URL!
      const name = `verdict_gone_${Date.now().toString(36)}`
      const admin = await createDatabase({ url: server, maxConnections: 1 })
      await sql.raw(`create database ${name}`).execute(admin.db)
      const url = new URL(server)
      url.pathname = `/${name}`
      const handle = await createDatabase({ url: url.toString(), maxConnections: 2 })
      try {
        await migrateToLatest(handle.db)
        const app = createApp({ db: handle.db, env: { ADMIN_API_KEY: h.adminKey } })
        const list = () => app.request('/v1/clients', { headers: { authorization: `Bearer ${h.adminKey}` } })
        expect((await list()).status).toBe(200)
        await sql.raw(`drop database ${name} with (force)`).execute(admin.db)
        for (let i = 0; i < 4; i++) {
          const res = await list()
          const body = (await res.json()) as { error: { code: string } }
          expect([res.status, body.error.code]).toEqual([503, 'database_unavailable'])
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
        }
      } finally {
        await handle.close()
        await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db)
        await admin.close()
      }
    },
    30_000,
  )

  it('counts requests by route template and status, and exposes decision metrics', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await h.request('GET', `/v1/clients/${clientId}/lists/absent`, { key: keys.analyst })
    await h.request('GET', `/v1/clients/${clientId}/lists/absent`, { key: keys.analyst })
    metrics.recordDecision('review', 1.5)
    const res = await h.request('GET', '/metrics')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/plain/)
    const line = res.text
      .split('\n')
      .find((l) =>
        l.startsWith(
          'verdict_http_requests_total{method="GET",route="/v1/clients/:clientId/lists/:name",status="404"}',
        ),
      )
    expect(Number(line?.split(' ').pop())).toBeGreaterThanOrEqual(2)
    // Counted under the route whose handler answered: …/replays/sample also matches …/:replayId.
    const sampled = await h.request('GET', `/v1/clients/${clientId}/replays/sample?limit=0`, {
      key: keys.analyst,
    })
    expect(sampled.status).toBe(422)
    const after = (await h.request('GET', '/metrics')).text
    expect(after).toMatch(
      /^verdict_http_requests_total\{method="GET",route="\/v1\/clients\/:clientId\/replays\/sample",status="422"\} [1-9]/m,
    )
    expect(after).not.toContain('route="/v1/clients/:clientId/replays/:replayId",status="422"')
    expect(res.text).not.toContain(clientId)
    expect(res.text).toMatch(/verdict_decisions_total\{outcome="review"\} [1-9]/)
    expect(res.text).toContain('verdict_evaluation_duration_seconds_bucket')
    expect(res.text).toContain('verdict_http_request_duration_seconds_bucket')
  })

  it("exposes the evaluate hot path's batches: orders per statement, statement time, request seconds", async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    const sample = async () => {
      const text = (await h.request('GET', '/metrics')).text
      const value = (line: string) =>
        Number(
          text
            .split('\n')
            .find((l) => l.startsWith(line))
            ?.split(' ')
            .pop() ?? 0,
        )
      return {
        reads: value('verdict_db_batch_size_sum{statement="evaluate_read"}'),
        writes: value('verdict_db_batch_size_sum{statement="evaluate_write"}'),
        writeStatements: value('verdict_db_batch_duration_seconds_count{statement="evaluate_write"}'),
        readSeconds: value('verdict_db_batch_item_seconds_total{statement="evaluate_read",phase="run"}'),
      }
    }
    const before = await sample()
    const orders = ['m-1', 'm-2', 'm-3'].map((id) => orderFactory({ id }))
    const answers = await Promise.all(
      orders.map((order) =>
        h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, { key: keys.integrator, body: order }),
      ),
    )
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    const after = await sample()
    expect(after.reads - before.reads).toBe(3)
    expect(after.writes - before.writes).toBe(3)
    expect(after.writeStatements - before.writeStatements).toBeGreaterThanOrEqual(1)
    expect(after.writeStatements - before.writeStatements).toBeLessThanOrEqual(3)
    expect(after.readSeconds).toBeGreaterThan(before.readSeconds)
  })

  it('labels API requests by their route template when the studio is mounted after the API', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'verdict-studio-'))
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>studio</title>')
    const app = createApp({ db: h.db, env: { ADMIN_API_KEY: h.adminKey } })
    expect(mountStudio(app, dist)).toBe(true)
    const { clientId, keys } = await createClientWithKeys(h)
    const get = (path: string, key?: string) =>
      app.request(path, key ? { headers: { authorization: `Bearer ${key}` } } : {})
    expect((await get(`/v1/clients/${clientId}/lists/absent`, keys.analyst)).status).toBe(404)
    expect((await get(`/v1/clients/${clientId}/decisions`)).status).toBe(401)
    expect((await get('/some/studio/page')).status).toBe(200)
    // Under /v1 only the API answers: an unknown path is its 404 envelope, not the studio's page.
    for (const path of ['/v1', '/v1/nope', '/docs/nope']) {
      const res = await get(path, h.adminKey)
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 404, 'application/json'])
    }
    const text = await (await app.request('/metrics')).text()
    const count = (labels: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(`verdict_http_requests_total{${labels}}`))
          ?.split(' ')
          .pop() ?? 0,
      )
    expect(
      count('method="GET",route="/v1/clients/:clientId/lists/:name",status="404"'),
    ).toBeGreaterThanOrEqual(1)
    expect(count('method="GET",route="/v1/clients/:clientId/decisions",status="401"')).toBeGreaterThanOrEqual(
      1,
    )
    expect(count('method="GET",route="unmatched",status="200"')).toBeGreaterThanOrEqual(1)
    rmSync(dist, { recursive: true, force: true })
  })
})
