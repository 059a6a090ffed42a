import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export { readShared } from '../../support/shared.js'

/** The example document of policies.md, as a plain JSON value tests can mutate. */
export function examplePolicy(): any {
  return structuredClone({
    schemaVersion: 1,
    description: 'Acme Apparel — order confirmation',
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
    },
    lists: {
      restrictedCountries: ['KP', 'IR', 'SY', 'CU'],
      disposableDomains: ['mailinator.com', 'guerrillamail.com'],
    },
    conditions: {
      highValue: { all: [{ fact: 'order', path: '$.total', operator: 'greaterThan', value: 1000 }] },
    },
    rules: [
      {
        id: 'shipping.restricted-country',
        category: 'shipping',
        description: 'We do not ship to embargoed destinations',
        priority: 100,
        conditions: {
          all: [
            {
              fact: 'order',
              path: '$.shippingAddress.country',
              operator: 'in',
              value: { fact: 'lists', path: '$.restrictedCountries' },
            },
          ],
        },
        event: {
          type: 'decline',
          params: { code: 'RESTRICTED_DESTINATION', message: 'Destination country is restricted' },
        },
      },
      {
        id: 'payment.avs-none',
        category: 'payment',
        conditions: { all: [{ fact: 'payment', path: '$.avsMatch', operator: 'equal', value: 'none' }] },
        event: { type: 'score', params: { points: 30, message: 'AVS: no match' } },
      },
    ],
  })
}

/** A policy with one score rule whose conditions are `conditions`. */
export function withConditions(conditions: unknown, extra: Record<string, unknown> = {}): any {
  const doc = examplePolicy()
  doc.rules = [
    {
      id: 'r1',
      category: 'fraud',
      conditions,
      event: { type: 'score', params: { points: 10, message: 'm' } },
    },
  ]
  return Object.assign(doc, extra)
}

/** A single fact condition inside `all`. */
export function withCondition(condition: Record<string, unknown>, extra: Record<string, unknown> = {}): any {
  return withConditions({ all: [condition] }, extra)
}
