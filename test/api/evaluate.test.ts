import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { parseOrder } from '../../api/src/engine.js'
import { orderKeys } from '../../api/src/evaluations/order-input.js'
import { textWithoutRequestId } from '../support/answer-text.js'
import { describeCommonRouteTests } from '../support/common-route-tests.js'
import { createClientWithKeys, orderFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

const h = useHarness()

async function liveClient() {
  const client = await createClientWithKeys(h)
  await publishPolicy(h, client.clientId)
  return client
}

const evaluate = (clientId: string, key: string, body: unknown) =>
  h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, { key, body })

async function counts(clientId: string) {
  const count = async (table: 'orders' | 'order_revisions' | 'decisions') =>
    Number(
      (
        await h.db
          .selectFrom(table)
          .where('client_id', '=', clientId)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    orders: await count('orders'),
    revisions: await count('order_revisions'),
    decisions: await count('decisions'),
  }
}

describe('POST /v1/clients/:clientId/orders/evaluate', () => {
  it('answers the decision of api.md and stores order, revision and decision', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory()
    const res = await evaluate(clientId, keys.integrator, order)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      clientId,
      orderId: order.id,
      outcome: 'approve',
      score: 0,
      policyVersion: 1,
      reasons: [],
      tags: [],
      errors: [],
      shipping: { method: 'standard', carrier: 'UPS' },
    })
    expect(res.body.decisionId).toMatch(/^dec_[0-9A-Z]{26}$/)
    expect(res.body.shipping.estimatedDelivery).toEqual({
      earliest: expect.any(String),
      latest: expect.any(String),
    })
    expect(new Date(res.body.evaluatedAt).toISOString()).toBe(res.body.evaluatedAt)
    expect(await counts(clientId)).toEqual({ orders: 1, revisions: 1, decisions: 1 })
  })

  it('stores the order revision as the validated order text, key order included (json, not jsonb)', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory()
    await evaluate(clientId, keys.integrator, order)
    const parsed = parseOrder(order)
    if (!parsed.ok) throw new Error('the factory order is valid')
    const { rows } = await sql<{ text: string }>`select document::text as text from order_revisions
      where client_id = ${clientId} and order_id = ${order.id}`.execute(h.db)
    expect(rows.map((r) => r.text)).toEqual([JSON.stringify(parsed.order)])
  })

  it('answers the stored decision again for the same content in another key order', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory()
    const first = await evaluate(clientId, keys.integrator, order)
    const reordered = Object.fromEntries(Object.entries(order).reverse())
    const again = await evaluate(clientId, keys.integrator, reordered)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(await counts(clientId)).toEqual({ orders: 1, revisions: 1, decisions: 1 })
  })

  it('returns 409 order_exists for the same id with different content', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory()
    await evaluate(clientId, keys.integrator, order)
    const res = await evaluate(clientId, keys.integrator, { ...order, total: 50, tax: 5.02 })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('order_exists')
    expect(await counts(clientId)).toEqual({ orders: 1, revisions: 1, decisions: 1 })
  })

  it('returns 409 no_live_policy when nothing is published', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await evaluate(clientId, keys.integrator, orderFactory())
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('no_live_policy')
  })

  it('returns 422 invalid_order naming every field and stores nothing', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory({ currency: 'usd!', total: 'lots' })
    delete (order as Record<string, unknown>).shippingAddress
    const res = await evaluate(clientId, keys.integrator, order)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('invalid_order')
    const paths: string[] = res.body.error.issues.map((issue: { path: string }) => issue.path)
    expect(paths).toEqual(expect.arrayContaining(['currency', 'total', 'shippingAddress']))
    expect(await counts(clientId)).toEqual({ orders: 0, revisions: 0, decisions: 0 })
  })

  it('returns 422 pan_detected without echoing the digits and stores nothing', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory({ note: 'card 4111 1111 1111 1111 exp 12/29' })
    const res = await evaluate(clientId, keys.integrator, order)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('pan_detected')
    expect(res.body.error.issues[0].path).toBe('note')
    expect(textWithoutRequestId(res)).not.toMatch(/4111/)
    expect(await counts(clientId)).toEqual({ orders: 0, revisions: 0, decisions: 0 })
  })

  it('returns 400 for malformed JSON and 415 for a non-JSON body', async () => {
    const { clientId, keys } = await liveClient()
    expect((await evaluate(clientId, keys.integrator, '{"id":')).status).toBe(400)
    const res = await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
      key: keys.integrator,
      body: 'id=1',
      headers: { 'content-type': 'text/plain' },
    })
    expect(res.status).toBe(415)
  })

  it('counts velocity exactly over [createdAt − window, createdAt), as of the order', async () => {
    const { clientId, keys } = await liveClient()
    const email = 'Velo.City@Example.com'
    const at = (iso: string, id: string, mail = email) =>
      orderFactory({ id, createdAt: iso, customer: { ...(orderFactory().customer as object), email: mail } })
    // 24h window before 2026-11-20T14:00:00Z: [2026-11-19T14:00Z, 2026-11-20T14:00Z)
    for (const [iso, id] of [
      ['2026-11-19T14:00:00Z', 'v-edge-in'],
      ['2026-11-19T13:59:59.999Z', 'v-edge-out'],
      ['2026-11-20T13:30:00+00:00', 'v-hour'],
      ['2026-11-20T15:00:00+01:00', 'v-same-instant'],
      ['2026-11-20T14:00:00.001Z', 'v-after'],
    ] as const) {
      expect(
        (
          await evaluate(
            clientId,
            keys.integrator,
            at(iso, id, id === 'v-hour' ? ' velo.city@example.COM ' : email),
          )
        ).status,
      ).toBe(200)
    }
    const res = await evaluate(clientId, keys.integrator, at('2026-11-20T14:00:00Z', 'v-subject'))
    const detail = await h.request('GET', `/v1/clients/${clientId}/decisions/${res.body.decisionId}`, {
      key: keys.auditor,
    })
    expect(detail.body.facts.velocity).toMatchObject({
      ordersByEmail24h: 2,
      ordersByEmail1h: 1,
      amountByEmail24h: 96.36,
      distinctCardsByEmail7d: 1,
    })
    expect(detail.body.facts.customer.isFirstOrder).toBe(false)
  })

  it('fires velocity rules from stored history', async () => {
    const { clientId, keys } = await liveClient()
    const customer = { ...(orderFactory().customer as object), email: 'burst@example.com' }
    for (let i = 0; i < 3; i++) {
      await evaluate(
        clientId,
        keys.integrator,
        orderFactory({ createdAt: `2026-11-20T10:0${i}:00Z`, customer }),
      )
    }
    const res = await evaluate(
      clientId,
      keys.integrator,
      orderFactory({ createdAt: '2026-11-20T11:00:00Z', customer }),
    )
    expect(res.body.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('fraud.email-velocity-24h')
    expect(res.body.score).toBe(50)
    expect(res.body.outcome).toBe('review')
  })

  it('counts every earlier order of a customer whose orders arrive at once (policies.md: velocity is exact)', async () => {
    const { clientId, keys } = await liveClient()
    const customer = { ...(orderFactory().customer as object), email: 'rush@example.com' }
    const orders = Array.from({ length: 8 }, (_, i) =>
      orderFactory({ id: `rush-${i}`, createdAt: `2026-11-20T10:0${i}:00Z`, customer }),
    )
    // Sent without waiting: they would share read and write batches unless the API evaluates one
    // customer's orders one after another. They may reach the handler in any order; each must
    // count exactly the orders stored before it (received_at) that were placed before it.
    const answers = await Promise.all(orders.map((order) => evaluate(clientId, keys.integrator, order)))
    const stored = await h.db
      .selectFrom('orders')
      .where('client_id', '=', clientId)
      .select(['order_id', 'received_at'])
      .orderBy('received_at')
      .execute()
    const arrival = stored.map((row) => row.order_id)
    expect(new Set(stored.map((row) => row.received_at.getTime())).size).toBe(orders.length)
    const placed = (id: string) => orders.findIndex((order) => order.id === id)
    for (const [i, answer] of answers.entries()) {
      const detail = await h.request('GET', `/v1/clients/${clientId}/decisions/${answer.body.decisionId}`, {
        key: keys.auditor,
      })
      const earlier = arrival
        .slice(0, arrival.indexOf(orders[i]!.id as string))
        .filter((id) => placed(id) < i).length
      expect([orders[i]!.id, detail.body.facts.velocity.ordersByEmail1h]).toEqual([orders[i]!.id, earlier])
      expect(detail.body.facts.customer.isFirstOrder).toBe(earlier === 0)
    }
  })

  it('produces exactly one decision for 20 concurrent identical requests', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory()
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => evaluate(clientId, keys.integrator, order)),
    )
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200))
    expect(new Set(answers.map((a) => a.body.decisionId)).size).toBe(1)
    expect(await counts(clientId)).toEqual({ orders: 1, revisions: 1, decisions: 1 })
  })

  it('evaluates an imported order that has no decision yet', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory()
    const parsed = parseOrder(order)
    if (!parsed.ok) throw new Error('fixture order is invalid')
    const k = orderKeys(parsed.order, order)
    await h.db
      .insertInto('orders')
      .values({
        client_id: clientId,
        order_id: k.orderId,
        revision: 1,
        created_at: k.createdAt,
        email: k.email,
        ip: k.ip,
        card_key: k.cardKey,
        total: k.total,
        currency: k.currency,
        imported: true,
        checksum: k.checksum,
        updated_at: new Date(),
      })
      .execute()
    await h.db
      .insertInto('order_revisions')
      .values({
        client_id: clientId,
        order_id: k.orderId,
        revision: 1,
        document: order,
        checksum: k.checksum,
        source: 'import',
      })
      .execute()
    const res = await evaluate(clientId, keys.integrator, order)
    expect(res.status).toBe(200)
    expect(await counts(clientId)).toEqual({ orders: 1, revisions: 1, decisions: 1 })
    const again = await evaluate(clientId, keys.integrator, order)
    expect(again.body.decisionId).toBe(res.body.decisionId)
  })
})

