import type { CatalogItem, ClientData } from '../../../engine/src/facts/client-data.js'
import type { PolicyDocument } from '../../../engine/src/policy/policy.types.js'

/** The example policy of policies.md (settings and lists; rules do not matter to facts). */
export function samplePolicy(settings: Partial<PolicyDocument['settings']> = {}): PolicyDocument {
  return {
    schemaVersion: 1,
    settings: {
      thresholds: { review: 40, decline: 80 },
      amountTolerance: 0.01,
      timezone: 'America/New_York',
      holidays: { country: 'US' },
      shippingMethods: [
        {
          code: 'standard',
          carrier: 'UPS',
          transitDays: { min: 3, max: 5 },
          cutoff: '14:00',
          countries: ['US', 'CA'],
        },
        {
          code: 'express',
          carrier: 'FedEx',
          transitDays: { min: 1, max: 2 },
          cutoff: '12:00',
          countries: ['US'],
        },
      ],
      ...settings,
    },
    lists: { restrictedCountries: ['KP', 'IR', 'SY', 'CU'] },
    rules: [],
  }
}

export function sampleData(overrides: Partial<ClientData> = {}): ClientData {
  return {
    velocity: {
      ordersByEmail1h: 1,
      ordersByEmail24h: 2,
      ordersByIp1h: 3,
      ordersByIp24h: 4,
      ordersByCard24h: 5,
      distinctCardsByEmail7d: 6,
      distinctEmailsByCard7d: 7,
      amountByEmail24h: 8.5,
    },
    isFirstOrder: false,
    catalog: null,
    managedLists: new Map(),
    ...overrides,
  }
}

export function catalogOf(items: CatalogItem[]): ReadonlyMap<string, CatalogItem> {
  return new Map(items.map((item) => [item.sku, item]))
}
