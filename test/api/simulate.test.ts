import { describe, expect, it } from 'vitest'
import { textWithoutRequestId } from '../support/answer-text.js'
import { describeCommonRouteTests } from '../support/common-route-tests.js'
import { createClientWithKeys, orderFactory, policyFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

const h = useHarness()

const simulate = (clientId: string, key: string, body: unknown) =>
  h.request('POST', `/v1/clients/${clientId}/simulate`, { key, body })

async function storedRows(clientId: string): Promise<number> {
  const orders = await h.db
    .selectFrom('orders')
    .where('client_id', '=', clientId)
    .select('order_id')
    .execute()
  const decisions = await h.db
    .selectFrom('decisions')
    .where('client_id', '=', clientId)
    .select('decision_id')
    .execute()
  return orders.length + decisions.length
}

describe('POST /v1/clients/:clientId/simulate', () => {
  it('evaluates against the live version with trace and facts and stores nothing', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    const base = orderFactory()
    const order = orderFactory({ payment: { ...(base.payment as object), avsResult: 'N' } })
    const res = await simulate(clientId, keys.analyst, { order })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ decisionId: null, policyVersion: 1, outcome: 'approve', score: 30 })
    expect(res.body.trace.length).toBe(3)
    expect(res.body.facts.payment.avsMatch).toBe('none')
    expect(await storedRows(clientId)).toBe(0)
  })

  it('evaluates an unsaved document, and a saved version by number', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const strict = policyFactory({
      settings: { ...(policyFactory().settings as object), thresholds: { review: 1, decline: 2 } },
    })
    const rules = strict.rules as { id: string; event: { params: { points?: number } } }[]
    rules[1]!.event.params.points = 5
    const order = orderFactory({ payment: { ...(orderFactory().payment as object), avsResult: 'N' } })
    const unsaved = await simulate(clientId, keys.analyst, { order, document: strict })
    expect(unsaved.status).toBe(200)
    expect(unsaved.body).toMatchObject({ policyVersion: null, outcome: 'decline', score: 5 })
    await publishPolicy(h, clientId)
    const byVersion = await simulate(clientId, keys.analyst, { order, version: 1 })
    expect(byVersion.body).toMatchObject({ policyVersion: 1, outcome: 'approve', score: 30 })
  })

  it('returns 422 with paths under order. and document. and stores nothing', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const badOrder = await simulate(clientId, keys.analyst, {
      order: orderFactory({ total: -1, currency: 'X' }),
      document: policyFactory(),
    })
    expect(badOrder.status).toBe(422)
    expect(badOrder.body.error.issues.map((i: { path: string }) => i.path)).toContain('order.currency')
    const badDoc = await simulate(clientId, keys.analyst, {
      order: orderFactory(),
      document: policyFactory({ settings: { thresholds: { review: 90, decline: 10 } } }),
    })
    expect(badDoc.status).toBe(422)
    expect(badDoc.body.error.code).toBe('invalid_policy')
    expect(badDoc.body.error.issues.every((i: { path: string }) => i.path.startsWith('document'))).toBe(true)
    expect(await storedRows(clientId)).toBe(0)
  })

  it('names the issues of both an invalid order and an invalid document in one answer', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const both = await simulate(clientId, keys.analyst, {
      order: orderFactory({ currency: 'X' }),
      document: policyFactory({ settings: { thresholds: { review: 90, decline: 10 } } }),
    })
    expect(both.status).toBe(422)
    const paths: string[] = both.body.error.issues.map((i: { path: string }) => i.path)
    expect(paths).toContain('order.currency')
    expect(paths.some((p) => p.startsWith('document'))).toBe(true)
    // A card number in the order is answered alone, whatever the document.
    const pan = await simulate(clientId, keys.analyst, {
      order: orderFactory({ note: '4111 1111 1111 1111' }),
      document: policyFactory({ settings: { thresholds: { review: 90, decline: 10 } } }),
    })
    expect([pan.status, pan.body.error.code]).toEqual([422, 'pan_detected'])
  })

  it('returns 409 no_live_policy without version or document, 404 for an unknown version', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    expect((await simulate(clientId, keys.analyst, { order: orderFactory() })).status).toBe(409)
    expect((await simulate(clientId, keys.analyst, { order: orderFactory(), version: 9 })).status).toBe(404)
  })

  it('returns 422 pan_detected for a card number in the order', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await simulate(clientId, keys.analyst, {
      order: orderFactory({ comment: '5555 5555 5555 4444' }),
      document: policyFactory(),
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('pan_detected')
    expect(textWithoutRequestId(res)).not.toContain('4444')
  })
})

describeCommonRouteTests(h, {
  method: 'POST',
  path: (id) => `/v1/clients/${id}/simulate`,
  body: { order: orderFactory(), document: policyFactory() },
  forbiddenRole: 'integrator',
})
