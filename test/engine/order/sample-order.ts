import { exampleOrder } from '../../../engine/src/order/example-order.js'
import type { Order } from '../../../engine/src/order/order.types.js'

/** The example order of orders.md; tests override what they exercise. */
export function sampleOrder(overrides: Partial<Order> = {}): Order {
  return { ...exampleOrder(), ...overrides }
}
