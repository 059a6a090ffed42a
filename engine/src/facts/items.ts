import { decimalPlaces, toScaled, toScaledBig } from '../money/decimal.js'
import type { Order } from '../order/order.types.js'
import type { CatalogItem } from './client-data.js'
import type { ItemsFact } from './facts.types.js'

/**
 * True when two prices are further apart than `tolerance`, compared exactly: catalog prices come
 * from the client's own data and may carry any number of decimals.
 */
function priceDiffers(a: number, b: number, tolerance: number): boolean {
  // Six decimals cover real prices and tolerances; integers at one scale compare exactly.
  const x6 = toScaled(a, 6)
  const y6 = toScaled(b, 6)
  const t6 = toScaled(tolerance, 6)
  if (x6 !== null && y6 !== null && t6 !== null) return Math.abs(x6 - y6) > t6
  const scale = Math.max(decimalPlaces(a), decimalPlaces(b), decimalPlaces(tolerance))
  const x = toScaledBig(a, scale)
  const y = toScaledBig(b, scale)
  const t = toScaledBig(tolerance, scale)
  if (x === null || y === null || t === null) return Math.abs(a - b) > tolerance
  return (x > y ? x - y : y - x) > t
}

/**
 * `items` (policies.md). Lists are distinct in first-seen order. Catalog checks: a SKU missing
 * from the catalog is unknown (and in no other list); out of stock when stock < the quantity
 * ordered over all its lines; a price mismatch when any line's unitPrice is further than the
 * tolerance from the catalog price, or when the catalog prices it in another currency (no FX
 * rates here, so such a price cannot be confirmed).
 */
export function deriveItems(
  order: Order,
  catalog: ReadonlyMap<string, CatalogItem> | null,
  tolerance: number,
): ItemsFact {
  const items = order.items
  // Most orders have a handful of lines: rescanning them per SKU beats building Maps, Sets and
  // per-SKU arrays; long orders get a Map index so the work stays linear.
  if (items.length > SMALL) return indexedItems(order, catalog, tolerance)
  let totalQuantity = 0
  let maxQuantity = 0
  const categories: string[] = []
  const skus: string[] = []
  for (const item of items) {
    totalQuantity += item.quantity
    if (item.quantity > maxQuantity) maxQuantity = item.quantity
    if (item.category !== undefined && !categories.includes(item.category)) categories.push(item.category)
    if (!skus.includes(item.sku)) skus.push(item.sku)
  }
  const unknownSkus: string[] = []
  const outOfStockSkus: string[] = []
  const priceMismatchSkus: string[] = []
  if (catalog) {
    for (const sku of skus) {
      const entry = catalog.get(sku)
      if (!entry) {
        unknownSkus.push(sku)
        continue
      }
      let quantity = 0
      let mismatch = false
      for (const item of items) {
        if (item.sku !== sku) continue
        quantity += item.quantity
        mismatch ||= entry.currency !== order.currency || priceDiffers(entry.price, item.unitPrice, tolerance)
      }
      if (entry.stock < quantity) outOfStockSkus.push(sku)
      if (mismatch) priceMismatchSkus.push(sku)
    }
  }
  return {
    count: items.length,
    totalQuantity,
    maxQuantity,
    categories,
    skus,
    unknownSkus,
    outOfStockSkus,
    priceMismatchSkus,
  }
}

const SMALL = 16

function indexedItems(
  order: Order,
  catalog: ReadonlyMap<string, CatalogItem> | null,
  tolerance: number,
): ItemsFact {
  const items = order.items
  const index = new Map<string, number>()
  const seenCategories = new Set<string>()
  let totalQuantity = 0
  let maxQuantity = 0
  const categories: string[] = []
  const skus: string[] = []
  const quantities: number[] = []
  const entries: (CatalogItem | undefined)[] = []
  const priceMismatch: boolean[] = []
  for (const item of items) {
    totalQuantity += item.quantity
    if (item.quantity > maxQuantity) maxQuantity = item.quantity
    const category = item.category
    if (category !== undefined && !seenCategories.has(category)) {
      categories.push(category)
      seenCategories.add(category)
    }
    let k = index.get(item.sku) ?? -1
    if (k < 0) {
      k = skus.length
      skus.push(item.sku)
      quantities.push(0)
      entries.push(catalog?.get(item.sku))
      priceMismatch.push(false)
      index.set(item.sku, k)
    }
    quantities[k]! += item.quantity
    const entry = entries[k]
    if (
      entry &&
      !priceMismatch[k] &&
      (entry.currency !== order.currency || priceDiffers(entry.price, item.unitPrice, tolerance))
    ) {
      priceMismatch[k] = true
    }
  }
  const unknownSkus: string[] = []
  const outOfStockSkus: string[] = []
  // In first-seen order of the SKU, like the other lists.
  const priceMismatchSkus: string[] = []
  for (let k = 0; k < skus.length; k++) {
    const entry = entries[k]
    if (catalog && !entry) unknownSkus.push(skus[k]!)
    else if (entry && entry.stock < quantities[k]!) outOfStockSkus.push(skus[k]!)
    if (priceMismatch[k]) priceMismatchSkus.push(skus[k]!)
  }
  return {
    count: items.length,
    totalQuantity,
    maxQuantity,
    categories,
    skus,
    unknownSkus,
    outOfStockSkus,
    priceMismatchSkus,
  }
}
