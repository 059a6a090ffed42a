import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../api/src/app.js'
import { createClientWithKeys, orderFactory, policyFactory } from '../support/factories.js'
import { type TestResponse, useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

/**
 * The semantics api.md promises, checked from outside through HTTP: idempotency of evaluate and of
 * Idempotency-Key retries, policy versions (publish, rollback, diff, canonical version numbers),
 * the decisions listing (filters, bounds, cursor pages) and the decision body.
 */
const h = useHarness()

type Json = Record<string, any>

const evaluatePath = (clientId: string) => `/v1/clients/${clientId}/orders/evaluate`
const evaluate = (clientId: string, key: string, body: unknown, headers: Record<string, string> = {}) =>
  h.request('POST', evaluatePath(clientId), { key, body, headers })

async function decisionCount(clientId: string, orderId?: string): Promise<number> {
  let query = h.db.selectFrom('decisions').where('client_id', '=', clientId)
  if (orderId !== undefined) query = query.where('order_id', '=', orderId)
  const row = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

async function liveClient() {
  const client = await createClientWithKeys(h)
  await publishPolicy(h, client.clientId)
  return client
}

/** Keys of every object in reverse order, at any depth; arrays keep their order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    )
  }
  return value
}

describe('evaluate idempotency: the same order as JSON', () => {
  const extras = {
    note: 'caf\u00e9',
    meta: {
      a: 1,
      nested: {
        lines: [
          { p: 1, q: 'x' },
          { p: 2, q: 'y' },
        ],
      },
      zero: 0,
    },
  }

  it('answers the stored decision for number spellings, unicode escapes and key order at any depth', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory({ discount: 0, tax: 3.2, ...extras })
    const first = await evaluate(clientId, keys.integrator, order)
    expect(first.status).toBe(200)

    // The same JSON value written differently: 3.2 as 3.20 and 32e-1, 0 as -0 and 0.0, 1 as 1e0,
    // é as \u00e9, every object's keys reversed (arrays of objects too).
    const text = JSON.stringify(reversedKeys(order))
      .replace('"tax":3.2', '"tax":32e-1')
      .replace('"discount":0', '"discount":-0')
      .replace('"zero":0', '"zero":0.0')
      .replace('"a":1', '"a":1e0')
      .replace('"p":2', '"p":2.000')
      .replace('café', 'caf\\u00e9')
    expect(text).toContain('32e-1')
    expect(text).toContain('\\u00e9')
    expect(JSON.parse(text)).toEqual({ ...order, discount: -0 })
    const again = await evaluate(clientId, keys.integrator, text)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(await decisionCount(clientId, order.id as string)).toBe(1)
  })

  it('answers 409 order_exists when only the order of an array differs', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory(extras)
    expect((await evaluate(clientId, keys.integrator, order)).status).toBe(200)
    const lines = [...(order.meta as Json).nested.lines].reverse()
    const swapped = { ...order, meta: { ...(order.meta as Json), nested: { lines } } }
    const res = await evaluate(clientId, keys.integrator, swapped)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('order_exists')
    expect(await decisionCount(clientId, order.id as string)).toBe(1)
  })

  it('answers 409 order_exists for any other difference, also a string that only differs in case', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory({ note: 'Gift' })
    expect((await evaluate(clientId, keys.integrator, order)).status).toBe(200)
    for (const changed of [
      { ...order, note: 'gift' },
      { ...order, total: 48.19 },
      { ...order, extra: null },
    ]) {
      const res = await evaluate(clientId, keys.integrator, changed)
      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('order_exists')
    }
    expect(await decisionCount(clientId, order.id as string)).toBe(1)
  })

  it('evaluates an imported order on its first evaluate, then answers that decision', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory(extras)
    const imported = await h.request('POST', `/v1/clients/${clientId}/orders/import`, {
      key: keys.integrator,
      body: `${JSON.stringify({ order, label: 'legit' })}\n`,
      headers: { 'content-type': 'application/x-ndjson' },
    })
    expect(imported.body).toMatchObject({ imported: 1 })
    expect(await decisionCount(clientId, order.id as string)).toBe(0)
    const first = await evaluate(clientId, keys.integrator, reversedKeys(order))
    expect(first.status).toBe(200)
    expect(first.body.orderId).toBe(order.id)
    const again = await evaluate(clientId, keys.integrator, order)
    expect(again.status).toBe(200)
    expect(again.body.decisionId).toBe(first.body.decisionId)
    expect(await decisionCount(clientId, order.id as string)).toBe(1)
  })

  it('stores one decision for 20 concurrent duplicates, new or imported', async () => {
    const { clientId, keys } = await liveClient()
    const fresh = orderFactory()
    const imported = orderFactory()
    await h.request('POST', `/v1/clients/${clientId}/orders/import`, {
      key: keys.integrator,
      body: `${JSON.stringify({ order: imported })}\n`,
      headers: { 'content-type': 'application/x-ndjson' },
    })
    for (const order of [fresh, imported]) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          evaluate(clientId, keys.integrator, i % 2 ? reversedKeys(order) : order),
        ),
      )
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200))
      expect(new Set(answers.map((a) => a.body.decisionId)).size).toBe(1)
      expect(await decisionCount(clientId, order.id as string)).toBe(1)
    }
  })

  it('refuses a number that overflows a double (no JSON value to compare or store) with 422 naming it', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory()
    const text = JSON.stringify({ ...order, meta: { big: 0 } }).replace('"big":0', '"big":1e400')
    const res = await evaluate(clientId, keys.integrator, text)
    expect(res.status).toBe(422)
    expect(res.body.error.issues[0].path).toBe('meta.big')
    const imported = await h.request('POST', `/v1/clients/${clientId}/orders/import`, {
      key: keys.integrator,
      body: `{"order": ${text}}\n`,
      headers: { 'content-type': 'application/x-ndjson' },
    })
    expect(imported.status).toBe(422)
    expect(imported.body.error.issues[0]).toMatchObject({ line: 1, path: 'order.meta.big' })
    expect(await decisionCount(clientId)).toBe(0)
  })

  it('concurrent evaluations of one id with two contents: one decision, the other content 409', async () => {
    const { clientId, keys } = await liveClient()
    const a = orderFactory()
    const b = { ...a, note: 'other' }
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => evaluate(clientId, keys.integrator, i % 2 ? a : b)),
    )
    const won = answers.filter((r) => r.status === 200)
    const lost = answers.filter((r) => r.status !== 200)
    expect(new Set(won.map((r) => r.body.decisionId)).size).toBe(1)
    expect(won).toHaveLength(10)
    expect(lost.map((r) => [r.status, r.body.error.code])).toEqual(Array(10).fill([409, 'order_exists']))
    expect(await decisionCount(clientId, a.id as string)).toBe(1)
  })
})

describe('Idempotency-Key retries of other POSTs: the first answer, never a second side effect', () => {
  const withKey = (key: string) => ({ 'idempotency-key': key })

  async function versionCount(clientId: string): Promise<number> {
    const res = await h.request('GET', `/v1/clients/${clientId}/policy/versions`, { key: h.adminKey })
    return res.body.data.length
  }

  it('saving a version: a retry answers the first version; another body is refused and saves nothing', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const path = `/v1/clients/${clientId}/policy/versions`
    const body = { document: policyFactory(), comment: 'first' }
    const first = await h.request('POST', path, { key: keys.analyst, body, headers: withKey('v-1') })
    expect(first.status).toBe(201)
    const retry = await h.request('POST', path, { key: keys.analyst, body, headers: withKey('v-1') })
    expect(retry.status).toBe(201)
    expect(retry.body).toEqual(first.body)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    const other = await h.request('POST', path, {
      key: keys.analyst,
      body: { ...body, comment: 'second' },
      headers: withKey('v-1'),
    })
    expect(other.status).toBe(422)
    expect(other.body.error.code).toBe('idempotency_key_reused')
    expect(await versionCount(clientId)).toBe(1)
  })

  it('a retry whose JSON differs only in key order or number spelling is the same request', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory({ tax: 3.2 })
    const first = await evaluate(clientId, keys.integrator, order, withKey('e-1'))
    expect(first.status).toBe(200)
    const text = JSON.stringify(reversedKeys(order)).replace('"tax":3.2', '"tax":3.20')
    // Without the header this is the same order (api.md "Idempotency"); the header must not make
    // the retry fail.
    expect((await evaluate(clientId, keys.integrator, text)).body).toEqual(first.body)
    const retry = await evaluate(clientId, keys.integrator, text, withKey('e-1'))
    expect(retry.status).toBe(200)
    expect(retry.body).toEqual(first.body)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
  })

  it('publish, api-keys and simulate retries answer the first answer', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const v1 = await publishPolicy(h, clientId)
    const saved = await h.request('POST', `/v1/clients/${clientId}/policy/versions`, {
      key: keys.analyst,
      body: { document: policyFactory({ description: 'v2' }) },
    })
    const publishPath = `/v1/clients/${clientId}/policy/versions/${saved.body.version}/publish`
    const published = await h.request('POST', publishPath, {
      key: keys.publisher,
      body: { comment: 'go' },
      headers: withKey('p-1'),
    })
    expect(published.body).toMatchObject({ version: saved.body.version, previousVersion: v1 })
    const publishRetry = await h.request('POST', publishPath, {
      key: keys.publisher,
      body: { comment: 'go' },
      headers: withKey('p-1'),
    })
    expect(publishRetry.body).toEqual(published.body)
    const log = await h.request('GET', `/v1/clients/${clientId}/policy/publications`, { key: keys.auditor })
    expect(log.body.data).toHaveLength(2)

    const keysPath = `/v1/clients/${clientId}/api-keys`
    const keyBody = { name: 'ci', role: 'integrator' }
    const created = await h.request('POST', keysPath, {
      key: keys.admin,
      body: keyBody,
      headers: withKey('k-1'),
    })
    expect(created.status).toBe(201)
    const createdRetry = await h.request('POST', keysPath, {
      key: keys.admin,
      body: keyBody,
      headers: withKey('k-1'),
    })
    expect(createdRetry.status).toBe(201)
    // The secret is shown once and stored only as its hash: the retry answers the same key without it.
    expect(createdRetry.body).toEqual({ ...created.body, key: null })
    const stored = await sql<{
      body: string
    }>`select response_body::text as body from idempotency_keys`.execute(h.db)
    expect(stored.rows.length).toBeGreaterThan(0)
    for (const row of stored.rows) expect(row.body ?? '').not.toContain(created.body.key)
    expect((await h.request('GET', `/v1/clients/${clientId}`, { key: created.body.key })).status).toBe(200)
    const listed = await h.request('GET', keysPath, { key: keys.admin })
    expect(listed.body.data.filter((k: Json) => k.name === 'ci')).toHaveLength(1)

    const simulatePath = `/v1/clients/${clientId}/simulate`
    const simulateBody = { order: orderFactory() }
    const simulated = await h.request('POST', simulatePath, {
      key: keys.analyst,
      body: simulateBody,
      headers: withKey('s-1'),
    })
    expect(simulated.status).toBe(200)
    const simulatedRetry = await h.request('POST', simulatePath, {
      key: keys.analyst,
      body: simulateBody,
      headers: withKey('s-1'),
    })
    expect(simulatedRetry.body).toEqual(simulated.body)
  })

  it('import: a retry answers the first answer; the same key with another file is refused', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const send = (orders: Json[], key: string) =>
      h.request('POST', `/v1/clients/${clientId}/orders/import`, {
        key: keys.integrator,
        body: orders.map((order) => `${JSON.stringify({ order })}\n`).join(''),
        headers: { 'content-type': 'application/x-ndjson', ...withKey(key) },
      })
    const orders = [orderFactory(), orderFactory()]
    const first = await send(orders, 'i-1')
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ imported: 2, unchanged: 0 })
    const retry = await send(orders, 'i-1')
    expect(retry.status).toBe(200)
    expect(retry.body).toEqual(first.body)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    const other = await send([orderFactory()], 'i-1')
    expect(other.status).toBe(422)
    expect(other.body.error.code).toBe('idempotency_key_reused')
    const stored = await h.db
      .selectFrom('orders')
      .select('order_id')
      .where('client_id', '=', clientId)
      .execute()
    expect(stored).toHaveLength(2)
  })

  it('import: concurrent duplicates execute once; a refused file does not use up the key', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const send = (body: string, key: string) =>
      h.request('POST', `/v1/clients/${clientId}/orders/import`, {
        key: keys.integrator,
        body,
        headers: { 'content-type': 'application/x-ndjson', ...withKey(key) },
      })
    const file = [orderFactory(), orderFactory(), orderFactory()].map(
      (order) => `${JSON.stringify({ order })}\n`,
    )
    const answers = await Promise.all(Array.from({ length: 5 }, () => send(file.join(''), 'i-2')))
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(200))
    expect(answers.map((a) => a.body.imported)).toEqual(Array(5).fill(3))

    const refused = await send(`${file[0]}{"order": {"id": "x"}}\n`, 'i-3')
    expect(refused.status).toBe(422)
    const fixed = await send(`${JSON.stringify({ order: orderFactory() })}\n`, 'i-3')
    expect(fixed.status).toBe(200)
    expect(fixed.body).toMatchObject({ imported: 1 })
    expect(fixed.headers.get('idempotent-replayed')).toBeNull()
  })

  it('the OpenAPI document tells what a reused key answers, on the import too', async () => {
    const doc = (await h.request('GET', '/openapi.json')).body
    for (const path of ['/v1/clients/{clientId}/orders/evaluate', '/v1/clients/{clientId}/orders/import']) {
      const header = doc.paths[path].post.parameters.find((p: Json) => p.name === 'Idempotency-Key')
      expect(header.description).toContain('422 idempotency_key_reused')
    }
  })
})

describe('policy versions', () => {
  const versionsPath = (clientId: string) => `/v1/clients/${clientId}/policy/versions`
  const save = (clientId: string, key: string, document: unknown, comment?: string) =>
    h.request('POST', versionsPath(clientId), {
      key,
      body: comment === undefined ? { document } : { document, comment },
    })
  const publish = (clientId: string, key: string, version: number | string) =>
    h.request('POST', `${versionsPath(clientId)}/${version}/publish`, { key, body: { comment: 'go' } })
  const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

  it('saves drafts, publishes, retires the previous live version and rolls back', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const first = await save(clientId, keys.analyst, policyFactory(), 'one')
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ version: 1, status: 'draft', warnings: [] })
    expect(first.body.checksum).toMatch(/^[0-9a-f]{64}$/)
    expect(first.body.createdAt).toMatch(ISO)
    expect(typeof first.body.createdBy).toBe('string')
    const second = await save(clientId, keys.analyst, policyFactory({ description: 'two' }))
    expect(second.body.version).toBe(2)

    expect((await publish(clientId, keys.publisher, 1)).body).toMatchObject({ version: 1, status: 'live' })
    expect((await publish(clientId, keys.publisher, 2)).body).toMatchObject({ version: 2, status: 'live' })
    const statuses = async () => {
      const res = await h.request('GET', versionsPath(clientId), { key: keys.auditor })
      return Object.fromEntries(res.body.data.map((v: Json) => [v.version, v.status]))
    }
    expect(await statuses()).toEqual({ 1: 'retired', 2: 'live' })
    const rollback = await publish(clientId, keys.publisher, 1)
    expect(rollback.body).toMatchObject({ version: 1, status: 'live', previousVersion: 2 })
    expect(await statuses()).toEqual({ 1: 'live', 2: 'retired' })
    const live = await h.request('GET', `/v1/clients/${clientId}/policy/live`, { key: keys.integrator })
    expect(live.body).toMatchObject({ version: 1, status: 'live', document: policyFactory() })

    const listed = await h.request('GET', versionsPath(clientId), { key: keys.auditor })
    for (const v of listed.body.data) {
      for (const field of [
        'version',
        'status',
        'checksum',
        'comment',
        'createdAt',
        'createdBy',
        'publishedAt',
        'publishedBy',
      ]) {
        expect(v).toHaveProperty(field)
      }
      expect(v.publishedAt).toMatch(ISO)
    }
    // Evaluate uses the rolled-back version.
    const decision = await evaluate(clientId, keys.integrator, orderFactory())
    expect(decision.body.policyVersion).toBe(1)
  })

  it('refuses an invalid document with 422 and every issue at its path', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const document = policyFactory({
      settings: { thresholds: { review: 90, decline: 80 } },
      rules: [
        {
          id: 'a',
          category: 'fraud',
          conditions: { all: [{ fact: 'nope', operator: 'equal', value: 1 }] },
          event: { type: 'score', params: { points: 'ten' } },
        },
      ],
    })
    const res = await save(clientId, keys.analyst, document)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('invalid_policy')
    const paths = res.body.error.issues.map((i: Json) => i.path)
    expect(paths).toEqual(
      expect.arrayContaining(['$.rules[0].conditions.all[0].fact', '$.rules[0].event.params.points']),
    )
    expect(paths.some((p: string) => p.startsWith('$.settings.thresholds'))).toBe(true)
    const listed = await h.request('GET', versionsPath(clientId), { key: keys.auditor })
    expect(listed.body.data).toEqual([])
  })

  it('diffs two versions rule by rule, with settings and lists', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const base = policyFactory()
    const rules = base.rules as Json[]
    await save(clientId, keys.analyst, base)
    const next = {
      ...base,
      settings: { ...(base.settings as Json), thresholds: { review: 30, decline: 80 } },
      lists: { restrictedCountries: ['KP', 'IR', 'SY'] },
      rules: [
        rules[0],
        { ...rules[1], event: { type: 'score', params: { points: 35, message: 'AVS: no match' } } },
        {
          id: 'fraud.tagged',
          category: 'fraud',
          conditions: { all: [{ fact: 'order', path: '$.channel', operator: 'equal', value: 'web' }] },
          event: { type: 'tag', params: { tag: 'web' } },
        },
      ],
    }
    await save(clientId, keys.analyst, next)
    const diff = await h.request('GET', `${versionsPath(clientId)}/1/diff/2`, { key: keys.auditor })
    expect(diff.status).toBe(200)
    expect(diff.body.rules.added).toEqual(['fraud.tagged'])
    expect(diff.body.rules.removed).toEqual(['fraud.email-velocity-24h'])
    // api.md: "added, removed, changed rules (by id)"; what changed in each is in `changes`.
    expect(diff.body.rules.changed).toEqual(['payment.avs-none'])
    expect(diff.body.rules.changes).toEqual([
      { id: 'payment.avs-none', fields: ['event'], points: { before: 30, after: 35 } },
    ])
    expect([diff.body.added, diff.body.removed, diff.body.changed]).toEqual([
      ['fraud.tagged'],
      ['fraud.email-velocity-24h'],
      ['payment.avs-none'],
    ])
    expect(diff.body.settings).toEqual([{ path: ['thresholds', 'review'], before: 40, after: 30 }])
    expect(diff.body.lists).toEqual([
      { name: 'restrictedCountries', status: 'changed', added: ['SY'], removed: [] },
    ])
  })

  it('answers 404 for a version number that is not written canonically, never another version', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await save(clientId, keys.analyst, policyFactory())
    await save(clientId, keys.analyst, policyFactory({ description: 'two' }))
    expect((await h.request('GET', `${versionsPath(clientId)}/1`, { key: keys.auditor })).status).toBe(200)
    const aliases = ['01', '1e0', '1.0', '+1', '%201', '0x1', '0', '-1', '2147483648', '99999999999999999999']
    for (const alias of aliases) {
      const one = await h.request('GET', `${versionsPath(clientId)}/${alias}`, { key: keys.auditor })
      expect([alias, one.status, one.body.error?.code]).toEqual([alias, 404, 'not_found'])
      const diff = await h.request('GET', `${versionsPath(clientId)}/${alias}/diff/2`, { key: keys.auditor })
      expect([alias, diff.status]).toEqual([alias, 404])
      const diffB = await h.request('GET', `${versionsPath(clientId)}/2/diff/${alias}`, { key: keys.auditor })
      expect([alias, diffB.status]).toEqual([alias, 404])
      const published = await publish(clientId, keys.publisher, alias)
      expect([alias, published.status]).toEqual([alias, 404])
    }
    const listed = await h.request('GET', versionsPath(clientId), { key: keys.auditor })
    expect(listed.body.data.every((v: Json) => v.status === 'draft')).toBe(true)
  })
})

/** The app on the harness database with a clock the test sets (decisions sharing one instant). */
function clockedApp() {
  const clock = { now: new Date('2026-11-20T10:00:00.000Z') }
  const app = createApp({ db: h.db, env: { ADMIN_API_KEY: h.adminKey }, now: () => clock.now })
  const send = async (method: string, path: string, key: string, body?: unknown): Promise<TestResponse> => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const res = await app.request(path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    const text = await res.text()
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, text }
  }
  return { clock, send }
}

describe('decisions listing', () => {
  const list = (clientId: string, key: string, query: string) =>
    h.request('GET', `/v1/clients/${clientId}/decisions${query}`, { key })

  async function pageAll(clientId: string, key: string, query: string, limit: number) {
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const sep = query ? '&' : '?'
      const res = await list(
        clientId,
        key,
        `${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      )
      expect(res.status).toBe(200)
      expect(res.body.data.length).toBeLessThanOrEqual(limit)
      seen.push(...res.body.data.map((d: Json) => d.decisionId))
      cursor = res.body.nextCursor
      pages++
    } while (cursor && pages < 100)
    return seen
  }

  it('pages completely and without overlap when many decisions share one evaluatedAt', async () => {
    const { clientId, keys } = await liveClient()
    const { send } = clockedApp()
    const ids: string[] = []
    for (let i = 0; i < 23; i++) {
      const res = await send('POST', evaluatePath(clientId), keys.integrator, orderFactory())
      expect(res.status).toBe(200)
      ids.push(res.body.decisionId)
    }
    const listed = await list(clientId, keys.auditor, '?limit=500')
    expect(new Set(listed.body.data.map((d: Json) => d.evaluatedAt))).toEqual(
      new Set(['2026-11-20T10:00:00.000Z']),
    )
    for (const limit of [1, 4, 7, 23, 50]) {
      const seen = await pageAll(clientId, keys.auditor, '', limit)
      expect(seen).toHaveLength(23)
      expect(new Set(seen).size).toBe(23)
      expect(seen).toEqual(listed.body.data.map((d: Json) => d.decisionId))
    }
    expect([...ids].sort()).toEqual([...listed.body.data.map((d: Json) => d.decisionId)].sort())
  })

  it('pages a ruleId and an outcome filter over one shared evaluatedAt completely', async () => {
    const { clientId, keys } = await liveClient()
    const { send } = clockedApp()
    const base = orderFactory()
    const scored: string[] = []
    for (let i = 0; i < 17; i++) {
      const avs = i % 3 === 0 ? 'Y' : 'N'
      const order = orderFactory({ payment: { ...(base.payment as Json), avsResult: avs } })
      const res = await send('POST', evaluatePath(clientId), keys.integrator, order)
      if (avs === 'N') scored.push(res.body.decisionId)
    }
    const expected = [...scored].sort().reverse()
    for (const limit of [1, 3, 5]) {
      expect(await pageAll(clientId, keys.auditor, '?ruleId=payment.avs-none', limit)).toEqual(expected)
    }
    const approvals = await pageAll(clientId, keys.auditor, '?outcome=approve', 4)
    expect(approvals).toHaveLength(17)
    expect(new Set(approvals).size).toBe(17)
  })

  it('from is inclusive and to exclusive, at sub-millisecond precision and with offsets', async () => {
    const { clientId, keys } = await liveClient()
    const { clock, send } = clockedApp()
    const at = ['2026-11-20T10:00:00.001Z', '2026-11-20T10:00:00.002Z', '2026-11-20T10:00:00.003Z']
    const byAt = new Map<string, string>()
    for (const instant of at) {
      clock.now = new Date(instant)
      byAt.set(
        instant,
        (await send('POST', evaluatePath(clientId), keys.integrator, orderFactory())).body.decisionId,
      )
    }
    const window = async (query: string) =>
      (await list(clientId, keys.auditor, query)).body.data.map((d: Json) => d.evaluatedAt)
    expect(await window('?from=2026-11-20T10:00:00.002Z')).toEqual([at[2], at[1]])
    expect(await window('?to=2026-11-20T10:00:00.002Z')).toEqual([at[0]])
    expect(await window('?from=2026-11-20T10:00:00.002Z&to=2026-11-20T10:00:00.003Z')).toEqual([at[1]])
    expect(await window(`?from=${encodeURIComponent('2026-11-20T12:00:00.002+02:00')}`)).toEqual([
      at[2],
      at[1],
    ])
    // .0015 lies between .001 and .002: from=.0015 excludes .001, to=.0025 keeps .002.
    expect(await window('?from=2026-11-20T10:00:00.0015Z')).toEqual([at[2], at[1]])
    expect(await window('?to=2026-11-20T10:00:00.0025Z')).toEqual([at[1], at[0]])
    expect(await window('?from=2026-11-20T10:00:00.0015Z&to=2026-11-20T10:00:00.0025Z')).toEqual([at[1]])
    expect(await window('?from=2026-11-20T10:00:00.002Z&to=2026-11-20T10:00:00.002Z')).toEqual([])
    // RFC 3339 §5.6 allows a lower-case t and z (as orders' createdAt); seconds are required.
    expect(await window('?from=2026-11-20t10:00:00.002z')).toEqual([at[2], at[1]])
    for (const bad of ['2026-11-20', '2026-11-20T10:00Z', '2026-11-20T10:00:00', '2026-02-30T10:00:00Z']) {
      const res = await list(clientId, keys.auditor, `?to=${bad}`)
      expect([bad, res.status, res.body.error?.issues?.[0]?.path]).toEqual([bad, 422, 'to'])
    }
  })

  it('filters outcome, ruleId and orderId exactly', async () => {
    const { clientId, keys } = await liveClient()
    const base = orderFactory()
    const review = orderFactory({ id: 'Ord-1', payment: { ...(base.payment as Json), avsResult: 'N' } })
    const clean = orderFactory({ id: 'ord-1' })
    const declined = orderFactory({ shippingAddress: { ...(base.shippingAddress as Json), country: 'KP' } })
    for (const order of [review, clean, declined]) {
      expect((await evaluate(clientId, keys.integrator, order)).status).toBe(200)
    }
    const orderIds = async (query: string) =>
      (await list(clientId, keys.auditor, query)).body.data.map((d: Json) => d.orderId)
    expect(await orderIds('?outcome=decline')).toEqual([declined.id])
    expect(await orderIds('?outcome=approve')).toEqual([clean.id, review.id])
    expect(await orderIds('?ruleId=payment.avs-none')).toEqual([review.id])
    expect(await orderIds('?ruleId=payment.avs')).toEqual([])
    expect(await orderIds('?ruleId=PAYMENT.AVS-NONE')).toEqual([])
    expect(await orderIds('?orderId=ord-1')).toEqual(['ord-1'])
    expect(await orderIds('?orderId=Ord-1')).toEqual(['Ord-1'])
    expect(await orderIds('?orderId=ord')).toEqual([])
    expect(await orderIds('?orderId=ord-1&outcome=decline')).toEqual([])
  })

  it('bounds limit to 1-500 written as an integer', async () => {
    const { clientId, keys } = await liveClient()
    for (const limit of ['1', '500']) {
      expect((await list(clientId, keys.auditor, `?limit=${limit}`)).status).toBe(200)
    }
    for (const limit of ['0', '501', '-1', 'abc', '1.5', '', '1e1', '10.0', '0x10', '+5']) {
      const res = await list(clientId, keys.auditor, `?limit=${limit}`)
      expect([limit, res.status, res.body.error?.issues?.[0]?.path]).toEqual([limit, 422, 'limit'])
    }
  })
})

describe('the decision', () => {
  const tagAndScore = () =>
    policyFactory({
      rules: [
        {
          id: 'fraud.tag-web',
          category: 'fraud',
          priority: 5,
          conditions: { all: [{ fact: 'order', path: '$.channel', operator: 'equal', value: 'web' }] },
          event: { type: 'tag', params: { tag: 'web-order' } },
        },
        {
          id: 'payment.avs-none',
          category: 'payment',
          priority: 10,
          conditions: { all: [{ fact: 'payment', path: '$.avsMatch', operator: 'equal', value: 'none' }] },
          event: { type: 'score', params: { points: 30, message: 'AVS: no match' } },
        },
        {
          id: 'validation.currency-in-total',
          category: 'validation',
          priority: 1,
          conditions: {
            all: [
              {
                fact: 'order',
                path: '$.currency',
                operator: 'in',
                value: { fact: 'order', path: '$.total' },
              },
            ],
          },
          event: { type: 'review', params: { message: 'never fires' } },
        },
      ],
    })

  it('answers 409 no_live_policy without a live version, and stores nothing', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await h.request('POST', `/v1/clients/${clientId}/policy/versions`, {
      key: keys.analyst,
      body: { document: policyFactory() },
    })
    const res = await evaluate(clientId, keys.integrator, orderFactory())
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('no_live_policy')
    expect(await decisionCount(clientId)).toBe(0)
  })

  it('has the shape of api.md: reasons in priority order with tag rules, errors, shipping, ISO evaluatedAt', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const version = await publishPolicy(h, clientId, tagAndScore())
    const base = orderFactory()
    const order = orderFactory({ channel: 'web', payment: { ...(base.payment as Json), avsResult: 'N' } })
    const first = await evaluate(clientId, keys.integrator, order)
    expect(first.status).toBe(200)
    const d = first.body
    expect(d.decisionId).toMatch(/^dec_/)
    expect(d).toMatchObject({
      clientId,
      orderId: order.id,
      policyVersion: version,
      score: 30,
      tags: ['web-order'],
    })
    // The erring rule forces at least review (policies.md "Evaluation errors").
    expect(d.outcome).toBe('review')
    expect(d.reasons.map((r: Json) => r.ruleId)).toEqual(['payment.avs-none', 'fraud.tag-web'])
    expect(d.reasons[0]).toMatchObject({
      category: 'payment',
      type: 'score',
      points: 30,
      message: 'AVS: no match',
    })
    expect(d.reasons[1]).toMatchObject({ category: 'fraud', type: 'tag' })
    expect(d.errors).toHaveLength(1)
    expect(d.errors[0].ruleId).toBe('validation.currency-in-total')
    expect(typeof d.errors[0].message).toBe('string')
    expect(d.shipping).toEqual({
      method: 'standard',
      carrier: 'UPS',
      estimatedDelivery: { earliest: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), latest: expect.any(String) },
    })
    expect(new Date(d.evaluatedAt).toISOString()).toBe(d.evaluatedAt)

    const again = await evaluate(clientId, keys.integrator, order)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(d)

    const stored = await h.request('GET', `/v1/clients/${clientId}/decisions/${d.decisionId}`, {
      key: keys.auditor,
    })
    expect(stored.status).toBe(200)
    expect(stored.body).toMatchObject(d)
    expect(stored.body.version).toEqual({ version, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(stored.body.facts.payment.avsMatch).toBe('none')
    expect(stored.body.trace.map((t: Json) => t.ruleId)).toEqual(
      expect.arrayContaining(['fraud.tag-web', 'payment.avs-none', 'validation.currency-in-total']),
    )
    const listed = await h.request('GET', `/v1/clients/${clientId}/decisions?orderId=${order.id}`, {
      key: keys.auditor,
    })
    expect(listed.body.data).toEqual([d])

    const reproduced = await h.request(
      'POST',
      `/v1/clients/${clientId}/decisions/${d.decisionId}/reproduce`,
      {
        key: keys.auditor,
      },
    )
    expect(reproduced.status).toBe(200)
    expect(reproduced.body).toMatchObject({
      identical: true,
      decisionId: d.decisionId,
      policyVersion: version,
    })
  })
})
