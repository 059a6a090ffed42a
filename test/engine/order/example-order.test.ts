import { describe, expect, it } from 'vitest'
import { exampleOrder } from '../../../engine/src/order/example-order.js'
import { parseOrder } from '../../../engine/src/order/parse-order.js'
import { readShared } from '../policy/fixtures.js'

/** The first ```json block of orders.md: the contract's example order. */
function contractExample(): unknown {
  const text = readShared('product/orders.md')
  const block = /```json\n([\s\S]*?)\n```/.exec(text)
  if (!block) throw new Error('orders.md has no json block')
  return JSON.parse(block[1]!)
}

describe('exampleOrder', () => {
  it('is the example order of orders.md, field for field', () => {
    expect(exampleOrder()).toEqual(contractExample())
  })

  it('is a valid order', () => {
    expect(parseOrder(exampleOrder()).ok).toBe(true)
  })

  it('is a new object on every call', () => {
    const a = exampleOrder()
    a.customer.email = 'changed@example.com'
    expect(exampleOrder().customer.email).toBe('jane.doe@example.com')
    expect(a.billingAddress).not.toBe(a.shippingAddress)
  })
})
