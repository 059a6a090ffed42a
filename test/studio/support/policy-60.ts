// A realistic policy of N rules (default 60) that validates clean: used to measure keystroke → markers.
const templates = [
  (i: number) => ({
    id: `fraud.velocity-email-${i}`,
    category: 'fraud',
    priority: 10,
    conditions: {
      all: [{ fact: 'velocity', path: '$.ordersByEmail24h', operator: 'greaterThan', value: 3 + (i % 5) }],
    },
    event: { type: 'score', params: { points: 5 + (i % 20), message: `E-mail velocity ${i}` } },
  }),
  (i: number) => ({
    id: `payment.avs-${i}`,
    category: 'payment',
    conditions: {
      any: [
        { fact: 'payment', path: '$.avsMatch', operator: 'equal', value: 'none' },
        { fact: 'payment', path: '$.cvvMatch', operator: 'equal', value: 'mismatch' },
      ],
    },
    event: { type: 'score', params: { points: 10, message: `AVS/CVV ${i}` } },
  }),
  (i: number) => ({
    id: `shipping.restricted-${i}`,
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
      params: { code: `RESTRICTED_${i}`, message: 'Destination country is restricted' },
    },
  }),
  (i: number) => ({
    id: `validation.totals-${i}`,
    category: 'validation',
    conditions: {
      all: [
        { fact: 'totals', path: '$.mismatch', operator: 'greaterThan', value: 0.01 },
        {
          not: {
            fact: 'customer',
            path: '$.emailDomain',
            operator: 'in',
            value: ['example.com', `x${i}.com`],
          },
        },
      ],
    },
    event: { type: 'hold', params: { code: `TOTALS_${i}`, message: 'Totals do not add up' } },
  }),
  (i: number) => ({
    id: `fraud.disposable-${i}`,
    category: 'fraud',
    conditions: {
      all: [
        {
          fact: 'customer',
          path: '$.emailDomain',
          operator: 'in',
          value: { fact: 'lists', path: '$.disposableDomains' },
        },
      ],
    },
    event: { type: 'review', params: { message: `Disposable e-mail ${i}` } },
  }),
]

export function bigPolicy(rules = 60): Record<string, unknown> {
  return {
    schemaVersion: 1,
    description: `Generated policy with ${rules} rules`,
    settings: { thresholds: { review: 40, decline: 80 }, timezone: 'America/New_York' },
    lists: { restrictedCountries: ['KP', 'IR', 'SY', 'CU'], disposableDomains: ['mailinator.com'] },
    rules: Array.from({ length: rules }, (_, i) => templates[i % templates.length]!(i)),
  }
}
