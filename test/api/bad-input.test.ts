import { describe, expect, it } from 'vitest'
import { createClientWithKeys, orderFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

/** Inputs that once answered 500 (api.md "Errors": never a 500 for bad input). */
const h = useHarness()

async function liveClient() {
  const { clientId, keys } = await createClientWithKeys(h)
  await publishPolicy(h, clientId)
  return { clientId, keys, base: `/v1/clients/${clientId}` }
}

describe('missing bodies', () => {
  it('evaluate without any body (no Content-Type either) is 400 malformed_json', async () => {
    const { base, keys } = await liveClient()
    const res = await h.request('POST', `${base}/orders/evaluate`, { key: keys.integrator })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('malformed_json')
  })

  it('modifying an order without any body is 400 malformed_json', async () => {
    const { base, keys } = await liveClient()
    const order = orderFactory()
    expect(
      (await h.request('POST', `${base}/orders/evaluate`, { key: keys.integrator, body: order })).status,
    ).toBe(200)
    const res = await h.request('PUT', `${base}/orders/${order.id}`, { key: keys.integrator })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('malformed_json')
  })
})
