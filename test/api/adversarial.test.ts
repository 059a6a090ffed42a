import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createClientWithKeys, orderFactory, policyFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

const h = useHarness()

async function rowCounts(clientId: string) {
  const n = async (table: 'orders' | 'decisions' | 'policy_versions') =>
    (await h.db.selectFrom(table).where('client_id', '=', clientId).select('client_id').execute()).length
  return { orders: await n('orders'), decisions: await n('decisions'), versions: await n('policy_versions') }
}

/** A valid order with one field replaced by an arbitrary JSON value (or removed). */
const mutatedOrder = fc
  .record({
    field: fc.constantFrom(...Object.keys(orderFactory())),
    value: fc.oneof(fc.jsonValue(), fc.constant(undefined)),
  })
  .map(({ field, value }) => {
    const order: Record<string, unknown> = orderFactory({ id: 'adversarial-order' })
    if (value === undefined) delete order[field]
    else order[field] = value
    return order
  })
  .filter(
    (order) =>
      order.id !== 'adversarial-order' ||
      JSON.stringify(order) !== JSON.stringify(orderFactory({ id: 'adversarial-order' })),
  )

describe('adversarial bodies (fast-check)', () => {
  it('evaluate never answers 5xx and stores nothing for arbitrary JSON', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), mutatedOrder), async (body) => {
        const res = await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
          key: keys.integrator,
          body: JSON.stringify(body) ?? 'null',
        })
        expect(res.status).toBeLessThan(500)
        if (res.status !== 200) {
          expect(res.body.error.code).toMatch(/^[a-z_]+$/)
          expect(res.text).not.toContain('    at ')
        }
      }),
      { numRuns: 150 },
    )
    // Only bodies that are valid orders may have been stored (answered 200); count them against rows.
    const stored = await rowCounts(clientId)
    expect(stored.decisions).toBe(stored.orders)
  })

  it('an arbitrary JSON body that is not an order is refused and leaves no row', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || !('id' in v)),
        async (body) => {
          const res = await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
            key: keys.integrator,
            body: JSON.stringify(body) ?? 'null',
          })
          expect([400, 422]).toContain(res.status)
        },
      ),
      { numRuns: 100 },
    )
    expect(await rowCounts(clientId)).toEqual({ orders: 0, decisions: 0, versions: 1 })
  })

  it('saving a version never answers 5xx and stores only valid documents', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const mutatedPolicy = fc
      .record({
        field: fc.constantFrom('schemaVersion', 'settings', 'rules', 'lists', 'conditions'),
        value: fc.jsonValue(),
      })
      .map(({ field, value }) => ({ ...policyFactory(), [field]: value }))
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), mutatedPolicy), async (document) => {
        const res = await h.request('POST', `/v1/clients/${clientId}/policy/versions`, {
          key: keys.analyst,
          body: { document, comment: 'fuzz' },
        })
        expect(res.status).toBeLessThan(500)
        if (res.status === 201) accepted++
        else expect(res.status).toBe(422)
      }),
      { numRuns: 150 },
    )
    expect((await rowCounts(clientId)).versions).toBe(accepted)
  })
})
