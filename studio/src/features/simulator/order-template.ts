/** A complete, valid order (orders.md) to start a simulation from; the id is unique per call. */
export function orderTemplate(now = new Date()): Record<string, unknown> {
  const address = {
    name: 'Jane Doe',
    line1: '12 Main St',
    line2: 'Apt 4',
    city: 'New York',
    region: 'NY',
    postalCode: '10001',
    country: 'US',
  }
  return {
    id: `SIM-${now.getTime().toString(36).toUpperCase()}`,
    createdAt: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    channel: 'web',
    currency: 'USD',
    customer: {
      id: 'c-77',
      name: 'Jane Doe',
      email: 'jane.doe@example.com',
      phone: '+1 212 555 0100',
      ip: '203.0.113.7',
      accountCreatedAt: '2025-02-01T10:00:00Z',
    },
    billingAddress: address,
    shippingAddress: { ...address },
    items: [{ sku: 'TEE-M-BLU', name: 'T-shirt', quantity: 2, unitPrice: 19.99, category: 'apparel' }],
    shipping: { method: 'standard', price: 5 },
    discount: 0,
    tax: 3.2,
    total: 48.18,
    payment: {
      method: 'card',
      status: 'authorized',
      authorizedAmount: 48.18,
      currency: 'USD',
      card: { bin: '411111', last4: '1111', brand: 'visa', country: 'US' },
      avsResult: 'Y',
      cvvResult: 'M',
      threeDSecure: 'authenticated',
    },
  }
}
