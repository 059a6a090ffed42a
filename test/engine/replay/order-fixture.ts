import type { Order } from '../../../engine/src/order/order.types.js'

/** A minimal valid order; tests override only what they look at. */
export function replayOrder(
  id: string,
  createdAt: string,
  over: { email?: string; ip?: string; card?: { bin: string; last4: string }; total?: number } = {},
): Order {
  const total = over.total ?? 10
  return {
    id,
    createdAt,
    currency: 'USD',
    customer: { email: over.email ?? 'ann@example.com', ...(over.ip ? { ip: over.ip } : {}) },
    shippingAddress: {
      country: 'US',
      postalCode: '10001',
      line1: '1 Main St',
      city: 'New York',
      region: 'NY',
    },
    items: [{ sku: 'SKU-1', quantity: 1, unitPrice: total }],
    shipping: { method: 'standard', price: 0 },
    total,
    payment: {
      method: 'card',
      status: 'authorized',
      authorizedAmount: total,
      ...(over.card ? { card: over.card } : {}),
    },
  }
}
