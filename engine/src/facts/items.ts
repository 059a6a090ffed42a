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
  let totalQuantity = 0
  let maxQuantity = 0
  const categories = new Set<string>()
  const quantities = new Map<string, number>()
  const priceMismatch = new Set<string>()
  for (const item of order.items) {
    totalQuantity += item.quantity
    if (item.quantity > maxQuantity) maxQuantity = item.quantity
    if (item.category !== undefined) categories.add(item.category)
    quantities.set(item.sku, (quantities.get(item.sku) ?? 0) + item.quantity)
    const entry = catalog?.get(item.sku)
    if (
      entry &&
      (entry.currency !== order.currency || priceDiffers(entry.price, item.unitPrice, tolerance))
    ) {
      priceMismatch.add(item.sku)
    }
  }
  const skus = [...quantities.keys()]
  const unknownSkus: string[] = []
  const outOfStockSkus: string[] = []
  if (catalog) {
    for (const sku of skus) {
      const entry = catalog.get(sku)
      if (!entry) unknownSkus.push(sku)
      else if (entry.stock < (quantities.get(sku) ?? 0)) outOfStockSkus.push(sku)
    }
  }
  return {
    count: order.items.length,
    totalQuantity,
    maxQuantity,
    categories: [...categories],
    skus,
    unknownSkus,
    outOfStockSkus,
    // In first-seen order of the SKU, like the other lists.
    priceMismatchSkus: skus.filter((sku) => priceMismatch.has(sku)),
  }
}
