/** The document a client without any version starts from (valid, one rule). */
export const STARTER_POLICY = {
  schemaVersion: 1,
  description: 'New policy',
  settings: { thresholds: { review: 40, decline: 80 } },
  lists: {},
  rules: [
    {
      id: 'payment.not-authorized',
      category: 'payment',
      conditions: { all: [{ fact: 'payment', path: '$.authorized', operator: 'equal', value: false }] },
      event: {
        type: 'hold',
        params: { code: 'PAYMENT_NOT_AUTHORIZED', message: 'Payment was not authorized' },
      },
    },
  ],
}
