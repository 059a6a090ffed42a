import { describe, expect, it } from 'vitest'
import { createClientWithKeys, orderFactory, policyFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

const h = useHarness()

const blockRule = {
  id: 'fraud.blocked-email',
  category: 'fraud',
  conditions: {
    all: [{ fact: 'order', path: '$.customer.email', operator: 'inList', value: 'blocked-emails' }],
  },
  event: { type: 'decline', params: { code: 'BLOCKED', message: 'Blocked e-mail' } },
}

const stockRule = {
  id: 'items.out-of-stock',
  category: 'validation',
  conditions: {
    all: [{ fact: 'items', path: '$.outOfStockSkus', operator: 'contains', value: 'TEE-M-BLU' }],
  },
  event: { type: 'hold', params: { message: 'Out of stock' } },
}

describe('managed lists and the catalog in evaluation', () => {
  it('a list change takes effect for the very next evaluation, without a new policy version', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const lists = `/v1/clients/${clientId}/lists/blocked-emails`
    await h.request('PUT', lists, { key: keys.analyst, body: { items: ['someone@else.io'] } })
    const version = await publishPolicy(h, clientId, policyFactory({ rules: [blockRule] }))
    const evaluate = async () => {
      const res = await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
        key: keys.integrator,
        body: orderFactory({ customer: { email: 'Jane.Doe@Example.com' } }),
      })
      expect(res.status).toBe(200)
      expect(res.body.policyVersion).toBe(version)
      return res.body.reasons.map((r: { ruleId: string }) => r.ruleId)
    }
    expect(await evaluate()).toEqual([])
    await h.request('POST', `${lists}/items`, {
      key: keys.analyst,
      body: { items: ['  JANE.doe@example.com'] },
    })
    expect(await evaluate()).toEqual(['fraud.blocked-email'])
    await h.request('DELETE', `${lists}/items/jane.doe%40example.com`, { key: keys.analyst })
    expect(await evaluate()).toEqual([])
    await h.request('PUT', lists, { key: keys.analyst, body: { items: ['jane.doe@example.com'] } })
    expect(await evaluate()).toEqual(['fraud.blocked-email'])
  })

  it('a catalog upload changes the catalog facts of the next evaluation', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId, policyFactory({ rules: [stockRule] }))
    const row = { sku: 'TEE-M-BLU', name: 'T-shirt', price: 19.99, currency: 'USD', category: 'apparel' }
    const catalog = (stock: number) =>
      h.request('PUT', `/v1/clients/${clientId}/catalog`, { key: keys.integrator, body: [{ ...row, stock }] })
    const outcome = async () =>
      (
        await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
          key: keys.integrator,
          body: orderFactory(),
        })
      ).body.outcome
    expect((await catalog(0)).status).toBe(200)
    expect(await outcome()).toBe('hold')
    await catalog(5)
    expect(await outcome()).toBe('approve')
  })
})
