import type { CatalogItem } from '../../engine/src/facts/client-data.js'

const LINES: [prefix: string, category: string, price: number][] = [
  ['TEE', 'apparel', 19.99],
  ['HOOD', 'apparel', 54.5],
  ['JEAN', 'apparel', 79],
  ['SNK', 'footwear', 119],
  ['BOOT', 'footwear', 189.95],
  ['PHN', 'electronics', 899],
  ['LAP', 'electronics', 1549],
  ['HDP', 'electronics', 249.99],
  ['GC', 'gift-cards', 100],
  ['GC50', 'gift-cards', 50],
]

/** 40 SKUs over four categories; three are out of stock. */
export const BENCH_CATALOG: CatalogItem[] = LINES.flatMap(([prefix, category, price], line) =>
  [1, 2, 3, 4].map((n, i) => ({
    sku: `${prefix}-${n}`,
    price,
    currency: 'USD',
    stock: (line * 4 + i) % 13 === 12 ? 0 : 50 + n,
    category,
  })),
)

export const BENCH_CATALOG_MAP: ReadonlyMap<string, CatalogItem> = new Map(
  BENCH_CATALOG.map((c) => [c.sku, c]),
)

export const BLOCKED_EMAILS = [
  'chargeback.king@mailinator.com',
  'fraudster77@yahoo.com',
  'resell.bot@proton.me',
]
export const BLOCKED_IPS = ['198.51.100.23', '203.0.113.66']

export const BENCH_MANAGED_LISTS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['blocked-emails', new Set(BLOCKED_EMAILS)],
  ['blocked-ips', new Set(BLOCKED_IPS)],
])
