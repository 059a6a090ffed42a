import type { Order } from './order.types.js'

/**
 * The example order of orders.md, as data: a complete, valid order to start from. The studio's
 * simulator opens with it and tests derive their orders from it; a test holds it equal to the
 * contract's example. A new object per call, so callers may change it.
 */
export function exampleOrder(): Order {
  const address = () => ({
    name: 'Jane Doe',
    line1: '12 Main St',
    line2: 'Apt 4',
    city: 'New York',
    region: 'NY',
    postalCode: '10001',
    country: 'US',
  })
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
    billingAddress: address(),
    shippingAddress: address(),
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
  }
}
