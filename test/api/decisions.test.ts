import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { describeCommonRouteTests } from '../support/common-route-tests.js'
import { createClientWithKeys, orderFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

const h = useHarness()

/** A client with 7 decisions: 3 clean, 2 scored 30 by AVS none (still approve), 2 declined (restricted country). */
async function clientWithDecisions() {
  const client = await createClientWithKeys(h)
  await publishPolicy(h, client.clientId)
  const ids: string[] = []
  const base = orderFactory()
  const kinds = ['approve', 'review', 'decline', 'approve', 'review', 'decline', 'approve'] as const
  for (const [i, kind] of kinds.entries()) {
    const order = orderFactory({
      createdAt: `2026-11-2${i}T10:00:00Z`,
      customer: { ...(base.customer as object), email: `d${i}@example.com` },
      ...(kind === 'review'
        ? { payment: { ...(base.payment as object), avsResult: 'N', cvvResult: 'M' } }
        : {}),
      ...(kind === 'decline'
        ? { shippingAddress: { ...(base.shippingAddress as object), country: 'KP' } }
        : {}),
    })
    const res = await h.request('POST', `/v1/clients/${client.clientId}/orders/evaluate`, {
      key: client.keys.integrator,
      body: order,
    })
    expect(res.status).toBe(200)
    ids.push(res.body.decisionId)
  }
  return { ...client, ids }
}

const list = (clientId: string, key: string, query = '') =>
  h.request('GET', `/v1/clients/${clientId}/decisions${query}`, { key })

describe('GET /v1/clients/:clientId/decisions', () => {
  it('lists newest first and pages through everything with the opaque cursor', async () => {
    const { clientId, keys, ids } = await clientWithDecisions()
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const res = await list(clientId, keys.auditor, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.status).toBe(200)
      expect(res.body.data.length).toBeLessThanOrEqual(3)
      seen.push(...res.body.data.map((d: { decisionId: string }) => d.decisionId))
      cursor = res.body.nextCursor
    } while (cursor)
    expect(seen).toEqual([...ids].reverse())
  })

  it('filters by outcome, ruleId and orderId', async () => {
    const { clientId, keys } = await clientWithDecisions()
    const declines = await list(clientId, keys.auditor, '?outcome=decline')
    expect(declines.body.data.map((d: { outcome: string }) => d.outcome)).toEqual(['decline', 'decline'])
    const avs = await list(clientId, keys.auditor, '?ruleId=payment.avs-none&limit=1')
    expect(avs.body.data).toHaveLength(1)
    expect(avs.body.data[0].reasons[0].ruleId).toBe('payment.avs-none')
    const next = await list(
      clientId,
      keys.auditor,
      `?ruleId=payment.avs-none&limit=1&cursor=${avs.body.nextCursor}`,
    )
    expect(next.body.data).toHaveLength(1)
    expect(next.body.nextCursor).toBeNull()
    const orderId = avs.body.data[0].orderId
    const byOrder = await list(clientId, keys.auditor, `?orderId=${orderId}`)
    expect(byOrder.body.data.map((d: { orderId: string }) => d.orderId)).toEqual([orderId])
  })

  it('filters by evaluation time with from (inclusive) and to (exclusive)', async () => {
    const { clientId, keys } = await clientWithDecisions()
    const all = await list(clientId, keys.auditor)
    const middle = all.body.data[3].evaluatedAt
    const newer = await list(clientId, keys.auditor, `?from=${middle}`)
    const older = await list(clientId, keys.auditor, `?to=${middle}`)
    expect(newer.body.data.length + older.body.data.length).toBe(7)
    expect(newer.body.data.at(-1).evaluatedAt).toBe(middle)
  })

  it('reads an offset whose + was left unencoded in the query (it arrives as a space)', async () => {
    const { clientId, keys } = await clientWithDecisions()
    const all = await list(clientId, keys.auditor)
    const middle = new Date(all.body.data[3].evaluatedAt)
    // The same instant two hours ahead of UTC, written as a hand-made URL would write it.
    const local = new Date(middle.getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00')
    const unencoded = await list(clientId, keys.auditor, `?from=${local}`)
    const utc = await list(clientId, keys.auditor, `?from=${middle.toISOString()}`)
    expect(unencoded.status).toBe(200)
    expect(unencoded.body.data).toEqual(utc.body.data)
  })

  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['outcome=maybe', 'outcome'],
    ['from=yesterday', 'from'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('returns 422 naming the parameter for %s', async (query, field) => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await list(clientId, keys.auditor, `?${query}`)
    expect(res.status).toBe(422)
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(field)
  })
})

describe('GET /v1/clients/:clientId/decisions/:decisionId', () => {
  it('answers the decision with its trace, facts, list matches and exact version', async () => {
    const { clientId, keys, ids } = await clientWithDecisions()
    const res = await h.request('GET', `/v1/clients/${clientId}/decisions/${ids[1]}`, { key: keys.auditor })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      decisionId: ids[1],
      outcome: 'approve',
      score: 30,
      policyVersion: 1,
      revision: 1,
    })
    expect(res.body.version).toEqual({ version: 1, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(res.body.facts.payment.avsMatch).toBe('none')
    expect(Array.isArray(res.body.trace)).toBe(true)
    expect(res.body.trace.find((t: { ruleId: string }) => t.ruleId === 'payment.avs-none').status).toBe(
      'fired',
    )
  })

  it('answers 404 for an unknown, malformed or other-tenant decision id', async () => {
    const mine = await clientWithDecisions()
    const other = await createClientWithKeys(h)
    const missing = 'dec_01JZZZZZZZZZZZZZZZZZZZZZZZ'
    for (const [clientId, id, key] of [
      [mine.clientId, missing, mine.keys.auditor],
      [mine.clientId, 'not-a-decision', mine.keys.auditor],
      [other.clientId, mine.ids[0], other.keys.auditor],
    ] as const) {
      const res = await h.request('GET', `/v1/clients/${clientId}/decisions/${id}`, { key })
      expect(res.status).toBe(404)
    }
  })
})

describe('POST /v1/clients/:clientId/decisions/:decisionId/reproduce', () => {
  it('reproduces every stored decision identically', async () => {
    const { clientId, keys, ids } = await clientWithDecisions()
    for (const id of ids) {
      const res = await h.request('POST', `/v1/clients/${clientId}/decisions/${id}/reproduce`, {
        key: keys.auditor,
      })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ identical: true, decisionId: id })
    }
  })

  it('reports the differences when the stored outcome does not follow from the stored inputs', async () => {
    const { clientId, keys, ids } = await clientWithDecisions()
    const stored = await h.request('GET', `/v1/clients/${clientId}/decisions/${ids[0]}`, {
      key: keys.auditor,
    })
    // A forged row (append-only forbids editing the real one): same inputs, a different outcome.
    const forged = 'dec_01JAAAAAAAAAAAAAAAAAAAAAAA'
    const facts = JSON.stringify(stored.body.facts)
    await sql`insert into order_revisions (client_id, order_id, revision, document, checksum, source)
      values (${clientId}, ${stored.body.orderId}, 2, '{}'::jsonb, 'x', 'modify')`.execute(h.db)
    await sql`insert into decisions (client_id, decision_id, order_id, revision, policy_version, policy_checksum,
        engine_version, outcome, score, reasons, facts, data, evaluated_at)
      values (${clientId}, ${forged}, ${stored.body.orderId}, 2, 1, ${stored.body.version.checksum}, 'x',
        'decline', 99, '[]'::jsonb, ${facts}::text::jsonb, '{}'::jsonb, now())`.execute(h.db)
    const res = await h.request('POST', `/v1/clients/${clientId}/decisions/${forged}/reproduce`, {
      key: keys.auditor,
    })
    expect(res.body.identical).toBe(false)
    expect(res.body.differences.map((d: { field: string }) => d.field)).toEqual(['outcome', 'score'])
    expect(res.body.differences[0]).toEqual({ field: 'outcome', stored: 'decline', reproduced: 'approve' })
    // Stored without a trace (like the seeded history): reading it recomputes the trace.
    const read = await h.request('GET', `/v1/clients/${clientId}/decisions/${forged}`, { key: keys.auditor })
    expect(read.body.traceRecomputed).toBe(true)
    expect(read.body.trace).toEqual(stored.body.trace)
  })

  it('is refused (403) to an integrator', async () => {
    const { clientId, keys, ids } = await clientWithDecisions()
    const res = await h.request('POST', `/v1/clients/${clientId}/decisions/${ids[0]}/reproduce`, {
      key: keys.integrator,
    })
    expect(res.status).toBe(403)
  })
})

describeCommonRouteTests(h, { method: 'GET', path: (id) => `/v1/clients/${id}/decisions` })