describe('PUT /v1/clients/:clientId/orders/:orderId and POST …/cancel (extensions)', () => {
  it('stores a modification as a new revision with its own decision', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory()
    const first = await evaluate(clientId, keys.integrator, order)
    const changed = { ...order, payment: { ...(order.payment as object), avsResult: 'N' } }
    const res = await h.request('PUT', `/v1/clients/${clientId}/orders/${order.id}`, {
      key: keys.integrator,
      body: changed,
    })
    expect(res.status).toBe(200)
    expect(res.body.decisionId).not.toBe(first.body.decisionId)
    expect(res.body.score).toBe(30)
    expect(await counts(clientId)).toEqual({ orders: 1, revisions: 2, decisions: 2 })
    const resend = await h.request('PUT', `/v1/clients/${clientId}/orders/${order.id}`, {
      key: keys.integrator,
      body: changed,
    })
    expect(resend.body.decisionId).toBe(res.body.decisionId)
    // The original content is now a different content than the current revision.
    expect((await evaluate(clientId, keys.integrator, order)).status).toBe(409)
  })

  it('returns 404 for an unknown order also when the client has no live version yet', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const order = orderFactory()
    const res = await h.request('PUT', `/v1/clients/${clientId}/orders/${order.id}`, {
      key: keys.integrator,
      body: order,
    })
    expect([res.status, res.body.error.code]).toEqual([404, 'not_found'])
  })

  it('returns 404 for an unknown order and 422 when the body id differs from the path', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory()
    const missing = await h.request('PUT', `/v1/clients/${clientId}/orders/${order.id}`, {
      key: keys.integrator,
      body: order,
    })
    expect(missing.status).toBe(404)
    await evaluate(clientId, keys.integrator, order)
    const mismatch = await h.request('PUT', `/v1/clients/${clientId}/orders/other-id`, {
      key: keys.integrator,
      body: order,
    })
    expect(mismatch.status).toBe(422)
    expect(mismatch.body.error.issues[0].path).toBe('id')
  })

  it('modifies one order from many requests at once without a conflict, one revision each', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory()
    await evaluate(clientId, keys.integrator, order)
    const base = order.customer as object
    const puts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        h.request('PUT', `/v1/clients/${clientId}/orders/${order.id}`, {
          key: keys.integrator,
          // Different e-mails and no card or IP: nothing but the order id is shared.
          body: {
            ...order,
            customer: { ...base, email: `m${i}@example.com`, ip: undefined },
            payment: { ...(order.payment as object), card: undefined },
          },
        }),
      ),
    )
    expect(puts.map((p) => p.status)).toEqual(Array(10).fill(200))
    expect(await counts(clientId)).toEqual({ orders: 1, revisions: 11, decisions: 11 })
  })

  it('does not decide an imported order that was cancelled before its first evaluation (409)', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory()
    const imported = await h.request('POST', `/v1/clients/${clientId}/orders/import`, {
      key: keys.integrator,
      body: `${JSON.stringify({ order })}\n`,
      headers: { 'content-type': 'application/x-ndjson' },
    })
    expect(imported.body).toMatchObject({ imported: 1, unchanged: 0 })
    const cancel = await h.request('POST', `/v1/clients/${clientId}/orders/${order.id}/cancel`, {
      key: keys.integrator,
    })
    expect(cancel.status).toBe(200)
    const res = await evaluate(clientId, keys.integrator, order)
    expect([res.status, res.body.error.code]).toEqual([409, 'order_cancelled'])
    expect((await counts(clientId)).decisions).toBe(0)
  })

  it('cancels once, answers repeats the same, and refuses later modifications', async () => {
    const { clientId, keys } = await liveClient()
    const order = orderFactory()
    await evaluate(clientId, keys.integrator, order)
    const cancel = await h.request('POST', `/v1/clients/${clientId}/orders/${order.id}/cancel`, {
      key: keys.integrator,
      body: { reason: 'customer asked' },
    })
    expect(cancel.status).toBe(200)
    expect(cancel.body).toMatchObject({ orderId: order.id, status: 'cancelled', reason: 'customer asked' })
    const again = await h.request('POST', `/v1/clients/${clientId}/orders/${order.id}/cancel`, {
      key: keys.integrator,
    })
    expect(again.body.cancelledAt).toBe(cancel.body.cancelledAt)
    const modify = await h.request('PUT', `/v1/clients/${clientId}/orders/${order.id}`, {
      key: keys.integrator,
      body: { ...order, total: 1 },
    })
    expect(modify.status).toBe(409)
    expect(modify.body.error.code).toBe('order_cancelled')
    const unknown = await h.request('POST', `/v1/clients/${clientId}/orders/nope/cancel`, {
      key: keys.integrator,
    })
    expect(unknown.status).toBe(404)
  })
})

describeCommonRouteTests(h, {
  method: 'POST',
  path: (id) => `/v1/clients/${id}/orders/evaluate`,
  body: orderFactory(),
  forbiddenRole: 'analyst',
})
describeCommonRouteTests(h, {
  method: 'POST',
  path: (id) => `/v1/clients/${id}/orders/some-order/cancel`,
  forbiddenRole: 'auditor',
})
