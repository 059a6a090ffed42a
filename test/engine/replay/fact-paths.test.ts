import { describe, expect, it } from 'vitest'
import type { Facts } from '../../../engine/src/facts/facts.types.js'
import type { PolicyDocument } from '../../../engine/src/policy/policy.types.js'
import { collectFactPaths, missingFactKeys } from '../../../engine/src/replay/fact-paths.js'

const policy: PolicyDocument = {
  schemaVersion: 1,
  settings: { thresholds: { review: 40, decline: 80 } },
  lists: { restricted: ['KP'] },
  conditions: {
    phoneless: { all: [{ fact: 'order', path: '$.customer.phone', operator: 'equal', value: null }] },
  },
  rules: [
    {
      id: 'a',
      category: 'fraud',
      conditions: {
        any: [
          { condition: 'phoneless' },
          { fact: 'order', path: "$.items[0]['sku']", operator: 'equal', value: 'X' },
          {
            fact: 'order',
            path: '$.shippingAddress.country',
            operator: 'in',
            value: { fact: 'lists', path: '$.restricted' },
          },
          { not: { fact: 'order', path: '$.items[*].attributes.size', operator: 'equal', value: 'XL' } },
        ],
      },
      event: { type: 'review' },
    },
    {
      id: 'off',
      category: 'fraud',
      enabled: false,
      conditions: { all: [{ fact: 'order', path: '$.promoCode', operator: 'equal', value: 'x' }] },
      event: { type: 'review' },
    },
  ],
}

const facts = (order: Record<string, unknown>) => ({ order, lists: policy.lists }) as unknown as Facts

describe('collectFactPaths / missingFactKeys', () => {
  const paths = collectFactPaths(policy)

  it('collects the paths of enabled rules, shared conditions and fact-valued values', () => {
    expect(paths.map((p) => p.key)).toEqual([
      'order $.customer.phone',
      "order $.items[0]['sku']",
      'order $.shippingAddress.country',
      'lists $.restricted',
      'order $.items[*].attributes.size',
    ])
  })

  it('reports the paths that are absent on an order, not those present (null included)', () => {
    const old = { customer: {}, items: [{ sku: 'X' }], shippingAddress: { country: 'US' } }
    expect(missingFactKeys(facts(old), paths)).toEqual([
      'order $.customer.phone',
      'order $.items[*].attributes.size',
    ])
    const recent = {
      customer: { phone: null },
      items: [{ sku: 'X', attributes: { size: 'M' } }],
      shippingAddress: { country: 'US' },
    }
    expect(missingFactKeys(facts(recent), paths)).toEqual([])
    expect(missingFactKeys(facts({ customer: {}, items: [], shippingAddress: {} }), paths)).toEqual([
      'order $.customer.phone',
      "order $.items[0]['sku']",
      'order $.shippingAddress.country',
      'order $.items[*].attributes.size',
    ])
  })
})
