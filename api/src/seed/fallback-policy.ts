import type { PolicyDocument } from '../engine.js'

/** Used only when rules/ holds no *.policy.json: a small policy touching each kind of fact. */
export const FALLBACK_POLICY: PolicyDocument = {
  schemaVersion: 1,
  description: 'Demo shop — built-in fallback policy',
  settings: {
    thresholds: { review: 40, decline: 80 },
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
  lists: { restrictedCountries: ['KP', 'IR', 'SY', 'CU'] },
  rules: [
    {
      id: 'shipping.restricted-country',
      category: 'shipping',
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
        params: { code: 'RESTRICTED_DESTINATION', message: 'Destination is restricted' },
      },
    },
    {
      id: 'payment.avs-none',
      category: 'payment',
      conditions: { all: [{ fact: 'payment', path: '$.avsMatch', operator: 'equal', value: 'none' }] },
      event: { type: 'score', params: { points: 30, message: 'AVS: no match' } },
    },
    {
      id: 'fraud.email-velocity-24h',
      category: 'fraud',
      conditions: {
        all: [{ fact: 'velocity', path: '$.ordersByEmail24h', operator: 'greaterThanInclusive', value: 3 }],
      },
      event: { type: 'score', params: { points: 50, message: 'Many orders from this e-mail in 24 h' } },
    },
    {
      id: 'validation.totals-mismatch',
      category: 'validation',
      conditions: { all: [{ fact: 'totals', path: '$.mismatch', operator: 'greaterThan', value: 0.01 }] },
      event: { type: 'hold', params: { code: 'TOTAL_MISMATCH', message: 'Order total does not add up' } },
    },
  ],
}
