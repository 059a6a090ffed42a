import { type Kysely, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { indexKey } from '../../api/src/lib/index-key.js'
import * as digestLongOrderKeys from '../../migrations/2026_11_28_1700_digest_long_order_keys.js'
import { createClientWithKeys, orderFactory, policyFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

// A database index entry holds ~2.7 KB: an unbounded value in one was a 500 on evaluate.
const h = useHarness()

const randomText = (length: number) =>
  Array.from({ length }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join(
    '',
  )

const tagRule = (id: string) => ({
  id,
  category: 'fraud',
  conditions: { all: [] },
  event: { type: 'tag', params: { tag: 'seen' } },
})

describe('rule ids', () => {
  it('longer than 200 characters are refused when the version is saved', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await h.request('POST', `/v1/clients/${clientId}/policy/versions`, {
      key: keys.analyst,
      body: { document: policyFactory({ rules: [tagRule(`r${randomText(2700)}`)] }), comment: 'x' },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toEqual([
      { path: '$.rules[0].id', code: 'INVALID_RULE_ID', message: 'rule id must be at most 200 characters' },
    ])
  })

  it('of 200 characters fire, are stored and can be filtered on', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const id = `r${randomText(199)}`
    await publishPolicy(h, clientId, policyFactory({ rules: [tagRule(id)] }))
    const res = await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
      key: keys.integrator,
      body: orderFactory(),
    })
    expect(res.status).toBe(200)
    expect(res.body.reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual([id])
    const listed = await h.request('GET', `/v1/clients/${clientId}/decisions?ruleId=${id}`, {
      key: keys.auditor,
    })
    expect(listed.body.data.map((d: { decisionId: string }) => d.decisionId)).toEqual([res.body.decisionId])
  })
})

describe('e-mails and IPs of any length', () => {
  it('are evaluated, imported and grouped by velocity like short ones', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    // Multi-byte characters: 1,000 of them are ~3 KB of UTF-8.
    const email = `${'é'.repeat(1000)}${randomText(2000)}@example.com`
    const ip = `ip-${randomText(3000)}`
    const order = (id: string, createdAt: string) => {
      const base = orderFactory({ id, createdAt })
      return { ...base, customer: { ...(base.customer as object), email, ip } }
    }
    const imported = await h.request('POST', `/v1/clients/${clientId}/orders/import`, {
      key: keys.integrator,
      body: `${JSON.stringify({ order: order('L-0', '2026-11-20T09:00:00Z') })}\n`,
      headers: { 'content-type': 'application/x-ndjson' },
    })
    expect(imported.status).toBe(200)
    for (const [id, at, expected] of [
      ['L-1', '2026-11-20T10:00:00Z', 1],
      ['L-2', '2026-11-20T11:00:00Z', 2],
    ] as const) {
      const res = await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
        key: keys.integrator,
        body: order(id, at),
      })
      expect(res.status).toBe(200)
      const stored = await h.request('GET', `/v1/clients/${clientId}/decisions/${res.body.decisionId}`, {
        key: keys.auditor,
      })
      expect(stored.body.facts.velocity).toMatchObject({
        ordersByEmail24h: expected,
        ordersByIp24h: expected,
      })
      expect(stored.body.facts.customer.isFirstOrder).toBe(false)
    }
  })

  it('stored before the digest (513 bytes to the index limit) are turned into it, so velocity still groups them', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    const email = `${randomText(600)}@example.com`
    const order = (id: string, createdAt: string, customerEmail: string) => {
      const base = orderFactory({ id, createdAt })
      return { ...base, customer: { ...(base.customer as object), email: customerEmail } }
    }
    const imported = await h.request('POST', `/v1/clients/${clientId}/orders/import`, {
      key: keys.integrator,
      body: `${JSON.stringify({ order: order('M-0', '2026-11-20T09:00:00Z', 'short@example.com') })}\n`,
      headers: { 'content-type': 'application/x-ndjson' },
    })
    expect(imported.status).toBe(200)
    // As the code before the digest stored it: the key itself.
    await sql`update orders set email = ${email} where client_id = ${clientId}`.execute(h.db)
    await digestLongOrderKeys.up(h.db as Kysely<unknown>)
    const [row] = await sql<{ email: string }>`select email from orders where client_id = ${clientId}`
      .execute(h.db)
      .then((r) => r.rows)
    expect(row?.email).toBe(indexKey(email))
    const res = await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
      key: keys.integrator,
      body: order('M-1', '2026-11-20T10:00:00Z', email),
    })
    const stored = await h.request('GET', `/v1/clients/${clientId}/decisions/${res.body.decisionId}`, {
      key: keys.auditor,
    })
    expect(stored.body.facts.velocity.ordersByEmail24h).toBe(1)
  })

  it('are stored as themselves up to 512 bytes and as an upper-case digest beyond, which no lower-cased key can equal', () => {
    const short = 'a'.repeat(512)
    expect(indexKey(short)).toBe(short)
    expect(indexKey('é'.repeat(256))).toBe('é'.repeat(256))
    expect(indexKey('é'.repeat(257))).toMatch(/^SHA256:[0-9a-f]{64}$/)
    expect(indexKey(`${short}b`)).not.toBe(indexKey(`${short}c`))
    expect(indexKey(null)).toBeNull()
  })
})
