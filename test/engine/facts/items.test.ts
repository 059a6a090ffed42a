import { describe, expect, it } from 'vitest'
import type { CatalogItem } from '../../../engine/src/facts/client-data.js'
import { deriveFacts } from '../../../engine/src/facts/derive-facts.js'
import type { OrderItem } from '../../../engine/src/order/order.types.js'
import { sampleOrder } from '../order/sample-order.js'
import { catalogOf, sampleData, samplePolicy } from './fixtures.js'

const lines: OrderItem[] = [
  { sku: 'TEE', quantity: 2, unitPrice: 19.99, category: 'apparel' },
  { sku: 'MUG', quantity: 1, unitPrice: 9.5, category: 'home' },
  { sku: 'TEE', quantity: 3, unitPrice: 19.99, category: 'apparel' },
  { sku: 'CAP', quantity: 4, unitPrice: 12 },
  { sku: 'GHOST', quantity: 1, unitPrice: 1 },
]

const catalog: CatalogItem[] = [
  { sku: 'TEE', price: 19.99, currency: 'USD', stock: 5 },
  { sku: 'MUG', price: 9.48, currency: 'USD', stock: 0 },
  { sku: 'CAP', price: 12.01, currency: 'USD', stock: 4 },
]

function itemsFact(catalogItems: CatalogItem[] | null, tolerance?: number, items = lines) {
  const policy = samplePolicy(tolerance === undefined ? {} : { amountTolerance: tolerance })
  if (tolerance === undefined) delete policy.settings.amountTolerance
  const data = sampleData({ catalog: catalogItems && catalogOf(catalogItems) })
  return deriveFacts(sampleOrder({ items }), policy, data).items
}

describe('items fact', () => {
  it('counts lines and quantities, with distinct categories and skus in first-seen order', () => {
    expect(itemsFact(null)).toEqual({
      count: 5,
      totalQuantity: 11,
      maxQuantity: 4,
      categories: ['apparel', 'home'],
      skus: ['TEE', 'MUG', 'CAP', 'GHOST'],
      unknownSkus: [],
      outOfStockSkus: [],
      priceMismatchSkus: [],
    })
  })

  it('checks against the catalog: unknown, out of stock over all lines, price beyond the default 0.01', () => {
    const fact = itemsFact(catalog)
    expect(fact.unknownSkus).toEqual(['GHOST'])
    // TEE: 2 + 3 = 5 ordered, 5 in stock → fine; MUG: 1 ordered, 0 in stock.
    expect(fact.outOfStockSkus).toEqual(['MUG'])
    // MUG is 0.02 off (mismatch); CAP is exactly 0.01 off (within tolerance).
    expect(fact.priceMismatchSkus).toEqual(['MUG'])
  })

  it('counts a line quantity summed over lines against stock', () => {
    const fact = itemsFact(
      [{ sku: 'TEE', price: 19.99, currency: 'USD', stock: 4 }],
      undefined,
      lines.slice(0, 3),
    )
    expect(fact.outOfStockSkus).toEqual(['TEE'])
  })

  it('uses the policy tolerance', () => {
    expect(itemsFact(catalog, 0).priceMismatchSkus).toEqual(['MUG', 'CAP'])
    expect(itemsFact(catalog, 0.05).priceMismatchSkus).toEqual([])
  })

  it('compares catalog prices with many decimals exactly', () => {
    const items = [{ sku: 'X', quantity: 1, unitPrice: 0.3 }]
    const fine = itemsFact([{ sku: 'X', price: 0.31, currency: 'USD', stock: 1 }], 0.01, items)
    expect(fine.priceMismatchSkus).toEqual([]) // |0.31 − 0.3| = 0.01 exactly, not 0.010000000000000009
    const off = itemsFact([{ sku: 'X', price: 0.3100001, currency: 'USD', stock: 1 }], 0.01, items)
    expect(off.priceMismatchSkus).toEqual(['X'])
  })

  it('flags a catalog price in another currency as a mismatch', () => {
    const fact = itemsFact(
      [{ sku: 'TEE', price: 19.99, currency: 'EUR', stock: 9 }],
      undefined,
      lines.slice(0, 1),
    )
    expect(fact.priceMismatchSkus).toEqual(['TEE'])
  })

  it('has empty catalog lists when the client has no catalog, and all unknown with an empty one', () => {
    expect(itemsFact(null).unknownSkus).toEqual([])
    expect(itemsFact([]).unknownSkus).toEqual(['TEE', 'MUG', 'CAP', 'GHOST'])
  })
})
