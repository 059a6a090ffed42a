import type { Order } from '../../../engine/src/order/order.types.js'

/** The example order of orders.md; tests override what they exercise. */
export function sampleOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: 'A-1001',
    createdAt: '2026-11-20T14:03:00Z',
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
    billingAddress: {
      name: 'Jane Doe',
      line1: '12 Main St',
      line2: 'Apt 4',
      city: 'New York',
      region: 'NY',
      postalCode: '10001',
      country: 'US',
    },
    shippingAddress: {
      name: 'Jane Doe',
      line1: '12 Main St',
      line2: 'Apt 4',
      city: 'New York',
      region: 'NY',
      postalCode: '10001',
      country: 'US',
    },
    items: [
      {
        sku: 'TEE-M-BLU',
        name: 'T-shirt',
        quantity: 2,
        unitPrice: 19.99,
        category: 'apparel',
        attributes: { size: 'M', color: 'blue' },
      },
    ],
    shipping: { method: 'standard', price: 5.0 },
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
    ...overrides,
  }
}
