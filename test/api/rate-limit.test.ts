import fc from 'fast-check'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../api/src/app.js'
import type { AppEnv } from '../../api/src/context.js'
import { parseEnv } from '../../api/src/env.js'
import { onError } from '../../api/src/errors.js'
import { DEFAULT_RATE_LIMIT_PER_MINUTE, rateLimit } from '../../api/src/middleware/rate-limit.js'
import { createClient, createKey } from '../support/factories.js'
import { useHarness } from '../support/harness.js'

const LIMIT = 5
// Set-up goes through the harness's app (default limit); the requests under test through a second
// app on the same database with a limit of 5 (each app counts alone, as each API process does).
const h = useHarness()
let limitedApp: ReturnType<typeof createApp> | undefined
const limited = () => {
  limitedApp ??= createApp({ db: h.db, env: { ADMIN_API_KEY: h.adminKey, RATE_LIMIT_PER_MINUTE: LIMIT } })
  return limitedApp
}
async function send(method: string, path: string, key: string, body?: unknown) {
  const res = await limited().request(path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined }
}
const me = (key: string) => send('GET', '/v1/me', key)

describe('rate limit per API key', () => {
  it('counts down RateLimit-Remaining, then answers 429 rate_limited with Retry-After', async () => {
    const client = await createClient(h)
    const key = await createKey(h, client, 'auditor')
    for (let n = 1; n <= LIMIT; n++) {
      const res = await me(key)
      expect(res.status).toBe(200)
      expect(res.headers.get('ratelimit-limit')).toBe(String(LIMIT))
      expect(res.headers.get('ratelimit-remaining')).toBe(String(LIMIT - n))
    }
    const refused = await send('GET', `/v1/clients/${client}`, key)
    expect(refused.status).toBe(429)
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', requestId: expect.any(String) })
    expect(refused.body.error.message).toMatch(/retry in \d+ s/)
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true)
    expect(refused.headers.get('ratelimit-remaining')).toBe('0')
    expect(refused.text).not.toMatch(/at .*\.ts:\d+/) // no stack trace
  })

  it('throttles a key without touching another key of the same client', async () => {
    const client = await createClient(h)
    const busy = await createKey(h, client, 'integrator')
    const quiet = await createKey(h, client, 'integrator')
    for (let n = 0; n < LIMIT; n++) expect((await me(busy)).status).toBe(200)
    expect((await me(busy)).status).toBe(429)
    expect((await me(quiet)).status).toBe(200)
    expect((await me(quiet)).headers.get('ratelimit-remaining')).toBe(String(LIMIT - 2))
  })

  it('refuses a throttled key before doing the work: a POST it makes stores nothing', async () => {
    const client = await createClient(h)
    const key = await createKey(h, client, 'analyst')
    for (let n = 0; n < LIMIT; n++) await me(key)
    const put = await send('PUT', `/v1/clients/${client}/lists/blocked-emails`, key, {
      description: 'x',
      items: ['a@example.com'],
    })
    expect(put.status).toBe(429)
    const lists = await h.request('GET', `/v1/clients/${client}/lists`, { key: h.adminKey })
    expect(lists.status).toBe(200)
    expect(JSON.stringify(lists.body)).not.toContain('blocked-emails')
  })

  it('costs nothing for a request without a valid key: it is 401, never 429', async () => {
    for (let n = 0; n < LIMIT * 2; n++) {
      const res = await me('vk_not-a-key')
      expect(res.status).toBe(401)
      expect(res.headers.get('ratelimit-limit')).toBeNull()
    }
  })
})

describe('the window', () => {
  it('lets a throttled key in again once its window has passed', async () => {
    const app = new Hono<AppEnv>()
    app.onError(onError)
    app.use(async (c, next) => {
      c.set('principal', { keyId: c.req.header('x-key') ?? '', name: 'k', role: 'auditor', global: false })
      await next()
    })
    app.use(rateLimit({ points: 2, windowSeconds: 1 }))
    app.get('/', (c) => c.text('ok'))
    const get = () => app.request('/', { headers: { 'x-key': 'k1' } })
    expect((await get()).status).toBe(200)
    expect((await get()).status).toBe(200)
    const refused = await get()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('1')
    await new Promise((r) => setTimeout(r, 1100))
    const again = await get()
    expect(again.status).toBe(200)
    expect(again.headers.get('ratelimit-remaining')).toBe('1')
  })
})

describe('RATE_LIMIT_PER_MINUTE', () => {
  it('defaults to 60,000 per minute and accepts 0 (no limit)', () => {
    expect(parseEnv({}).RATE_LIMIT_PER_MINUTE).toBe(DEFAULT_RATE_LIMIT_PER_MINUTE)
    expect(DEFAULT_RATE_LIMIT_PER_MINUTE).toBe(60_000)
    expect(parseEnv({ RATE_LIMIT_PER_MINUTE: '0' }).RATE_LIMIT_PER_MINUTE).toBe(0)
  })

  it('rejects anything but a non-negative integer, naming the variable', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ max: -1 }).map(String),
          fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }).map(String),
          fc.constantFrom('many', '1e999', '-0.5', '10 per minute'),
        ),
        (value) => {
          expect(() => parseEnv({ RATE_LIMIT_PER_MINUTE: value })).toThrow(/RATE_LIMIT_PER_MINUTE/)
        },
      ),
    )
  })

  it('0 turns the limit off: no headers, no 429', async () => {
    const app = createApp({ db: h.db, env: { ADMIN_API_KEY: h.adminKey, RATE_LIMIT_PER_MINUTE: 0 } })
    for (let n = 0; n < 20; n++) {
      const res = await app.request('/v1/me', { headers: { authorization: `Bearer ${h.adminKey}` } })
      expect(res.status).toBe(200)
      expect(res.headers.get('ratelimit-limit')).toBeNull()
    }
  })
})

describe('OpenAPI', () => {
  it('lists 429 with the error envelope on every authenticated operation, and not on public ones', async () => {
    const res = await h.app.request('/openapi.json')
    const doc = (await res.json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>
    }
    let authenticated = 0
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) {
        if (path.startsWith('/v1/')) {
          authenticated++
          expect(op.responses['429'], path).toMatchObject({
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
          })
        } else {
          expect(op.responses['429'], path).toBeUndefined()
        }
      }
    }
    expect(authenticated).toBeGreaterThan(20)
  })
})
